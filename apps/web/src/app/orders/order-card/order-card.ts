import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

import { type Order } from '../../api/commerce-models';
import { WhenPipe } from '../../directory/when';
import { LocalDatePipe } from '../../i18n/local-date';
import { EuroPipe } from '../../vouchers/euro';
import { OrderStatusBadge } from '../order-status/order-status';

/**
 * One order in a list: number (the link to it), status, who provides it, its services with their
 * dates, the total. `link` is the order's page: the family's by default, the provider's when given.
 */
@Component({
  selector: 'pz-order-card',
  imports: [RouterLink, TranslatePipe, WhenPipe, LocalDatePipe, EuroPipe, OrderStatusBadge],
  template: `
    @let current = order();
    <article class="order" [attr.aria-labelledby]="'order-card-' + current.id" data-testid="order-card">
      <div class="head">
        <h3 class="h5" [id]="'order-card-' + current.id">
          <a [routerLink]="link() ?? ['/ordini', current.id]" [queryParams]="queryParams()">
            {{ 'commerce.order.number' | translate: { number: current.number } }}
          </a>
        </h3>
        <pz-order-status [status]="current.status" />
      </div>
      <p class="who">
        @if (current.household; as household) {
          {{ household.name }} · {{ household.comune }}
        } @else {
          {{ current.provider.name }}
        }
        · {{ 'commerce.order.placedOn' | translate: { date: (current.createdAt | localDate) } }}
      </p>
      <ul class="services">
        @for (line of current.lines; track line.id) {
          <li>
            {{ line.title }}
            @if (line.slot; as slot) {
              <span class="when">– {{ slot | when: { year: false } }}</span>
            }
          </li>
        }
      </ul>
      <p class="total">
        {{ 'commerce.order.total' | translate }} <strong>{{ current.total | euro }}</strong>
      </p>
    </article>
  `,
  styles: `
    :host {
      display: block;
    }
    .order {
      padding: 1rem;
      border: 1px solid #c5c7c9;
      border-radius: 4px;
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem 1rem;
      margin-bottom: 0.5rem;
    }
    .head h3 {
      margin: 0;
    }
    .who,
    .when {
      color: #455b71;
    }
    .who {
      margin-bottom: 0.5rem;
    }
    .services {
      margin: 0 0 0.5rem;
      padding-left: 1.25rem;
    }
    .total {
      margin: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrderCard {
  readonly order = input.required<Order>();
  /** The order's page, when it is not the family's "/ordini/:id". */
  readonly link = input<string[] | null>(null);
  readonly queryParams = input<Record<string, string>>({});
}
