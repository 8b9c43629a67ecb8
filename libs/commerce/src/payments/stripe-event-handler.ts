import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@piazza/core';
import type Stripe from 'stripe';

/**
 * What the checkout does with Stripe's verdict on a Checkout Session. Called at most once per event, inside
 * the transaction that stored the event; an exception rolls both back and Stripe delivers again. The
 * answer is the outcome written on the event's row (default `handled`).
 */
export interface StripeEventHandler {
  /** `checkout.session.completed`: check `payment_status === 'paid'` before capturing. */
  onCheckoutCompleted(ctx: RequestContext, session: Stripe.Checkout.Session): Promise<string | void>;
  /** `checkout.session.expired`: release the holds and the slot places, unless already paid. */
  onCheckoutExpired(ctx: RequestContext, session: Stripe.Checkout.Session): Promise<string | void>;
}

/** Injection token of the StripeEventHandler (the checkout service implements it). */
export const STRIPE_EVENT_HANDLER = Symbol('STRIPE_EVENT_HANDLER');

/** Stands in until the checkout service handles events: every event is stored and marked `ignored`. */
@Injectable()
export class IgnoringStripeEventHandler implements StripeEventHandler {
  async onCheckoutCompleted(): Promise<string> {
    return 'ignored';
  }

  async onCheckoutExpired(): Promise<string> {
    return 'ignored';
  }
}
