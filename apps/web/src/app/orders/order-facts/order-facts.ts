import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

import { type Order } from '../../api/commerce-models';
import { DateTimePipe } from '../../vouchers/date-time';

/**
 * Who and when of an order: the provider (for the family) or the household (for the provider), the
 * day of each step, and the reason of a cancellation or refusal.
 */
@Component({
  selector: 'pz-order-facts',
  imports: [RouterLink, TranslatePipe, DateTimePipe],
  template: `
    @let current = order();
    <dl class="facts">
      @if (forProvider()) {
        @if (current.household; as household) {
          <div>
            <dt>{{ 'commerce.order.household' | translate }}</dt>
            <dd data-testid="order-household">{{ household.name }} ({{ household.comune }})</dd>
          </div>
        }
      } @else {
        <div>
          <dt>{{ 'commerce.order.provider' | translate }}</dt>
          <dd>
            <a [routerLink]="['/enti', current.provider.slug]">{{ current.provider.name }}</a>
          </dd>
        </div>
      }
      <div>
        <dt>{{ 'commerce.order.placed' | translate }}</dt>
        <dd>{{ current.createdAt | dateTime }}</dd>
      </div>
      @if (current.paidAt) {
        <div>
          <dt>{{ 'commerce.order.paid' | translate }}</dt>
          <dd>{{ current.paidAt | dateTime }}</dd>
        </div>
      }
      @if (current.confirmedAt) {
        <div>
          <dt>{{ 'commerce.order.confirmed' | translate }}</dt>
          <dd>{{ current.confirmedAt | dateTime }}</dd>
        </div>
      }
      @if (current.fulfilledAt) {
        <div>
          <dt>{{ 'commerce.order.fulfilled' | translate }}</dt>
          <dd>{{ current.fulfilledAt | dateTime }}</dd>
        </div>
      } @else if (current.closedAt) {
        <div>
          <dt>{{ 'commerce.order.closed' | translate }}</dt>
          <dd>{{ current.closedAt | dateTime }}</dd>
        </div>
      }
      @if (current.reason) {
        <div>
          <dt>{{ 'commerce.order.reason' | translate }}</dt>
          <dd data-testid="order-reason">{{ current.reason }}</dd>
        </div>
      }
    </dl>
  `,
  styleUrl: '../../vouchers/card-facts.css',
  styles: `
    :host {
      display: block;
      margin-bottom: 1.5rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrderFacts {
  readonly order = input.required<Order>();
  readonly forProvider = input(false);
}
