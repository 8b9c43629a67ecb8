import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { STRIPE_EVENT_HANDLER, StripeGateway, type StripeEventHandler } from '@piazza/commerce';
import { RequestContext } from '@piazza/core';
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { DataSource } from 'typeorm';
import { HttpClient } from '../support/http-client';
import { StripeStandIn } from '../support/stripe-stand-in';
import { createTestApi, useTestApi } from '../support/test-api';

const WEBHOOK_SECRET = 'whsec_piazza_e2e_0123456789abcdef';

describe('Card payments: Stripe Checkout through the gateway, and the signed webhook', () => {
  let standIn: StripeStandIn;
  // Filled in before useTestApi's own beforeAll reads it: the stand-in's port is known only once it listens.
  const overrides: Record<string, string> = {
    STRIPE_SECRET_KEY: 'sk_test_piazza_e2e',
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
  };
  beforeAll(async () => {
    standIn = await StripeStandIn.start();
    overrides['STRIPE_API_BASE'] = standIn.url;
  });
  const api = useTestApi(overrides);
  afterAll(() => standIn?.close());

  let handler: StripeEventHandler;
  let completed: jest.SpyInstance;
  let expired: jest.SpyInstance;
  beforeAll(() => {
    // Whatever implements the handler (the checkout service), these tests see only what reaches it.
    handler = api.app.get<StripeEventHandler>(STRIPE_EVENT_HANDLER);
    completed = jest.spyOn(handler, 'onCheckoutCompleted').mockResolvedValue('captured');
    expired = jest.spyOn(handler, 'onCheckoutExpired').mockResolvedValue('released');
  });
  beforeEach(() => {
    completed.mockClear();
    expired.mockClear();
  });

  const ctx = () => RequestContext.system(api.app.get(DataSource).manager, `e2e-${randomUUID()}`);
  const gateway = () => api.app.get(StripeGateway);
  const rowsOf = (id: string) =>
    api.app
      .get(DataSource)
      .query(`SELECT type, outcome, processed_at FROM stripe_event WHERE id = $1`, [id]) as Promise<
      { type: string; outcome: string | null; processed_at: Date | null }[]
    >;

  function deliver(
    app: NestFastifyApplication,
    request: { body: string; headers: Record<string, string> },
  ): ReturnType<HttpClient['post']> {
    // Stripe's servers send no cookie and no XSRF token.
    return new HttpClient(app).post('/api/stripe/webhook', request.body, {
      csrf: false,
      headers: request.headers,
    });
  }

  async function openSession(checkoutId = randomUUID(), amount = 4500) {
    return gateway().createCheckoutSession(ctx(), {
      checkoutId,
      lines: [
        { name: 'Cooperativa Il Ponte: Doposcuola', amount, quantity: 1 },
        { name: 'Centro Sportivo: Nuoto', amount: 1200, quantity: 1 },
      ],
      customerEmail: 'famiglia@demo.piazza.example',
      successUrl: 'http://localhost/checkout/ok',
      cancelUrl: 'http://localhost/checkout/annullato',
      expiresAt: new Date(Date.now() + 3600_000),
    });
  }

  it('stores a signed event once however often Stripe delivers it, and acts on it once', async () => {
    const checkoutId = randomUUID();
    const session = await openSession(checkoutId);
    const event = standIn.complete(session.id);
    const request = standIn.signedWebhook(event, WEBHOOK_SECRET);

    // Five deliveries at once: Stripe retries, and may send the same event twice concurrently.
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => deliver(api.app, request)));

    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.filter((a) => a.body.duplicate === false)).toHaveLength(1);
    expect(answers.filter((a) => a.body.duplicate === true)).toHaveLength(4);
    expect(answers.every((a) => a.body.received === true)).toBe(true);
    expect(completed).toHaveBeenCalledTimes(1);
    const [, paidSession] = completed.mock.calls[0] as [RequestContext, Stripe.Checkout.Session];
    expect(paidSession).toMatchObject({
      id: session.id,
      client_reference_id: checkoutId,
      metadata: { checkoutId },
      payment_status: 'paid',
      amount_total: 5700,
    });
    expect(paidSession.payment_intent).toMatch(/^pi_/);
    const rows = await rowsOf(event.id);
    expect(rows).toEqual([
      { type: 'checkout.session.completed', outcome: 'captured', processed_at: expect.any(Date) },
    ]);

    // A later redelivery (Stripe retries for days) still changes nothing.
    const again = await deliver(api.app, request);
    expect(again.body).toEqual({ received: true, duplicate: true });
    expect(completed).toHaveBeenCalledTimes(1);
  });

  it('hands an expired session to the checkout, and stores other events without acting on them', async () => {
    const session = await openSession();
    const expiry = standIn.expire(session.id);
    expect((await deliver(api.app, standIn.signedWebhook(expiry, WEBHOOK_SECRET))).body).toEqual({
      received: true,
      duplicate: false,
    });
    expect(expired).toHaveBeenCalledTimes(1);
    expect((expired.mock.calls[0] as [RequestContext, Stripe.Checkout.Session])[1].status).toBe('expired');
    expect(await rowsOf(expiry.id)).toEqual([
      { type: 'checkout.session.expired', outcome: 'released', processed_at: expect.any(Date) },
    ]);

    const other = {
      ...expiry,
      id: `evt_other_${randomUUID()}`,
      type: 'payment_intent.created',
      data: { object: { id: 'pi_x', object: 'payment_intent' } },
    } as unknown as Stripe.Event;
    const res = await deliver(api.app, standIn.signedWebhook(other, WEBHOOK_SECRET));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: true, duplicate: false });
    expect(await rowsOf(other.id)).toEqual([
      { type: 'payment_intent.created', outcome: 'ignored', processed_at: expect.any(Date) },
    ]);
    expect(completed).not.toHaveBeenCalled();
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('refuses a wrong, missing, stale or replayed-onto-another-body signature with 400 and stores nothing', async () => {
    const session = await openSession();
    const event = standIn.complete(session.id);
    const good = standIn.signedWebhook(event, WEBHOOK_SECRET);
    const { 'stripe-signature': _, ...unsigned } = good.headers;
    const stale = Stripe.webhooks.generateTestHeaderString({
      payload: good.body,
      secret: WEBHOOK_SECRET,
      timestamp: Math.floor(Date.now() / 1000) - 600,
    });
    const attempts = {
      'another secret': standIn.signedWebhook(event, 'whsec_someone_else'),
      'no signature': { body: good.body, headers: unsigned },
      'a tampered body': {
        body: good.body.replace('"amount_total": 5700', '"amount_total": 1'),
        headers: good.headers,
      },
      'a signature older than 5 minutes': {
        body: good.body,
        headers: { ...good.headers, 'stripe-signature': stale },
      },
      'garbage in the header': {
        body: good.body,
        headers: { ...good.headers, 'stripe-signature': 't=1,v1=abc' },
      },
    };
    expect(attempts['a tampered body'].body).not.toBe(good.body);
    for (const [what, request] of Object.entries(attempts)) {
      const res = await deliver(api.app, request);
      expect({ what, status: res.status, code: res.body.code }).toEqual({
        what,
        status: 400,
        code: 'STRIPE_SIGNATURE_INVALID',
      });
      expect(res.body.message.it).toMatch(/firma/i);
    }
    expect(await rowsOf(event.id)).toEqual([]);
    expect(completed).not.toHaveBeenCalled();

    // The genuine delivery still goes through afterwards.
    expect((await deliver(api.app, good)).status).toBe(200);
    expect(await rowsOf(event.id)).toHaveLength(1);
  });

  it('offers card payment in the settings only when both Stripe secrets are set', async () => {
    const on = await new HttpClient(api.app).get('/api/settings');
    expect(on.body.payments).toEqual({ card: true, reason: null });

    for (const missing of [
      { STRIPE_SECRET_KEY: '', STRIPE_WEBHOOK_SECRET: '' },
      { STRIPE_WEBHOOK_SECRET: '' },
      { STRIPE_SECRET_KEY: '' },
    ]) {
      const app = await createTestApi(api.env.with(missing));
      try {
        const off = await new HttpClient(app).get('/api/settings');
        expect(off.body.payments).toEqual({
          card: false,
          reason: {
            it: 'Il pagamento con carta non è attivo in questo Ambito: si può pagare solo con i buoni.',
            en: 'Card payment is not enabled in this Ambito: you can pay with vouchers only.',
          },
        });
        expect(app.get(StripeGateway).available()).toBe(false);
        await expect(openSessionOn(app)).rejects.toMatchObject({
          code: 'CARD_PAYMENT_UNAVAILABLE',
          status: 409,
        });
      } finally {
        await app.close();
      }
    }
  });

  it('answers 400 even to a well signed event when no webhook secret is configured, storing nothing', async () => {
    const session = await openSession();
    const event = standIn.complete(session.id);
    const app = await createTestApi(api.env.with({ STRIPE_WEBHOOK_SECRET: '' }));
    try {
      const res = await deliver(app, standIn.signedWebhook(event, WEBHOOK_SECRET));
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('STRIPE_SIGNATURE_INVALID');
    } finally {
      await app.close();
    }
    expect(await rowsOf(event.id)).toEqual([]);
  });

  it('opens one Checkout Session per checkout, under the idempotency key checkout:<id>', async () => {
    const checkoutId = randomUUID();
    const before = standIn.requests.length;
    const expiresAt = new Date(Math.floor(Date.now() / 1000 + 1800) * 1000);
    const input = {
      checkoutId,
      lines: [{ name: 'Doposcuola (parte con carta)', amount: 2550, quantity: 1 as const }],
      customerEmail: null,
      successUrl: 'http://localhost/checkout/ok',
      cancelUrl: 'http://localhost/checkout/annullato',
      expiresAt,
    };
    const first = await gateway().createCheckoutSession(ctx(), input);
    const second = await gateway().createCheckoutSession(ctx(), input);

    expect(second).toEqual(first);
    expect(first.id).toMatch(/^cs_test_/);
    expect(first.url).toBe(`${standIn.url}/pay/${first.id}`);
    expect(first.expiresAt).toEqual(expiresAt);
    const calls = standIn.requests.slice(before);
    expect(calls.map((r) => `${r.method} ${r.path} ${r.idempotencyKey}`)).toEqual([
      `POST /v1/checkout/sessions checkout:${checkoutId}`,
      `POST /v1/checkout/sessions checkout:${checkoutId}`,
    ]);
    expect(calls[0].body).toMatchObject({
      mode: 'payment',
      currency: 'eur',
      client_reference_id: checkoutId,
      metadata: { checkoutId },
      expires_at: String(expiresAt.getTime() / 1000),
      line_items: [
        {
          quantity: '1',
          price_data: {
            currency: 'eur',
            unit_amount: '2550',
            product_data: { name: 'Doposcuola (parte con carta)' },
          },
        },
      ],
    });
    expect(calls[0].body).not.toHaveProperty('customer_email');
    expect(standIn.session(first.id)).toMatchObject({ amount_total: 2550, status: 'open' });
  });

  it('turns a Stripe failure into 503 PAYMENT_PROVIDER_UNAVAILABLE after the retries, with the same key each time', async () => {
    const checkoutId = randomUUID();
    const before = standIn.requests.length;
    standIn.failNext(500, 3);
    const failure = await openSession(checkoutId).catch((e: unknown) => e);
    expect(failure).toMatchObject({
      code: 'PAYMENT_PROVIDER_UNAVAILABLE',
      status: 503,
      text: { it: expect.stringMatching(/non risponde/) },
    });
    // One try and the SDK's two retries, all under the checkout's key.
    expect(standIn.requests.slice(before).map((r) => r.idempotencyKey)).toEqual([
      `checkout:${checkoutId}`,
      `checkout:${checkoutId}`,
      `checkout:${checkoutId}`,
    ]);

    // A single hiccup is absorbed by a retry: the family gets its payment page.
    standIn.failNext(503);
    const session = await openSession(checkoutId);
    expect(session.url).toContain('/pay/cs_test_');

    // A refusal (an unknown PaymentIntent) is no 500 either.
    await expect(
      gateway().refund(ctx(), { paymentIntentId: 'pi_unknown', amount: 100, orderId: randomUUID() }),
    ).rejects.toMatchObject({ code: 'PAYMENT_PROVIDER_UNAVAILABLE', status: 503 });
  });

  it('refunds a card payment once per order and amount, under the key refund:<orderId>:<amount>', async () => {
    const session = await openSession(randomUUID(), 3000);
    const paid = standIn.complete(session.id).data.object as Stripe.Checkout.Session;
    const orderId = randomUUID();
    const input = { paymentIntentId: paid.payment_intent as string, amount: 1000, orderId };
    const before = standIn.requests.length;

    const first = await gateway().refund(ctx(), input);
    const again = await gateway().refund(ctx(), input);

    expect(first).toEqual({ id: expect.stringMatching(/^re_/), status: 'succeeded' });
    expect(again).toEqual(first);
    const calls = standIn.requests.slice(before);
    expect(calls.map((r) => r.idempotencyKey)).toEqual([`refund:${orderId}:1000`, `refund:${orderId}:1000`]);
    expect(calls[0].body).toMatchObject({ payment_intent: paid.payment_intent, amount: '1000' });
    // Another amount is another refund; going over what was paid is refused by Stripe, and is no 500.
    expect(paid.amount_total).toBe(4200);
    const rest = await gateway().refund(ctx(), { ...input, amount: 3200 });
    expect(rest.id).not.toBe(first.id);
    await expect(gateway().refund(ctx(), { ...input, amount: 1 })).rejects.toMatchObject({
      code: 'PAYMENT_PROVIDER_UNAVAILABLE',
    });
  });

  function openSessionOn(app: NestFastifyApplication) {
    return app.get(StripeGateway).createCheckoutSession(ctx(), {
      checkoutId: randomUUID(),
      lines: [{ name: 'Nuoto', amount: 1000, quantity: 1 }],
      successUrl: 'http://localhost/ok',
      cancelUrl: 'http://localhost/no',
      expiresAt: new Date(Date.now() + 3600_000),
    });
  }
});
