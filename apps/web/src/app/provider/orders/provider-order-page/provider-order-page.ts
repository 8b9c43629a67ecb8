import { ChangeDetectionStrategy, Component, computed, inject, signal, viewChildren } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom, type Observable, of } from 'rxjs';

import { ApiError } from '../../../api/api-error';
import { CommerceApi } from '../../../api/commerce-api';
import { type Order } from '../../../api/commerce-models';
import { routeParam } from '../../../directory/route-slug';
import { FormAlert } from '../../../forms/form-alert/form-alert';
import { LoadError } from '../../../layout/load-error/load-error';
import { OrderFacts } from '../../../orders/order-facts/order-facts';
import { OrderLines } from '../../../orders/order-lines/order-lines';
import { OrderStatusBadge } from '../../../orders/order-status/order-status';
import { ReasonAction } from '../../../orders/reason-action/reason-action';
import { EuroPipe } from '../../../vouchers/euro';
import { answerLost, IdempotentAttempt } from '../../../vouchers/idempotency-key';
import { ProviderNav } from '../../provider-nav/provider-nav';
import { ProviderOrganisation } from '../../provider-organisation';

type Step = 'confirm' | 'decline' | 'fulfil' | 'cancel';

/**
 * One order received: who ordered (name and Comune; never the voucher codes), the services and
 * dates, what vouchers and card paid, and the next steps: confirm or decline (with the reason the
 * family reads) a paid order; mark a confirmed one as done, or cancel it with a reason.
 */
@Component({
  selector: 'pz-provider-order-page',
  imports: [
    RouterLink,
    TranslatePipe,
    FormAlert,
    LoadError,
    EuroPipe,
    OrderFacts,
    OrderLines,
    OrderStatusBadge,
    ProviderNav,
    ReasonAction,
  ],
  templateUrl: './provider-order-page.html',
  styleUrl: './provider-order-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProviderOrderPage {
  private readonly api = inject(CommerceApi);
  protected readonly organisation = inject(ProviderOrganisation);
  private readonly id = routeParam('id');
  private readonly reasonActions = viewChildren(ReasonAction);

  protected readonly order = rxResource({
    params: () => ({ organisationId: this.organisation.current()?.id, orderId: this.id() }),
    stream: ({ params }): Observable<Order | undefined> =>
      params.organisationId ? this.api.providerOrder(params.organisationId, params.orderId) : of(undefined),
  });
  protected readonly loadError = computed(() => {
    const error = this.order.error();
    return error ? ApiError.from(error) : null;
  });

  protected readonly busy = signal<Step | null>(null);
  protected readonly failure = signal<ApiError | null>(null);
  protected readonly canRetry = signal(false);
  /** The step just done, said once. */
  protected readonly done = signal<Step | null>(null);
  private readonly attempt = new IdempotentAttempt();
  private lastStep: { step: Step; reason: string } | null = null;

  protected confirm(): Promise<void> {
    return this.act('confirm', '');
  }

  protected fulfil(): Promise<void> {
    return this.act('fulfil', '');
  }

  protected decline(reason: string): Promise<void> {
    return this.act('decline', reason);
  }

  protected cancel(reason: string): Promise<void> {
    return this.act('cancel', reason);
  }

  /** "Riprova" after a lost answer: the same step, with the same Idempotency-Key. */
  protected retry(): Promise<void> {
    return this.lastStep ? this.act(this.lastStep.step, this.lastStep.reason) : Promise.resolve();
  }

  private async act(step: Step, reason: string): Promise<void> {
    const organisationId = this.organisation.current()?.id;
    const order = this.order.value();
    if (!organisationId || !order || this.busy()) return;
    this.lastStep = { step, reason };
    this.busy.set(step);
    this.failure.set(null);
    this.canRetry.set(false);
    this.done.set(null);
    try {
      const updated = await firstValueFrom(this.request(step, organisationId, order.id, reason));
      this.attempt.settled(null);
      for (const action of this.reasonActions()) action.close();
      this.order.set(updated);
      this.done.set(step);
    } catch (error) {
      const apiError = ApiError.from(error);
      this.attempt.settled(apiError);
      this.canRetry.set(answerLost(apiError));
      this.failure.set(apiError);
      if (!answerLost(apiError)) this.order.reload();
    } finally {
      this.busy.set(null);
    }
  }

  private request(step: Step, organisationId: string, orderId: string, reason: string): Observable<Order> {
    switch (step) {
      case 'confirm':
        return this.api.confirmOrder(organisationId, orderId);
      case 'fulfil':
        return this.api.fulfilOrder(organisationId, orderId);
      case 'decline':
        return this.api.declineOrder(
          organisationId,
          orderId,
          reason,
          this.attempt.keyFor([step, orderId, reason]),
        );
      case 'cancel':
        return this.api.providerCancelOrder(
          organisationId,
          orderId,
          reason,
          this.attempt.keyFor([step, orderId, reason]),
        );
    }
  }
}
