import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

import { ApiError } from '../../api/api-error';
import { CommerceApi } from '../../api/commerce-api';
import { LoadError } from '../../layout/load-error/load-error';
import { OrderCard } from '../order-card/order-card';

/** "/ordini": the household's orders, newest first, each with its status in words. */
@Component({
  selector: 'pz-order-list',
  imports: [RouterLink, TranslatePipe, LoadError, OrderCard],
  template: `
    <div class="container py-4 py-lg-5">
      <h1>{{ 'commerce.orders.title' | translate }}</h1>
      <p class="pz-lead">{{ 'commerce.orders.lead' | translate }}</p>

      @if (orders.isLoading() && !orders.hasValue()) {
        <p role="status">{{ 'commerce.loading' | translate }}</p>
      } @else if (loadError(); as error) {
        <pz-load-error [error]="error" fallbackKey="commerce.orders.loadError" (retry)="orders.reload()" />
      } @else if (orders.hasValue()) {
        @if (orders.value().length) {
          <ul class="orders" data-testid="order-list">
            @for (order of orders.value(); track order.id) {
              <li><pz-order-card [order]="order" /></li>
            }
          </ul>
        } @else {
          <p data-testid="orders-empty">{{ 'commerce.orders.empty' | translate }}</p>
          <p>
            <a class="btn btn-primary" routerLink="/catalogo">{{
              'commerce.cart.toCatalogue' | translate
            }}</a>
          </p>
        }
      }
    </div>
  `,
  styles: `
    .orders {
      display: grid;
      gap: 1rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrderList {
  private readonly api = inject(CommerceApi);

  protected readonly orders = rxResource({ stream: () => this.api.orders() });
  protected readonly loadError = computed(() => {
    const error = this.orders.error();
    return error ? ApiError.from(error) : null;
  });
}
