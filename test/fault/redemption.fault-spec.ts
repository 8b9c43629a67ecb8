import { LedgerVerifier } from '@piazza/ledger';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { givenDemoAmbito } from '../support/demo-ambito';
import { useListeningTestApi } from '../support/listening-test-api';
import { givenFund, givenVoucherKind, givenVouchers, householdOf } from '../support/vouchers';

const MERCHANT = 'negozio@demo.piazza.example';
const SHOPS = 20;
const REQUESTS = 500;

/** A signed-in browser over real HTTP: the session cookie, and the XSRF cookie sent back as a header. */
class Till {
  private cookies = new Map<string, string>();

  constructor(private readonly url: string) {}

  static async signIn(url: string, email: string): Promise<Till> {
    const till = new Till(url);
    await till.send('GET', '/api/settings');
    const res = await till.send('POST', '/api/auth/login', { email, password: 'Piazza-demo-2026' });
    if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
    return till;
  }

  async send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
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
}

describe('Redemption under concurrency and retries', () => {
  const api = useListeningTestApi(async () => ({ DATABASE_POOL_SIZE: '20' }));
  let db: DataSource;
  let till: Till;
  let shops: string[];
  let fundId: string;
  let kindId: string;
  let householdId: string;

  beforeAll(async () => {
    await givenDemoAmbito(api.app);
    db = api.app.get(DataSource);
    // Nineteen more accredited grocers in Tradate; the demo merchant works at all twenty.
    await db.query(
      `INSERT INTO organisation (slug, kind, name, legal_name, fiscal_code, email, comune_id, address,
                                 shop_category, accredited_at, accreditation_status)
       SELECT 'negozio-prova-' || i, 'shop', 'Negozio di prova ' || i, 'Negozio di prova ' || i || ' S.n.c.',
              lpad(i::text, 11, '0'), 'negozio' || i || '@example.org', c.id, 'Via Prova ' || i, 'alimentari',
              now(), 'accredited'
       FROM generate_series(1, $1::int - 1) i, comune c WHERE c.slug = 'tradate'`,
      [SHOPS],
    );
    await db.query(
      `INSERT INTO organisation_member (organisation_id, user_id, role)
       SELECT o.id, u.id, 'staff' FROM organisation o, user_account u
       WHERE o.slug LIKE 'negozio-prova-%' AND u.email = $1`,
      [MERCHANT],
    );
    shops = (
      await db.query(
        `SELECT id FROM organisation WHERE slug LIKE 'negozio-prova-%' OR slug = 'credenza-del-borgo' ORDER BY slug`,
      )
    ).map((r: { id: string }) => r.id);
    expect(shops).toHaveLength(SHOPS);
    fundId = (await givenFund(api.app, { comune: 'tradate', amount: 10_000_000 })).id;
    kindId = (await givenVoucherKind(api.app, {})).id;
    householdId = await householdOf(api.app);
    till = await Till.signIn(api.url, MERCHANT);
  });

  const verify = () => api.app.get(LedgerVerifier).verify(db.manager);
  const redeem = (shop: string, code: string, amount: number, key: string) =>
    till.send(
      'POST',
      `/api/merchant/shops/${shop}/redemptions`,
      { code, amount },
      { 'idempotency-key': key },
    );

  it(`never takes more than the face value when ${REQUESTS} redemptions from ${SHOPS} shops race on one voucher`, async () => {
    const faceValue = 10_000;
    const [voucher] = await givenVouchers(api.app, { householdId, fundId, kindId, amounts: [faceValue] });
    // Amounts of 1 to 60 cents: about 15.000 cents asked for a voucher of 10.000.
    const requests = Array.from({ length: REQUESTS }, (_, i) => ({
      shop: shops[i % SHOPS],
      amount: 1 + ((i * 7919) % 60),
    }));
    const answers = await Promise.all(
      requests.map(async (r) => ({ ...r, res: await redeem(r.shop, voucher.token, r.amount, randomUUID()) })),
    );

    const accepted = answers.filter((a) => a.res.status === 201);
    const refused = answers.filter((a) => a.res.status !== 201);
    expect(refused.map((a) => a.res.status).filter((s) => s !== 409)).toEqual([]);
    for (const a of refused) {
      expect(['INSUFFICIENT_BALANCE', 'VOUCHER_EXHAUSTED']).toContain(a.res.body.code);
      expect(a.res.body.message.it.length).toBeGreaterThan(10);
    }
    expect(accepted.length).toBeGreaterThan(100);
    expect(refused.length).toBeGreaterThan(0);

    const taken = accepted.reduce((sum, a) => sum + a.amount, 0);
    const [{ balance }] = await db.query(`SELECT balance::int FROM ledger_account WHERE id = $1`, [
      voucher.accountId,
    ]);
    expect(taken).toBeLessThanOrEqual(faceValue);
    expect(taken).toBe(faceValue - balance);
    // Once the voucher could not pay the smallest refused amount, the refusals were right.
    const smallestRefused = Math.min(...refused.map((a) => a.amount));
    expect(balance).toBeLessThan(smallestRefused);

    // The accepted ones form one chain: each balanceAfter is the previous one minus its amount.
    const chain = accepted.map((a) => a.res.body).sort((a, b) => b.balanceAfter - a.balanceAfter);
    let expected = faceValue;
    for (const step of chain) {
      expected -= step.amount;
      expect(step.balanceAfter).toBe(expected);
    }

    // Every shop is owed exactly what it took; the database agrees with the answers.
    const owed: { owner_id: string; balance: number }[] = await db.query(
      `SELECT owner_id, balance::int FROM ledger_account WHERE kind = 'merchant' AND owner_id = ANY ($1)`,
      [shops],
    );
    const byShop = new Map<string, number>();
    for (const a of accepted) byShop.set(a.shop, (byShop.get(a.shop) ?? 0) + a.amount);
    expect(new Map(owed.filter((o) => o.balance > 0).map((o) => [o.owner_id, o.balance]))).toEqual(byShop);
    const [rows] = await db.query(
      `SELECT count(*)::int AS count, coalesce(sum(amount), 0)::int AS sum FROM voucher_redemption WHERE voucher_id = $1`,
      [voucher.id],
    );
    expect(rows).toEqual({ count: accepted.length, sum: taken });

    const report = await verify();
    expect(report).toMatchObject({ ok: true, differences: [], negative: [], total: '0' });
  });

  it('moves the money once when the same redemption is sent 10 times at once with one key', async () => {
    const [voucher] = await givenVouchers(api.app, { householdId, fundId, kindId, amounts: [5000] });
    const key = `till-7:${randomUUID()}`;
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        redeem(shops[3], i % 2 ? voucher.code : voucher.code.toLowerCase(), 1250, key),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(answers.map((a) => a.body.balanceAfter)).toEqual(Array(10).fill(3750));
    const [{ balance }] = await db.query(`SELECT balance::int FROM ledger_account WHERE id = $1`, [
      voucher.accountId,
    ]);
    expect(balance).toBe(3750);
    const [{ count }] = await db.query(
      `SELECT count(*)::int AS count FROM ledger_transfer WHERE debit_account_id = $1 AND kind = 'redemption'`,
      [voucher.accountId],
    );
    expect(count).toBe(1);

    // The same key with another amount, sent together, is refused every time and moves nothing.
    const reused = await Promise.all(
      Array.from({ length: 5 }, () => redeem(shops[3], voucher.code, 999, key)),
    );
    expect(reused.map((a) => a.status)).toEqual(Array(5).fill(422));
    expect((await verify()).ok).toBe(true);
  });

  it('voids a redemption once when ten voids race', async () => {
    const [voucher] = await givenVouchers(api.app, { householdId, fundId, kindId, amounts: [3000] });
    const taken = await redeem(shops[5], voucher.token, 3000, randomUUID());
    expect(taken.status).toBe(201);
    const voids = await Promise.all(
      Array.from({ length: 10 }, () =>
        till.send(
          'POST',
          `/api/merchant/shops/${shops[5]}/redemptions/${taken.body.id}/void`,
          {},
          {
            'idempotency-key': randomUUID(),
          },
        ),
      ),
    );
    expect(voids.filter((v) => v.status === 200)).toHaveLength(1);
    expect(voids.filter((v) => v.status === 409).map((v) => v.body.code)).toEqual(
      Array(9).fill('REDEMPTION_ALREADY_VOIDED'),
    );
    const [{ balance }] = await db.query(`SELECT balance::int FROM ledger_account WHERE id = $1`, [
      voucher.accountId,
    ]);
    expect(balance).toBe(3000);
    expect((await verify()).ok).toBe(true);
  });
});
