import { ChangeDetectionStrategy, Component, computed, inject, signal, viewChild } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';

import { ApiError } from '../../api/api-error';
import { CommerceApi } from '../../api/commerce-api';
import { routeParam } from '../../directory/route-slug';
import { FormAlert } from '../../forms/form-alert/form-alert';
import { LocalizedPipe } from '../../i18n/localized';
import { LoadError } from '../../layout/load-error/load-error';
import { DateTimePipe } from '../../vouchers/date-time';
import { EuroPipe } from '../../vouchers/euro';
import { answerLost, IdempotentAttempt } from '../../vouchers/idempotency-key';
import { OrderFacts } from '../order-facts/order-facts';
import { OrderLines } from '../order-lines/order-lines';
import { OrderStatusBadge } from '../order-status/order-status';
import { ReasonAction } from '../reason-action/reason-action';

/**
 * "/ordini/:id": one order of the family — status in words, services and dates, which vouchers paid
 * how much and what the card paid, refunds and the reason of a cancellation, and "Annulla l'ordine"
 * while the family may still cancel on its own, with the deadline.
 */
@Component({
  selector: 'pz-order-page',
  imports: [
    RouterLink,
    TranslatePipe,
    FormAlert,
    LoadError,
    LocalizedPipe,
    DateTimePipe,
    EuroPipe,
    OrderFacts,
    OrderLines,
    OrderStatusBadge,
    ReasonAction,
  ],
  templateUrl: './order-page.html',
  styleUrl: './order-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrderPage {
  private readonly api = inject(CommerceApi);
  private readonly id = routeParam('id');
  private readonly cancelAction = viewChild(ReasonAction);

  protected readonly order = rxResource({
    params: () => this.id(),
    stream: ({ params: id }) => this.api.order(id),
  });
  protected readonly loadError = computed(() => {
    const error = this.order.error();
    return error ? ApiError.from(error) : null;
  });

  protected readonly cancelling = signal(false);
  protected readonly failure = signal<ApiError | null>(null);
  protected readonly canRetry = signal(false);
  protected readonly cancelled = signal(false);
  private readonly attempt = new IdempotentAttempt();
  private lastReason: string | null = null;

  protected async cancel(reason: string | null = this.lastReason): Promise<void> {
    const order = this.order.value();
    if (!order || this.cancelling()) return;
    this.lastReason = reason;
    const key = this.attempt.keyFor([order.id, reason]);
    this.cancelling.set(true);
    this.failure.set(null);
    this.canRetry.set(false);
    try {
      const updated = await firstValueFrom(this.api.cancelOrder(order.id, reason || null, key));
      this.attempt.settled(null);
      this.cancelAction()?.close();
      this.order.set(updated);
      this.cancelled.set(true);
    } catch (error) {
      const apiError = ApiError.from(error);
      this.attempt.settled(apiError);
      this.canRetry.set(answerLost(apiError));
      this.failure.set(apiError);
      // Refused (the deadline passed, the provider acted meanwhile): show the order as it is now.
      if (!answerLost(apiError)) this.order.reload();
    } finally {
      this.cancelling.set(false);
    }
  }
}
