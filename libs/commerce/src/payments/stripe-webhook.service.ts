import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '@piazza/core';
import type Stripe from 'stripe';
import { STRIPE_EVENT_HANDLER, type StripeEventHandler } from './stripe-event-handler';
import { StripeEventService } from './stripe-event.service';

export interface WebhookReceipt {
  received: true;
  /** The event had been received before: nothing was done again. */
  duplicate: boolean;
}

/** Acts once on each verified Stripe event: stores it, hands Checkout Session events to the checkout. */
@Injectable()
export class StripeWebhookService {
  constructor(
    private readonly events: StripeEventService,
    @Inject(STRIPE_EVENT_HANDLER) private readonly handler: StripeEventHandler,
  ) {}

  /** Must run inside the request's transaction (the event's row and its effects commit together). */
  async receive(ctx: RequestContext, event: Stripe.Event): Promise<WebhookReceipt> {
    if (!(await this.events.record(ctx.em, event))) return { received: true, duplicate: true };
    let outcome: string | void;
    switch (event.type) {
      case 'checkout.session.completed':
        outcome = await this.handler.onCheckoutCompleted(ctx, event.data.object);
        break;
      case 'checkout.session.expired':
        outcome = await this.handler.onCheckoutExpired(ctx, event.data.object);
        break;
      default:
        // Stored for the record; the endpoint should only be subscribed to the two above.
        outcome = 'ignored';
    }
    await this.events.markProcessed(ctx.em, event.id, outcome || 'handled');
    return { received: true, duplicate: false };
  }
}
