import { LedgerVerifier } from '@piazza/ledger';
import { randomUUID } from 'node:crypto';
import type Stripe from 'stripe';
import { DataSource } from 'typeorm';
import { givenDemoAmbito } from '../support/demo-ambito';
import { useListeningTestApi } from '../support/listening-test-api';
import { StripeStandIn } from '../support/stripe-stand-in';
import { givenFund, givenVouchers } from '../support/vouchers';

const WEBHOOK_SECRET = 'whsec_piazza_checkout_fault_0123456789';
const FAMILIES = 50;
const PLACES = 5;
const VOUCHER = 50_000;
/** The voucher share of a family that pays partly by card (the rest, 30 €, goes to Stripe). */
const CARD_FAMILY_VOUCHER_SHARE = 2_500;

interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A family's browser over real HTTP: the session cookie, and the XSRF cookie sent back as a header. */
class Family {
  private readonly cookies = new Map<string, string>();
  householdId = '';
  voucher = { id: '', accountId: '' };

  constructor(
    private readonly url: string,
    readonly email: string,
  ) {}

  async signIn(): Promise<void> {
    await this.send('GET', '/api/settings');
    const res = await this.send('POST', '/api/auth/login', {
      email: this.email,
      password: 'Piazza-demo-2026',
    });
    if (res.status !== 200) throw new Error(`login of ${this.email} failed: ${res.status}`);
  }

