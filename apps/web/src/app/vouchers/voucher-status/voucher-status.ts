import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';

import { type VoucherStatus } from '../../api/vouchers-models';
import { Icon } from '../../layout/icon/icon';

const ICONS: Record<VoucherStatus, string> = {
  active: 'it-check-circle',
  exhausted: 'it-minus-circle',
  expired: 'it-clock',
  revoked: 'it-ban',
};

/** A voucher's status in words ("Attivo", "Scaduto"…); icon and colour only repeat them. */
@Component({
  selector: 'pz-voucher-status',
  imports: [TranslatePipe, Icon],
  template: `
    <span class="badge-status" [class]="'badge-status status-' + status()" data-testid="voucher-status">
      <svg [pzIcon]="icon()"></svg>
      <span>{{ 'vouchers.status.' + status() | translate }}</span>
    </span>
  `,
  styleUrl: '../../layout/status-badge.css',
  styles: `
    /* Each colour reads at 4.5:1 or more on white; the words carry the meaning. */
    .status-active {
      color: #00704a;
    }
    .status-exhausted,
    .status-expired {
      color: #455b71;
    }
    .status-revoked {
      color: #a61e33;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VoucherStatusBadge {
  readonly status = input.required<VoucherStatus>();

  protected readonly icon = computed(() => ICONS[this.status()]);
}
