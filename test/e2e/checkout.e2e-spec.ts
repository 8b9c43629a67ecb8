import { LedgerVerifier } from '@piazza/ledger';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { givenDemoAmbito } from '../support/demo-ambito';
import { HttpClient, type Response } from '../support/http-client';
import { StripeStandIn } from '../support/stripe-stand-in';
import { createTestApi, useTestApi } from '../support/test-api';
import { givenFund, givenVouchers, householdOf } from '../support/vouchers';

const WEBHOOK_SECRET = 'whsec_piazza_checkout_0123456789';
const FAMILY = 'famiglia@demo.piazza.example';
const PROVIDER = 'cooperativa@demo.piazza.example';

describe('Cart, checkout and orders', () => {
  let standIn: StripeStandIn;
  const overrides: Record<string, string> = {
    STRIPE_SECRET_KEY: 'sk_test_piazza_checkout',
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
  };
  beforeAll(async () => {
    standIn = await StripeStandIn.start();
    overrides['STRIPE_API_BASE'] = standIn.url;
  });
  const api = useTestApi(overrides);
  afterAll(() => standIn?.close());

  let family: HttpClient;
  let provider: HttpClient;
  const db = () => api.app.get(DataSource);

  beforeAll(async () => {
    await givenDemoAmbito(api.app);
    family = await HttpClient.signedIn(api.app, FAMILY);
    // The demo provider also works for the organisations whose services these tests buy.
    await db().query(
      `INSERT INTO organisation_member (organisation_id, user_id, role)
       SELECT o.id, u.id, 'staff' FROM organisation o, user_account u
       WHERE o.slug IN ('casa-dei-gelsi', 'crocevia-famiglie') AND u.email = $1`,
      [PROVIDER],
    );
    provider = await HttpClient.signedIn(api.app, PROVIDER);
    // A service voucher of 1.000 € that expires before the demo's: the one checkouts use first.
    const [kind] = await db().query(`SELECT id FROM voucher_kind WHERE slug = 'voucher-servizi'`);
    const fund = await givenFund(api.app, { amount: 100_000 });
    await givenVouchers(api.app, {
      householdId: await householdOf(api.app, FAMILY),
      fundId: fund.id,
      kindId: kind.id,
      amounts: [100_000],
      validUntil: new Date(Date.now() + 30 * 86_400_000),
    });
  });

  async function service(slug: string) {
    const [row]: { id: string; organisation_id: string; price: number }[] = await db().query(
      `SELECT id, organisation_id, price_cents::int AS price FROM service_offer WHERE slug = $1`,
      [slug],
    );
    const slots: { id: string }[] = await db().query(
      `SELECT id FROM service_slot WHERE service_offer_id = $1 AND starts_at > now() + interval '2 days'
         AND cancelled_at IS NULL AND booked < capacity ORDER BY starts_at LIMIT 5`,
      [row.id],
    );
    return { ...row, slots: slots.map((s) => s.id) };
  }

  const serviceVoucher = async () => {
    const [row]: { id: string; balance: number }[] = await db().query(
      `SELECT v.id, a.balance::int AS balance FROM voucher v JOIN ledger_account a ON a.id = v.account_id
       JOIN voucher_kind k ON k.id = v.kind_id WHERE k.slug = 'voucher-servizi' ORDER BY v.valid_until LIMIT 1`,
    );
    return row;
  };
  const slotBooked = async (slotId: string) =>
    (await db().query(`SELECT booked FROM service_slot WHERE id = $1`, [slotId]))[0].booked as number;
  const checkout = (body: object = {}, key = randomUUID()): Promise<Response> =>
    family.post('/api/checkout', body, { headers: { 'idempotency-key': key } });
  const webhook = (event: Parameters<StripeStandIn['signedWebhook']>[0]) => {
    const { body, headers } = standIn.signedWebhook(event, WEBHOOK_SECRET);
    return api.app.inject({ method: 'POST', url: '/api/stripe/webhook', payload: body, headers });
  };
  // Every test starts from an empty cart.
  beforeEach(async () => {
    if (family) await family.delete('/api/cart');
  });
  const verify = async () => (await api.app.get(LedgerVerifier).verify(db().manager)).ok;

  it('pays with the service voucher alone: the order is paid at once, the place booked', async () => {
    const psychologist = await service('sostegno-psicologico-individuale');
    const before = await serviceVoucher();
    const slot = psychologist.slots[0];
    const bookedBefore = await slotBooked(slot);

    const added = await family.post('/api/cart/lines', {
      serviceId: psychologist.id,
      slotId: slot,
      quantity: 1,
    });
    expect(added.status).toBe(201);
    expect(added.body.lines[0]).toMatchObject({
      quantity: 1,
      unitPrice: psychologist.price,
      priceChanged: false,
    });
    const preview = await family.get('/api/checkout/preview');
    expect(preview.body).toMatchObject({
      total: psychologist.price,
      voucherTotal: psychologist.price,
      cardTotal: 0,
    });

    const key = randomUUID();
    const paid = await checkout({}, key);
    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({ status: 'paid', paymentUrl: null });
    expect(paid.body.orders[0]).toMatchObject({
      status: 'paid',
      voucherAmount: psychologist.price,
      cardAmount: 0,
    });
    expect((await serviceVoucher()).balance).toBe(before.balance - psychologist.price);
    expect(await slotBooked(slot)).toBe(bookedBefore + 1);
    expect((await family.get('/api/cart')).body.lines).toEqual([]);

    // A retried request answers the first checkout; the same key for another request is refused.
    const again = await checkout({}, key);
    expect(again.body.checkoutId).toBe(paid.body.checkoutId);
    expect((await checkout({ vouchers: 'none' }, key)).status).toBe(422);
    expect(await verify()).toBe(true);

    // The provider confirms and delivers; another organisation's member gets 404.
    const orderId = paid.body.orders[0].id;
    const org = psychologist.organisation_id;
    const confirmed = await provider.post(`/api/provider/organisations/${org}/orders/${orderId}/confirm`);
    expect(confirmed.body.status).toBe('confirmed');
    const fulfilled = await provider.post(`/api/provider/organisations/${org}/orders/${orderId}/fulfil`);
    expect(fulfilled.body.status).toBe('fulfilled');
    const stranger = await HttpClient.signedIn(api.app, 'negozio@demo.piazza.example');
    expect((await stranger.get(`/api/provider/organisations/${org}/orders/${orderId}`)).status).toBe(403);
  });

  it('sends the rest to Stripe, and a webhook delivered five times pays the order once', async () => {
    const afterschool = await service('doposcuola-medie-tradate');
    await family.post('/api/cart/lines', {
      serviceId: afterschool.id,
      slotId: afterschool.slots[0],
      quantity: 1,
    });
    const res = await checkout();
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('pending_payment');
    expect(res.body.paymentUrl).toContain(standIn.url);
    const create = standIn.requests.find(
      (r) => r.path === '/v1/checkout/sessions' && r.body['client_reference_id'] === res.body.checkoutId,
    );
    expect(create?.idempotencyKey).toBe(`checkout:${res.body.checkoutId}`);

    const [{ stripe_session_id: sessionId }] = await db().query(
      `SELECT stripe_session_id FROM checkout WHERE id = $1`,
      [res.body.checkoutId],
    );
    const completed = standIn.complete(sessionId);
    for (let i = 0; i < 5; i++) expect((await webhook(completed)).statusCode).toBe(200);
    // An `expired` arriving after `completed` changes nothing.
    expect((await webhook(standIn.expire(sessionId))).statusCode).toBe(200);

    const status = await family.get(`/api/checkout/${res.body.checkoutId}`);
    expect(status.body).toMatchObject({ status: 'paid' });
    expect(status.body.orders[0]).toMatchObject({ status: 'paid', cardAmount: afterschool.price });
    const [{ n }] = await db().query(
      `SELECT count(*)::int AS n FROM ledger_transfer WHERE kind = 'card_payment' AND reference = $1`,
      [`order:${status.body.orders[0].id}`],
    );
    expect(n).toBe(1);
    expect(await verify()).toBe(true);
  });

  it('releases the voucher and the place when the card payment page expires', async () => {
    const counselling = await service('consulenza-familiare-coppie-genitori');
    // Only 10 € left on the voucher: the rest goes to the card.
    await db().query(`UPDATE service_offer SET price_cents = $2 WHERE id = $1`, [
      counselling.id,
      (await serviceVoucher()).balance + 1000,
    ]);
    counselling.price = (await serviceVoucher()).balance + 1000;
    const before = await serviceVoucher();
    const slot = counselling.slots[0];
    const bookedBefore = await slotBooked(slot);
    await family.post('/api/cart/lines', { serviceId: counselling.id, slotId: slot, quantity: 1 });
    const res = await checkout({ vouchers: [{ voucherId: before.id, amount: before.balance }] });
    expect(res.body.status).toBe('pending_payment');
    expect(res.body.orders[0].voucherAmount).toBe(Math.min(before.balance, counselling.price));
    expect((await serviceVoucher()).balance).toBe(before.balance - res.body.orders[0].voucherAmount);
    expect(await slotBooked(slot)).toBe(bookedBefore + 1);

    const [{ stripe_session_id: sessionId }] = await db().query(
      `SELECT stripe_session_id FROM checkout WHERE id = $1`,
      [res.body.checkoutId],
    );
    expect((await webhook(standIn.expire(sessionId))).statusCode).toBe(200);
    expect((await family.get(`/api/orders/${res.body.orders[0].id}`)).body.status).toBe('expired');
    expect((await serviceVoucher()).balance).toBe(before.balance);
    expect(await slotBooked(slot)).toBe(bookedBefore);
    expect(await verify()).toBe(true);
  });

  it('refunds the voucher and frees the place when the family cancels in time', async () => {
    const psychologist = await service('sostegno-psicologico-individuale');
    const before = await serviceVoucher();
    const slot = psychologist.slots[1];
    const bookedBefore = await slotBooked(slot);
    await family.post('/api/cart/lines', { serviceId: psychologist.id, slotId: slot, quantity: 1 });
    const paid = await checkout();
    expect(paid.body.status).toBe('paid');
    const orderId = paid.body.orders[0].id;
    const cancelled = await family.post(
      `/api/orders/${orderId}/cancel`,
      { reason: 'Impegno di lavoro' },
      { headers: { 'idempotency-key': randomUUID() } },
    );
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', refundedVoucher: psychologist.price });
    expect((await serviceVoucher()).balance).toBe(before.balance);
    expect(await slotBooked(slot)).toBe(bookedBefore);
    const again = await family.post(
      `/api/orders/${orderId}/cancel`,
      {},
      { headers: { 'idempotency-key': randomUUID() } },
    );
    expect(again.status).toBe(409);
    expect(await verify()).toBe(true);
  });

  it('refunds the card through Stripe when the provider declines', async () => {
    const afterschool = await service('doposcuola-medie-tradate');
    await family.post('/api/cart/lines', {
      serviceId: afterschool.id,
      slotId: afterschool.slots[1],
      quantity: 1,
    });
    const res = await checkout({ vouchers: 'none' });
    const [{ stripe_session_id: sessionId }] = await db().query(
      `SELECT stripe_session_id FROM checkout WHERE id = $1`,
      [res.body.checkoutId],
    );
    await webhook(standIn.complete(sessionId));
    const orderId = res.body.orders[0].id;
    const org = afterschool.organisation_id;
    const noReason = await provider.post(
      `/api/provider/organisations/${org}/orders/${orderId}/decline`,
      { reason: '' },
      { headers: { 'idempotency-key': randomUUID() } },
    );
    expect(noReason.status).toBe(400);
    const declined = await provider.post(
      `/api/provider/organisations/${org}/orders/${orderId}/decline`,
      { reason: 'Nessun posto per la classe richiesta' },
      { headers: { 'idempotency-key': randomUUID() } },
    );
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ status: 'declined', refundedCard: afterschool.price });
    const refund = standIn.requests.find((r) => r.path === '/v1/refunds');
    expect(refund?.body).toMatchObject({ amount: String(afterschool.price) });
    expect(refund?.idempotencyKey).toContain(orderId);
    expect(await verify()).toBe(true);
  });

  it('tells the family when a price changed, and takes the new price into the cart', async () => {
    const psychologist = await service('sostegno-psicologico-individuale');
    await family.post('/api/cart/lines', {
      serviceId: psychologist.id,
      slotId: psychologist.slots[2],
      quantity: 1,
    });
    await db().query(`UPDATE service_offer SET price_cents = price_cents + 500 WHERE id = $1`, [
      psychologist.id,
    ]);
    try {
      const res = await checkout();
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('PRICE_CHANGED');
      expect(res.body.message.it).toContain('prezzi sono cambiati');
      const cart = await family.get('/api/cart');
      expect(cart.body.lines[0]).toMatchObject({ unitPrice: psychologist.price + 500, priceChanged: false });
      expect((await checkout()).status).toBe(201);
    } finally {
      await db().query(`UPDATE service_offer SET price_cents = price_cents - 500 WHERE id = $1`, [
        psychologist.id,
      ]);
    }
  });

  it('refuses more places than a slot has left, and writes nothing', async () => {
    const psychologist = await service('sostegno-psicologico-individuale');
    const slot = psychologist.slots[3];
    await db().query(`UPDATE service_slot SET capacity = booked + 1 WHERE id = $1`, [slot]);
    await family.post('/api/cart/lines', { serviceId: psychologist.id, slotId: slot, quantity: 2 });
    const [{ n: before }] = await db().query(`SELECT count(*)::int AS n FROM customer_order`);
    const res = await checkout();
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'SLOT_FULL' });
    expect(res.body.message.it).toContain('1 posto');
    const [{ n: after }] = await db().query(`SELECT count(*)::int AS n FROM customer_order`);
    expect(after).toBe(before);
    await family.delete('/api/cart');
  });

  it('without Stripe keys, refuses a card remainder clearly and still takes vouchers alone', async () => {
    const app = await createTestApi(api.env.with({ STRIPE_SECRET_KEY: '', STRIPE_WEBHOOK_SECRET: '' }));
    try {
      const client = await HttpClient.signedIn(app, FAMILY);
      const settings = await client.get('/api/settings');
      expect(settings.body.payments).toMatchObject({ card: false });
      const afterschool = await service('doposcuola-medie-tradate');
      await client.post('/api/cart/lines', {
        serviceId: afterschool.id,
        slotId: afterschool.slots[2],
        quantity: 1,
      });
      const res = await client.post(
        '/api/checkout',
        { vouchers: 'none' },
        { headers: { 'idempotency-key': randomUUID() } },
      );
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('CARD_PAYMENT_UNAVAILABLE');
      await client.delete('/api/cart');
      const psychologist = await service('sostegno-psicologico-individuale');
      await client.post('/api/cart/lines', {
        serviceId: psychologist.id,
        slotId: psychologist.slots[4],
        quantity: 1,
      });
      const paid = await client.post('/api/checkout', {}, { headers: { 'idempotency-key': randomUUID() } });
      expect(paid.body).toMatchObject({ status: 'paid' });
    } finally {
      await app.close();
    }
  });
});