  async send(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        ...headers,
        ...(body !== undefined && { 'content-type': 'application/json' }),
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(this.cookies.has('XSRF-TOKEN') && { 'x-xsrf-token': this.cookies.get('XSRF-TOKEN')! }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  checkout(vouchers: unknown = 'auto'): Promise<Answer> {
    return this.send('POST', '/api/checkout', { vouchers }, { 'idempotency-key': randomUUID() });
  }
}

describe('Checkout under concurrency, replayed and forged webhooks', () => {
  let standIn: StripeStandIn;
  const api = useListeningTestApi(async () => {
    standIn = await StripeStandIn.start();
    return {
      DATABASE_POOL_SIZE: '20',
      STRIPE_SECRET_KEY: 'sk_test_piazza_checkout_fault',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_BASE: standIn.url,
    };
  });
  afterAll(() => standIn?.close());

  let db: DataSource;
  let families: Family[];
  let service: { id: string; price: number };

  beforeAll(async () => {
    await givenDemoAmbito(api.app);
    db = api.app.get(DataSource);
    // Fifty citizens of Tradate, each the owner of a household, with the demo's password.
    const households: { id: string; email: string }[] = await db.query(
      `WITH users AS (
         INSERT INTO user_account (email, password_hash, display_name, roles, email_verified_at)
         SELECT 'famiglia.' || i || '@fault.example', u.password_hash, 'Famiglia ' || i, '{citizen}', now()
         FROM generate_series(1, $1::int) i, user_account u WHERE u.email = 'famiglia@demo.piazza.example'
         RETURNING id, email
       ), homes AS (
         INSERT INTO household (comune_id, owner_user_id, address)
         SELECT c.id, users.id, 'Via della Prova ' || split_part(users.email, '.', 2) FROM users, comune c
         WHERE c.slug = 'tradate'
         RETURNING id, owner_user_id
       ), members AS (
         INSERT INTO household_member (household_id, first_name, last_name, fiscal_code, date_of_birth, relation)
         SELECT homes.id, 'Prova', 'Famiglia ' || row_number() OVER (ORDER BY homes.id),
                'PRVFML80A01L319' || chr(65 + (row_number() OVER (ORDER BY homes.id))::int % 26), '1980-01-01', 'self'
         FROM homes
       )
       SELECT homes.id, users.email FROM homes JOIN users ON users.id = homes.owner_user_id ORDER BY users.email`,
      [FAMILIES],
    );
    const [kind] = await db.query(`SELECT id FROM voucher_kind WHERE slug = 'voucher-servizi'`);
    const fund = await givenFund(api.app, { amount: FAMILIES * VOUCHER });
    families = households.map((h) => {
      const family = new Family(api.url, h.email);
      family.householdId = h.id;
      return family;
    });
    for (const family of families) {
      const [voucher] = await givenVouchers(api.app, {
        householdId: family.householdId,
        fundId: fund.id,
        kindId: kind.id,
        amounts: [VOUCHER],
      });
      family.voucher = { id: voucher.id, accountId: voucher.accountId };
    }
    for (let i = 0; i < families.length; i += 10)
      await Promise.all(families.slice(i, i + 10).map((f) => f.signIn()));
    [service] = await db.query(
      `SELECT id, price_cents::int AS price FROM service_offer WHERE slug = 'sostegno-psicologico-individuale'`,
    );
  });

  const verify = () => api.app.get(LedgerVerifier).verify(db.manager);
  const balance = async (accountId: string) =>
    Number((await db.query(`SELECT balance FROM ledger_account WHERE id = $1`, [accountId]))[0].balance);
  const balances = async () =>
    new Map(
      (
        (await db.query(
          `SELECT v.household_id, a.balance::int AS balance FROM voucher v JOIN ledger_account a ON a.id = v.account_id
           WHERE v.household_id = ANY ($1::uuid[])`,
          [families.map((f) => f.householdId)],
        )) as { household_id: string; balance: number }[]
      ).map((r) => [r.household_id, r.balance]),
    );
  const slot = async (id: string) =>
    (await db.query(`SELECT capacity, booked FROM service_slot WHERE id = $1`, [id]))[0] as {
      capacity: number;
      booked: number;
    };
  /** A future slot of the service, with exactly PLACES places left. */
  const slotWithFivePlaces = async (): Promise<string> => {
    // An UPDATE answers [rows, count].
    const [[row]] = await db.query(
      `UPDATE service_slot SET capacity = booked + $2
       WHERE id = (SELECT id FROM service_slot WHERE service_offer_id = $1 AND starts_at > now() + interval '2 days'
                   AND cancelled_at IS NULL AND booked = 0 ORDER BY starts_at LIMIT 1)
       RETURNING id`,
      [service.id, PLACES],
    );
    return row.id;
  };
  const fillCarts = async (slotId: string) => {
    for (const family of families) {
      await family.send('DELETE', '/api/cart');
      const added = await family.send('POST', '/api/cart/lines', {
        serviceId: service.id,
        slotId,
        quantity: 1,
      });
      expect(added.status).toBe(201);
    }
  };
  const webhook = (event: Stripe.Event, secret = WEBHOOK_SECRET) => {
    const { body, headers } = standIn.signedWebhook(event, secret);
    return fetch(`${api.url}/api/stripe/webhook`, { method: 'POST', body, headers });
  };
  const sessionOf = async (checkoutId: string): Promise<string> =>
    (await db.query(`SELECT stripe_session_id FROM checkout WHERE id = $1`, [checkoutId]))[0]
      .stripe_session_id;

  it(`books exactly ${PLACES} places when ${FAMILIES} families check out the last ${PLACES} at once`, async () => {
    const slotId = await slotWithFivePlaces();
    const { capacity } = await slot(slotId);
    await fillCarts(slotId);
    const before = await balances();
    const [{ n: holdsBefore }] = await db.query(
      `SELECT count(*)::int AS n FROM ledger_transfer WHERE kind IN ('order_hold', 'order_capture')`,
    );

    const answers = await Promise.all(
      families.map(async (family) => ({ family, res: await family.checkout() })),
    );

    const won = answers.filter((a) => a.res.status === 201);
    const lost = answers.filter((a) => a.res.status !== 201);
    expect(won).toHaveLength(PLACES);
    for (const { res } of won) {
      expect(res.body).toMatchObject({ status: 'paid', paymentUrl: null });
      expect(res.body.orders[0]).toMatchObject({
        status: 'paid',
        voucherAmount: service.price,
        cardAmount: 0,
      });
    }
    expect(lost.map((a) => a.res.status)).toEqual(Array(FAMILIES - PLACES).fill(409));
    for (const { res } of lost) {
      expect(res.body.code).toBe('SLOT_FULL');
      expect(res.body.message.it).toContain('non ci sono più posti');
      expect(res.body.message.en).toContain('no places left');
    }
    expect(await slot(slotId)).toEqual({ capacity, booked: capacity });

    // Winners paid once; every loser's voucher is untouched and held nothing (its transaction rolled back).
    const after = await balances();
    for (const { family } of won)
      expect(after.get(family.householdId)).toBe(before.get(family.householdId)! - service.price);
    for (const { family } of lost) expect(after.get(family.householdId)).toBe(before.get(family.householdId));
    // Paid by vouchers alone: each winner's share went straight to the provider, once.
    const [{ n: holdsAfter }] = await db.query(
      `SELECT count(*)::int AS n FROM ledger_transfer WHERE kind IN ('order_hold', 'order_capture')`,
    );
    expect(holdsAfter - holdsBefore).toBe(PLACES);
    const [{ orders, losers }] = await db.query(
      `SELECT count(*) FILTER (WHERE TRUE)::int AS orders,
              count(*) FILTER (WHERE household_id = ANY ($2::uuid[]))::int AS losers
       FROM customer_order o JOIN order_line l ON l.order_id = o.id WHERE l.slot_id = $1`,
      [slotId, lost.map((a) => a.family.householdId)],
    );
    expect({ orders, losers }).toEqual({ orders: PLACES, losers: 0 });
    // A loser's cart still holds the line, to choose another date.
    expect((await lost[0].family.send('GET', '/api/cart')).body.lines).toHaveLength(1);

    expect(await verify()).toMatchObject({ ok: true, differences: [], negative: [] });
  });

  it('holds the places of card payments until their sessions expire, then gives places and vouchers back', async () => {
    // Odd families pay 25 € by voucher and the rest by card; even ones by voucher alone. Each round is a
    // full race; another round runs only if no card payment happened to win a place.
    let round: { slotId: string; pending: Family[]; paid: Family[]; before: Map<string, number> } | null =
      null;
    for (let attempt = 0; attempt < 3 && !round?.pending.length; attempt++) {
      const slotId = await slotWithFivePlaces();
      const { capacity } = await slot(slotId);
      await fillCarts(slotId);
      const before = await balances();
      const sessionsBefore = standIn.requests.filter((r) => r.path === '/v1/checkout/sessions').length;
      const answers = await Promise.all(
        families.map(async (family, i) => ({
          family,
          res: await family.checkout(
            i % 2 ? [{ voucherId: family.voucher.id, amount: CARD_FAMILY_VOUCHER_SHARE }] : 'auto',
          ),
        })),
      );
      const won = answers.filter((a) => a.res.status === 201);
      expect(won).toHaveLength(PLACES);
      expect(answers.filter((a) => a.res.status === 409).map((a) => a.res.body.code)).toEqual(
        Array(FAMILIES - PLACES).fill('SLOT_FULL'),
      );
      expect(await slot(slotId)).toEqual({ capacity, booked: capacity });
      const pending = won.filter((a) => a.res.body.status === 'pending_payment');
      for (const { family, res } of pending) {
        expect(families.indexOf(family) % 2).toBe(1);
        expect(res.body.paymentUrl).toContain(standIn.url);
        expect(res.body.orders[0]).toMatchObject({
          status: 'pending_payment',
          voucherAmount: CARD_FAMILY_VOUCHER_SHARE,
          cardAmount: service.price - CARD_FAMILY_VOUCHER_SHARE,
        });
        // The voucher share is held while the family is on Stripe's page.
        expect((await balances()).get(family.householdId)).toBe(
          before.get(family.householdId)! - CARD_FAMILY_VOUCHER_SHARE,
        );
      }
      // Stripe is asked before the slot is locked (no lock is held during a network call): racing losers
      // may have opened a session too, but only the winners' are kept, and no loser's money moved.
      const sessions =
        standIn.requests.filter((r) => r.path === '/v1/checkout/sessions').length - sessionsBefore;
      expect(sessions).toBeGreaterThanOrEqual(pending.length);
      const [{ kept }] = await db.query(
        `SELECT count(*)::int AS kept FROM checkout WHERE stripe_session_id IS NOT NULL AND id = ANY ($1::uuid[])`,
        [pending.map((a) => a.res.body.checkoutId)],
      );
      expect(kept).toBe(pending.length);
      round = {
        slotId,
        before,
        pending: pending.map((a) => a.family),
        paid: won.filter((a) => a.res.body.status === 'paid').map((a) => a.family),
      };
      expect(await verify()).toMatchObject({ ok: true });
    }
    const { slotId, pending, paid, before } = round!;
    expect(pending.length).toBeGreaterThan(0);

    // Nobody pays on Stripe's page: the sessions expire and Stripe says so.
    const checkouts: { id: string; household_id: string }[] = await db.query(
      `SELECT c.id, c.household_id FROM checkout c WHERE c.status = 'pending_payment' AND c.household_id = ANY ($1::uuid[])`,
      [pending.map((f) => f.householdId)],
    );
    expect(checkouts).toHaveLength(pending.length);
    const expiries = await Promise.all(
      checkouts.map(async (c) => webhook(standIn.expire(await sessionOf(c.id)))),
    );
    expect(expiries.map((r) => r.status)).toEqual(Array(pending.length).fill(200));

    const { capacity, booked } = await slot(slotId);
    expect(booked).toBe(capacity - pending.length);
    const after = await balances();
    for (const family of pending) expect(after.get(family.householdId)).toBe(before.get(family.householdId));
    for (const family of paid)
      expect(after.get(family.householdId)).toBe(before.get(family.householdId)! - service.price);
    const statuses: { status: string }[] = await db.query(
      `SELECT o.status FROM customer_order o WHERE o.checkout_id = ANY ($1::uuid[])`,
      [checkouts.map((c) => c.id)],
    );
    expect(statuses.map((s) => s.status)).toEqual(Array(pending.length).fill('expired'));

    // The freed places go to the next families, and again no more than there are.
    const others = families.filter((f) => !pending.includes(f) && !paid.includes(f));
    const retries = await Promise.all(others.map((f) => f.checkout()));
    expect(retries.filter((r) => r.status === 201)).toHaveLength(pending.length);
    expect((await slot(slotId)).booked).toBe(capacity);
    expect(await verify()).toMatchObject({ ok: true, differences: [], negative: [] });
  });

  it('pays an order once when its webhook arrives five times at once, and ignores a later expiry', async () => {
    const family = families[1];
    const [freeSlot] = await db.query(
      `SELECT id FROM service_slot WHERE service_offer_id = $1 AND starts_at > now() + interval '2 days'
         AND cancelled_at IS NULL AND booked < capacity ORDER BY starts_at DESC LIMIT 1`,
      [service.id],
    );
    await family.send('DELETE', '/api/cart');
    await family.send('POST', '/api/cart/lines', { serviceId: service.id, slotId: freeSlot.id, quantity: 1 });
    const voucherBefore = await balance(family.voucher.accountId);
    const placed = await family.checkout([
      { voucherId: family.voucher.id, amount: CARD_FAMILY_VOUCHER_SHARE },
    ]);
    expect(placed.body.status).toBe('pending_payment');
    const orderId = placed.body.orders[0].id;
    const sessionId = await sessionOf(placed.body.checkoutId);
    const [{ n: eventsBefore }] = await db.query(`SELECT count(*)::int AS n FROM stripe_event`);

    // Stripe delivers the same event five times at once, and a second event of the same payment too.
    const completed = standIn.complete(sessionId);
    const again = { ...completed, id: `evt_again_${randomUUID().slice(0, 8)}` } as Stripe.Event;
    const deliveries = await Promise.all([...Array(5).fill(completed), again].map((event) => webhook(event)));
    expect(deliveries.map((r) => r.status)).toEqual(Array(6).fill(200));
    const receipts = (await Promise.all(deliveries.map((r) => r.json()))) as { duplicate: boolean }[];
    expect(receipts.filter((r) => !r.duplicate)).toHaveLength(2);
    // Then an `expired` arrives late: it changes nothing.
    expect((await webhook(standIn.expire(sessionId))).status).toBe(200);

    const order = await family.send('GET', `/api/orders/${orderId}`);
    expect(order.body).toMatchObject({ status: 'paid', voucherAmount: CARD_FAMILY_VOUCHER_SHARE });
    const transfers: { kind: string; n: number }[] = await db.query(
      `SELECT kind, count(*)::int AS n FROM ledger_transfer WHERE reference = $1 GROUP BY kind ORDER BY kind`,
      [`order:${orderId}`],
    );
    expect(transfers).toEqual([
      { kind: 'card_payment', n: 1 },
      { kind: 'order_capture', n: 1 },
    ]);
    const [{ releases }] = await db.query(
      `SELECT count(*)::int AS releases FROM ledger_transfer WHERE kind = 'order_release' AND reference LIKE $1`,
      [`checkout:${placed.body.checkoutId}%`],
    );
    expect(releases).toBe(0);
    expect(await balance(family.voucher.accountId)).toBe(voucherBefore - CARD_FAMILY_VOUCHER_SHARE);
    const [{ n: eventsAfter }] = await db.query(`SELECT count(*)::int AS n FROM stripe_event`);
    expect(eventsAfter - eventsBefore).toBe(3);
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('refuses a webhook with a bad signature with 400 and stores nothing', async () => {
    const family = families[3];
    const [freeSlot] = await db.query(
      `SELECT id FROM service_slot WHERE service_offer_id = $1 AND starts_at > now() + interval '2 days'
         AND cancelled_at IS NULL AND booked < capacity ORDER BY starts_at DESC LIMIT 1`,
      [service.id],
    );
    await family.send('DELETE', '/api/cart');
    await family.send('POST', '/api/cart/lines', { serviceId: service.id, slotId: freeSlot.id, quantity: 1 });
    const placed = await family.checkout([
      { voucherId: family.voucher.id, amount: CARD_FAMILY_VOUCHER_SHARE },
    ]);
    const completed = standIn.complete(await sessionOf(placed.body.checkoutId));
    const [{ n: before }] = await db.query(`SELECT count(*)::int AS n FROM stripe_event`);

    const signed = standIn.signedWebhook(completed, WEBHOOK_SECRET);
    const forged = [
      // Signed with another secret.
      webhook(completed, 'whsec_someone_else_0123456789'),
      // A body changed after it was signed (the amount paid).
      fetch(`${api.url}/api/stripe/webhook`, {
        method: 'POST',
        body: signed.body.replace('"payment_status": "paid"', '"payment_status": "paid" '),
        headers: signed.headers,
      }),
      // No signature at all.
      fetch(`${api.url}/api/stripe/webhook`, {
        method: 'POST',
        body: signed.body,
        headers: { 'content-type': 'application/json' },
      }),
    ];
    for (const res of await Promise.all(forged)) {
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'STRIPE_SIGNATURE_INVALID' });
    }
    const [{ n: after }] = await db.query(`SELECT count(*)::int AS n FROM stripe_event`);
    expect(after).toBe(before);
    expect((await family.send('GET', `/api/checkout/${placed.body.checkoutId}`)).body.status).toBe(
      'pending_payment',
    );
    // The genuine delivery still works.
    expect((await webhook(completed)).status).toBe(200);
    expect((await family.send('GET', `/api/checkout/${placed.body.checkoutId}`)).body.status).toBe('paid');
  });
});
