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
    <span class="voucher-status" [class]="'voucher-status status-' + status()" data-testid="voucher-status">
      <svg [pzIcon]="icon()"></svg>
      <span>{{ 'vouchers.status.' + status() | translate }}</span>
    </span>
  `,
  styles: `
    .voucher-status {
      display: inline-flex;
      align-items: center;
      gap: 0.375rem;
      padding: 0.125rem 0.5rem;
      font-size: 0.9375rem;
      font-weight: 600;
      white-space: nowrap;
      border: 2px solid currentColor;
      border-radius: 4px;
    }
    .icon {
      flex-shrink: 0;
      width: 18px;
      height: 18px;
      fill: currentColor;
    }
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
