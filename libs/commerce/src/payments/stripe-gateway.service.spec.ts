import { loadConfig, RequestContext } from '@piazza/core';
import Stripe from 'stripe';
import type { EntityManager } from 'typeorm';
import { StripeGateway } from './stripe-gateway.service';

const SECRET = 'whsec_unit_0123456789';
const configured = () =>
  new StripeGateway(loadConfig({ STRIPE_SECRET_KEY: 'sk_test_unit', STRIPE_WEBHOOK_SECRET: SECRET }));
const ctx = RequestContext.system({} as EntityManager, 'unit');

function signed(payload: string, secret = SECRET, timestamp?: number) {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, ...(timestamp && { timestamp }) });
}

describe(StripeGateway.name, () => {
  const body = JSON.stringify({ id: 'evt_1', object: 'event', type: 'checkout.session.completed', data: {} });

  it('is available only with both the secret key and the webhook secret', () => {
    expect(configured().available()).toBe(true);
    expect(new StripeGateway(loadConfig({ STRIPE_SECRET_KEY: 'sk_test_unit' })).available()).toBe(false);
    expect(new StripeGateway(loadConfig({ STRIPE_WEBHOOK_SECRET: SECRET })).available()).toBe(false);
  });

  it('refuses to open a payment page or refund when card payment is off, before any call to Stripe', async () => {
    const off = new StripeGateway(loadConfig({}));
    await expect(
      off.createCheckoutSession(ctx, {
        checkoutId: 'c1',
        lines: [{ name: 'Nuoto', amount: 1000, quantity: 1 }],
        successUrl: 'http://localhost/ok',
        cancelUrl: 'http://localhost/no',
        expiresAt: new Date(Date.now() + 3600_000),
      }),
    ).rejects.toMatchObject({ code: 'CARD_PAYMENT_UNAVAILABLE', status: 409 });
    await expect(
      off.refund(ctx, { paymentIntentId: 'pi_1', amount: 100, orderId: 'o1' }),
    ).rejects.toMatchObject({
      code: 'CARD_PAYMENT_UNAVAILABLE',
      text: { it: expect.stringMatching(/rimborso/) },
    });
  });

  it('accepts the exact bytes Stripe signed and nothing else', () => {
    const gateway = configured();
    expect(gateway.verifyWebhook(Buffer.from(body), signed(body)).id).toBe('evt_1');
    const refused = { code: 'STRIPE_SIGNATURE_INVALID', status: 400 };
    // The same JSON re-serialised (one space more) is not what was signed.
    expect(() => gateway.verifyWebhook(Buffer.from(body.replace(':', ': ')), signed(body))).toThrow(
      expect.objectContaining(refused),
    );
    expect(() => gateway.verifyWebhook(Buffer.from(body), signed(body, 'whsec_other'))).toThrow(
      expect.objectContaining(refused),
    );
    expect(() => gateway.verifyWebhook(Buffer.from(body), undefined)).toThrow(
      expect.objectContaining(refused),
    );
    expect(() => gateway.verifyWebhook(undefined, signed(body))).toThrow(expect.objectContaining(refused));
    const old = Math.floor(Date.now() / 1000) - 3600;
    expect(() => gateway.verifyWebhook(Buffer.from(body), signed(body, SECRET, old))).toThrow(
      expect.objectContaining(refused),
    );
  });

  it('verifies nothing without a webhook secret', () => {
    const gateway = new StripeGateway(loadConfig({ STRIPE_SECRET_KEY: 'sk_test_unit' }));
    expect(() => gateway.verifyWebhook(Buffer.from(body), signed(body))).toThrow(
      expect.objectContaining({ code: 'STRIPE_SIGNATURE_INVALID' }),
    );
  });

  it('talks to the address in STRIPE_API_BASE only when it is https or on this machine', () => {
    expect(() => loadConfig({ STRIPE_API_BASE: 'http://stripe.example' })).toThrow(/STRIPE_API_BASE=/);
    expect(loadConfig({ STRIPE_API_BASE: 'http://127.0.0.1:4010' }).STRIPE_API_BASE).toBe(
      'http://127.0.0.1:4010',
    );
  });
});
