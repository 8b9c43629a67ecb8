import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, cardPaymentEnabled, type RequestContext } from '@piazza/core';
import Stripe from 'stripe';
import {
  CardPaymentUnavailableError,
  PaymentProviderUnavailableError,
  StripeSignatureInvalidError,
} from './payment-errors';

/** One line of a Checkout Session: what the family reads on Stripe's page and the card part, in cents. */
export interface CheckoutSessionLine {
  name: string;
  amount: number;
  quantity: 1;
}

export interface CreateCheckoutSessionInput {
  checkoutId: string;
  lines: CheckoutSessionLine[];
  customerEmail?: string | null;
  successUrl: string;
  cancelUrl: string;
  /** Stripe accepts 30 minutes to 24 hours from now. */
  expiresAt: Date;
}

export interface CheckoutSessionRef {
  id: string;
  url: string;
  expiresAt: Date;
}

export interface RefundInput {
  paymentIntentId: string;
  amount: number;
  orderId: string;
}

/**
 * The one door to Stripe: Checkout Sessions for the card part of a checkout, refunds, and the webhook's
 * signature. Every call that creates something carries an idempotency key derived from our own ids, so a
 * retry (the SDK's or ours) never makes a second session or a second refund.
 */
@Injectable()
export class StripeGateway {
  private readonly logger = new Logger(StripeGateway.name);
  private readonly stripe: Stripe | null;
  private readonly webhookSecret: string | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.webhookSecret = config.STRIPE_WEBHOOK_SECRET ?? null;
    this.stripe = cardPaymentEnabled(config)
      ? new Stripe(config.STRIPE_SECRET_KEY!, {
          // Pinned: the SDK's types describe exactly this version.
          apiVersion: Stripe.API_VERSION,
          maxNetworkRetries: 2,
          timeout: 10_000,
          telemetry: false,
          ...apiBase(config.STRIPE_API_BASE),
        })
      : null;
  }

  /** Whether card payment is configured (secret key and webhook secret). */
  available(): boolean {
    return this.stripe !== null;
  }

  /** A hosted Checkout Session for the card part of a checkout; the same checkout always gets the same one. */
  async createCheckoutSession(
    ctx: RequestContext,
    input: CreateCheckoutSessionInput,
  ): Promise<CheckoutSessionRef> {
    const stripe = this.require();
    const session = await this.call(ctx, 'create a Checkout Session', { checkoutId: input.checkoutId }, () =>
      stripe.checkout.sessions.create(
        {
          mode: 'payment',
          currency: 'eur',
          allowed_payment_method_types: ['card'],
          line_items: input.lines.map((line) => ({
            quantity: line.quantity,
            price_data: { currency: 'eur', unit_amount: line.amount, product_data: { name: line.name } },
          })),
          client_reference_id: input.checkoutId,
          metadata: { checkoutId: input.checkoutId },
          payment_intent_data: { metadata: { checkoutId: input.checkoutId } },
          ...(input.customerEmail && { customer_email: input.customerEmail }),
          success_url: input.successUrl,
          cancel_url: input.cancelUrl,
          expires_at: Math.floor(input.expiresAt.getTime() / 1000),
        },
        { idempotencyKey: `checkout:${input.checkoutId}` },
      ),
    );
    if (!session.url) {
      this.logger.error(
        { reqId: ctx.requestId, checkoutId: input.checkoutId, sessionId: session.id },
        'Stripe answered a Checkout Session without a URL',
      );
      throw new PaymentProviderUnavailableError();
    }
    return { id: session.id, url: session.url, expiresAt: new Date(session.expires_at * 1000) };
  }

  /**
   * A Checkout Session as Stripe has it now, or null when Stripe does not know it: for the sweep of
   * checkouts whose webhook never came.
   */
  async retrieveCheckoutSession(
    ctx: RequestContext,
    sessionId: string,
  ): Promise<Stripe.Checkout.Session | null> {
    const stripe = this.require();
    return this.call(ctx, 'read a Checkout Session', { sessionId }, () =>
      stripe.checkout.sessions.retrieve(sessionId).catch((error: unknown) => {
        if (error instanceof Stripe.errors.StripeError && error.code === 'resource_missing') return null;
        throw error;
      }),
    );
  }

  /** Gives `amount` cents back to the card that paid; once per order and amount, however often it is asked. */
  async refund(ctx: RequestContext, input: RefundInput): Promise<{ id: string; status: string }> {
    const stripe = this.require({
      it: "Il rimborso sulla carta non è possibile ora: il pagamento con carta non è più attivo in questo Ambito. Contatta l'Ufficio di Piano.",
      en: 'The refund to the card is not possible now: card payment is no longer enabled in this Ambito. Contact the Ufficio di Piano.',
    });
    const refund = await this.call(ctx, 'refund', { orderId: input.orderId, amount: input.amount }, () =>
      stripe.refunds.create(
        { payment_intent: input.paymentIntentId, amount: input.amount, metadata: { orderId: input.orderId } },
        { idempotencyKey: `refund:${input.orderId}:${input.amount}` },
      ),
    );
    return { id: refund.id, status: refund.status ?? 'pending' };
  }

  /**
   * The event Stripe sent, after checking its signature against the exact bytes received and the webhook
   * secret (and that it is recent); anything else is STRIPE_SIGNATURE_INVALID.
   */
  verifyWebhook(rawBody: Buffer | undefined, signature: string | undefined): Stripe.Event {
    if (!this.webhookSecret || !rawBody || !signature) throw new StripeSignatureInvalidError();
    try {
      return Stripe.webhooks.constructEvent(rawBody, signature, this.webhookSecret);
    } catch {
      throw new StripeSignatureInvalidError();
    }
  }

  private require(reason?: ConstructorParameters<typeof CardPaymentUnavailableError>[0]): Stripe {
    if (!this.stripe) throw new CardPaymentUnavailableError(reason);
    return this.stripe;
  }

  /** Runs one Stripe call; any Stripe failure (network, API, after the SDK's retries) becomes a 503. */
  private async call<T>(
    ctx: RequestContext,
    what: string,
    ids: Record<string, unknown>,
    request: () => Promise<T>,
  ): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (!(error instanceof Stripe.errors.StripeError)) throw error;
      this.logger.error(
        {
          reqId: ctx.requestId,
          ...ids,
          stripe: {
            type: error.type,
            code: error.code,
            status: error.statusCode,
            requestId: error.requestId,
          },
          err: error,
        },
        `Stripe: cannot ${what}`,
      );
      throw new PaymentProviderUnavailableError();
    }
  }
}

/** SDK options that point it at another address than api.stripe.com (a local stand-in in tests). */
function apiBase(base: string | undefined): Pick<Stripe.StripeConfig, 'host' | 'port' | 'protocol'> {
  if (!base) return {};
  const url = new URL(base);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname, port: url.port || (protocol === 'http' ? 80 : 443), protocol };
}
