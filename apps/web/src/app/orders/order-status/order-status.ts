import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';

import { type OrderStatus } from '../../api/commerce-models';
import { Icon } from '../../layout/icon/icon';

const ICONS: Record<OrderStatus, string> = {
  pending_payment: 'it-clock',
  paid: 'it-card',
  confirmed: 'it-check-circle',
  fulfilled: 'it-check',
  cancelled: 'it-close-circle',
  declined: 'it-ban',
  expired: 'it-minus-circle',
};

/** An order's status in words ("Pagato", "Confermato"…); icon and colour only repeat them. */
@Component({
  selector: 'pz-order-status',
  imports: [TranslatePipe, Icon],
  template: `
    <span class="badge-status" [class]="'badge-status status-' + status()" data-testid="order-status">
      <svg [pzIcon]="icon()"></svg>
      <span>{{ 'commerce.status.' + status() | translate }}</span>
    </span>
  `,
  styleUrl: '../../layout/status-badge.css',
  styles: `
    /* Each colour reads at 4.5:1 or more on white; the words carry the meaning. */
    .status-paid {
      color: #0059b3;
    }
    .status-confirmed,
    .status-fulfilled {
      color: #00704a;
    }
    .status-pending_payment {
      color: #8a4b00;
    }
    .status-expired {
      color: #455b71;
    }
    .status-cancelled,
    .status-declined {
      color: #a61e33;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrderStatusBadge {
  readonly status = input.required<OrderStatus>();

  protected readonly icon = computed(() => ICONS[this.status()]);
}
