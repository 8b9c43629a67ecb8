import { RequestContext, TransactionRunner } from '@piazza/core';
import { LedgerVerifier } from '@piazza/ledger';
import { NoticeService } from '@piazza/notifications';
import { generateShortCode, VoucherLifecycleService } from '@piazza/vouchers';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { givenDemoAmbito } from '../support/demo-ambito';
import { HttpClient } from '../support/http-client';
import { useTestApi } from '../support/test-api';
import { givenFund, givenVoucherKind, givenVouchers, householdOf } from '../support/vouchers';

const MERCHANT = 'negozio@demo.piazza.example';
const FAMILY = 'famiglia@demo.piazza.example';
const ADMIN = 'ufficio.piano@demo.piazza.example';
const SHOP_NAME = 'Alimentari La Credenza del Borgo';

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'piazza-pdf-'));
  try {
    writeFileSync(join(dir, 'a.pdf'), pdf);
    return execFileSync('pdftotext', ['-layout', join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Changes one character of the token's signed part: still well-formed, no longer ours. */
function tamper(token: string): string {
  const i = token.length - 10;
  return token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
}

describe('Redemption by shops, statements and settlements', () => {
  const api = useTestApi();
  let merchant: HttpClient;
  let family: HttpClient;
  let admin: HttpClient;
  let db: DataSource;
  let shopId: string;
  let otherShopId: string;
  let pendingShopId: string;
  let foreignShopId: string;
  let venegonoShopId: string;
  let householdId: string;
  let fundId: string;
  let kindId: string;
  let month: string;

  const redeem = (code: string, amount: number, key: string = randomUUID(), shop = shopId) =>
    merchant.post(
      `/api/merchant/shops/${shop}/redemptions`,
      { code, amount },
      { headers: { 'idempotency-key': key } },
    );
  const voidIt = (id: string, key: string = randomUUID(), shop = shopId) =>
    merchant.post(
      `/api/merchant/shops/${shop}/redemptions/${id}/void`,
      {},
      { headers: { 'idempotency-key': key } },
    );
  const check = (code: string, shop = shopId) =>
    merchant.post(`/api/merchant/shops/${shop}/voucher-checks`, { code });
  const balanceOf = async (voucherId: string) =>
    Number(
      (
        await db.query(
          `SELECT a.balance FROM voucher v JOIN ledger_account a ON a.id = v.account_id WHERE v.id = $1`,
          [voucherId],
        )
      )[0].balance,
    );
  const vouchers = (amounts: number[], options: Partial<Parameters<typeof givenVouchers>[1]> = {}) =>
    givenVouchers(api.app, { householdId, fundId, kindId, amounts, ...options });
  const shopIdOf = async (slug: string) =>
    (await db.query(`SELECT id FROM organisation WHERE slug = $1`, [slug]))[0].id as string;

  beforeAll(async () => {
    await givenDemoAmbito(api.app);
    db = api.app.get(DataSource);
    [merchant, family, admin] = await Promise.all([
      HttpClient.signedIn(api.app, MERCHANT),
      HttpClient.signedIn(api.app, FAMILY),
      HttpClient.signedIn(api.app, ADMIN),
    ]);
    shopId = await shopIdOf('credenza-del-borgo');
    otherShopId = await shopIdOf('farmacia-tre-rogge');
    pendingShopId = await shopIdOf('matita-felice');
    venegonoShopId = await shopIdOf('paniere-venegono');
    // An accredited shop the demo merchant does not work at.
    foreignShopId = await shopIdOf('lente-chiara');
    // The demo merchant also works at a pharmacy, at a grocer of Venegono Superiore, and at a stationer
    // whose accreditation is pending.
    await db.query(
      `INSERT INTO organisation_member (organisation_id, user_id, role)
       SELECT o, u.id, 'staff' FROM user_account u, unnest($1::uuid[]) o WHERE u.email = $2`,
      [[otherShopId, venegonoShopId, pendingShopId], MERCHANT],
    );
    await db.query(
      `UPDATE organisation SET accreditation_status = 'pending', accredited_at = NULL WHERE id = $1`,
      [pendingShopId],
    );
    householdId = await householdOf(api.app);
    fundId = (await givenFund(api.app, { comune: 'tradate', amount: 10_000_000 })).id;
    kindId = (await givenVoucherKind(api.app, { slug: 'buono-spesa-redemption' })).id;
    [{ month }] = await db.query(`SELECT to_char(now() AT TIME ZONE 'Europe/Rome', 'YYYY-MM') AS month`);
  });

  const verifyLedger = () => api.app.get(LedgerVerifier).verify(db.manager);

  it('lists the shops the merchant works at, with their accreditation', async () => {
    const res = await merchant.get('/api/merchant/shops');
    expect(res.status).toBe(200);
    const byId = new Map(res.body.map((s: { id: string }) => [s.id, s]));
    expect(byId.get(shopId)).toMatchObject({
      slug: 'credenza-del-borgo',
      name: SHOP_NAME,
      comune: { name: 'Tradate' },
      accredited: true,
    });
    expect(byId.get(pendingShopId)).toMatchObject({ accredited: false });
    expect(byId.has(foreignShopId)).toBe(false);
  });

  it('shows balance, expiry and Comune of a scanned voucher, and nothing about who holds it', async () => {
    const [voucher] = await vouchers([5000]);
    const res = await check(voucher.token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      code: voucher.code,
      kind: { name: { it: 'Buono spesa' } },
      comune: { name: 'Tradate' },
      balance: 5000,
      status: 'active',
      redeemable: true,
      reason: null,
    });
    expect(new Date(res.body.validUntil).getTime()).toBeGreaterThan(Date.now());
    const text = JSON.stringify(res.body);
    for (const secret of ['Giulia', 'Demo', 'DMEGLI', householdId, 'Via Roma'])
      expect(text).not.toContain(secret);
  });

  it('takes part of a voucher as often as the balance allows and refuses more, saying what is left', async () => {
    const [voucher] = await vouchers([5000]);
    const first = await redeem(voucher.token, 1250);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      amount: 1250,
      balanceAfter: 3750,
      comune: { name: 'Tradate' },
      voidedAt: null,
      code: `****-****-${voucher.code.slice(-4)}`,
    });
    expect(new Date(first.body.voidableUntil).getTime() - new Date(first.body.createdAt).getTime()).toBe(
      15 * 60_000,
    );
    const second = await redeem(voucher.token, 3000);
    expect(second.body).toMatchObject({ amount: 3000, balanceAfter: 750 });

    const refused = await redeem(voucher.token, 8000);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('INSUFFICIENT_BALANCE');
    expect(refused.body.message.it).toContain('7,50 €');
    expect(refused.body.message.en).toContain('€7.50');
    expect(await balanceOf(voucher.id)).toBe(750);

    // The family sees the same balance in the wallet.
    const wallet = await family.get(`/api/wallet/vouchers/${voucher.id}`);
    expect(wallet.body.balance).toBe(750);
    expect(wallet.body.movements.filter((m: { kind: string }) => m.kind === 'redemption')).toEqual([
      expect.objectContaining({ amount: -1250, shop: { name: SHOP_NAME } }),
      expect.objectContaining({ amount: -3000, shop: { name: SHOP_NAME } }),
    ]);

    // Taking the rest exhausts it; then nothing more can be taken.
    expect((await redeem(voucher.token, 750)).body.balanceAfter).toBe(0);
    const exhausted = await redeem(voucher.token, 1);
    expect(exhausted.status).toBe(409);
    expect(exhausted.body.code).toBe('VOUCHER_EXHAUSTED');
    const [{ status }] = await db.query(`SELECT status FROM voucher WHERE id = $1`, [voucher.id]);
    expect(status).toBe('exhausted');
    expect((await check(voucher.code)).body).toMatchObject({
      status: 'exhausted',
      redeemable: false,
      balance: 0,
    });
  });

  it('accepts the short code typed in lower case with spaces', async () => {
    const [voucher] = await vouchers([2000]);
    const typed = ` ${voucher.code.toLowerCase().replace(/-/g, ' ')} `;
    expect((await check(typed)).body).toMatchObject({ code: voucher.code, balance: 2000 });
    const res = await redeem(typed, 500);
    expect(res.status).toBe(201);
    expect(res.body.balanceAfter).toBe(1500);
  });

  it('refuses a tampered token or a mistyped code with 400 before any lookup of a voucher or a balance', async () => {
    const [voucher] = await vouchers([2000]);
    const statements: string[] = [];
    const original = PostgresQueryRunner.prototype.query;
    const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query').mockImplementation(function (
      this: PostgresQueryRunner,
      ...args: Parameters<PostgresQueryRunner['query']>
    ) {
      statements.push(args[0]);
      return original.apply(this, args);
    });
    const touchesMoney = (sql: string[]) =>
      sql.filter((s) => /\b(voucher|ledger_account|ledger_transfer|voucher_redemption)\b/.test(s));
    try {
      const forged = await redeem(tamper(voucher.token), 100);
      expect(forged.status).toBe(400);
      expect(forged.body.code).toBe('VOUCHER_CODE_INVALID');
      const chars = voucher.code.replace(/-/g, '');
      const mistyped = chars.slice(0, 5) + (chars[5] === 'A' ? 'C' : 'A') + chars.slice(6);
      expect((await redeem(mistyped, 100)).body.code).toBe('VOUCHER_CODE_INVALID');
      expect((await check(tamper(voucher.token))).status).toBe(400);
      expect(statements.length).toBeGreaterThan(0);
      expect(touchesMoney(statements)).toEqual([]);

      // The same spy sees the lookups of a genuine code: the check above can fail.
      statements.length = 0;
      expect((await redeem(voucher.token, 100)).status).toBe(201);
      expect(touchesMoney(statements).length).toBeGreaterThan(0);
    } finally {
      spy.mockRestore();
    }
    expect(await balanceOf(voucher.id)).toBe(1900);
  });

  it('answers a retried confirmation with the first answer and moves the money once', async () => {
    const [voucher] = await vouchers([5000]);
    const key = `till-1:${randomUUID()}`;
    const first = await redeem(voucher.token, 1250, key);
    const again = await redeem(voucher.token, 1250, key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await balanceOf(voucher.id)).toBe(3750);

    const different = await redeem(voucher.token, 1300, key);
    expect(different.status).toBe(422);
    expect(different.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const [{ count }] = await db.query(
      `SELECT count(*)::int AS count FROM voucher_redemption WHERE voucher_id = $1`,
      [voucher.id],
    );
    expect(count).toBe(1);

    // Without the header nothing happens.
    const keyless = await merchant.post(`/api/merchant/shops/${shopId}/redemptions`, {
      code: voucher.token,
      amount: 100,
    });
    expect(keyless.status).toBe(400);
    expect(await balanceOf(voucher.id)).toBe(3750);
  });

  it('lets the same shop void a redemption within 15 minutes, once', async () => {
    const [voucher] = await vouchers([2000]);
    const taken = await redeem(voucher.token, 2000);
    expect(taken.body.balanceAfter).toBe(0);

    // Another of the merchant's shops, and a shop they do not work at, do not see it.
    expect((await voidIt(taken.body.id, randomUUID(), otherShopId)).status).toBe(404);
    expect((await voidIt(taken.body.id, randomUUID(), foreignShopId)).status).toBe(404);

    const key = randomUUID();
    const voided = await voidIt(taken.body.id, key);
    expect(voided.status).toBe(200);
    expect(voided.body.id).toBe(taken.body.id);
    expect(voided.body.voidedAt).not.toBeNull();
    expect(await balanceOf(voucher.id)).toBe(2000);
    const [{ status }] = await db.query(`SELECT status FROM voucher WHERE id = $1`, [voucher.id]);
    expect(status).toBe('active');

    // A retry of the same void is the first answer; another void is refused.
    expect((await voidIt(taken.body.id, key)).body).toEqual(voided.body);
    const twice = await voidIt(taken.body.id);
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('REDEMPTION_ALREADY_VOIDED');
    expect(await balanceOf(voucher.id)).toBe(2000);

    const wallet = await family.get(`/api/wallet/vouchers/${voucher.id}`);
    expect(wallet.body.movements.map((m: { kind: string; amount: number }) => [m.kind, m.amount])).toEqual([
      ['issue', 2000],
      ['redemption', -2000],
      ['void', 2000],
    ]);
  });

  it('refuses a void after 15 minutes', async () => {
    const [voucher] = await vouchers([2000]);
    const taken = await redeem(voucher.token, 500);
    await db.query(
      `UPDATE voucher_redemption SET created_at = now() - interval '15 minutes 1 second' WHERE id = $1`,
      [taken.body.id],
    );
    const late = await voidIt(taken.body.id);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('VOID_WINDOW_PASSED');
    expect(await balanceOf(voucher.id)).toBe(1500);
  });

  it('refuses expired, revoked and not yet valid vouchers', async () => {
    const [expired, revoked] = await vouchers([1000, 1000]);
    // Past its date in the database's clock, before the expiry job has run.
    await db.query(`UPDATE voucher SET valid_until = now() - interval '1 minute' WHERE id = $1`, [
      expired.id,
    ]);
    await api.app
      .get(TransactionRunner)
      .run(RequestContext.system(db.manager), (ctx) =>
        api.app.get(VoucherLifecycleService).revoke(ctx, revoked.id, 'Assegnato per errore', null),
      );
    const [future] = await vouchers([1000], { validFrom: new Date(Date.now() + 86_400_000) });

    for (const [voucher, code] of [
      [expired, 'VOUCHER_EXPIRED'],
      [revoked, 'VOUCHER_REVOKED'],
      [future, 'VOUCHER_NOT_YET_VALID'],
    ] as const) {
      const res = await redeem(voucher.token, 100);
      expect({ code: res.body.code, status: res.status }).toEqual({ code, status: 409 });
      const checked = await check(voucher.code);
      expect(checked.body.redeemable).toBe(false);
      expect(checked.body.reason.it).toEqual(expect.any(String));
    }
    expect((await check(expired.code)).body.status).toBe('expired');
    expect(await balanceOf(expired.id)).toBe(1000);
    expect(await balanceOf(future.id)).toBe(1000);
  });

  it('keeps campaign and service vouchers to the shops and the period of their kind', async () => {
    const tradate = (await db.query(`SELECT id FROM comune WHERE slug = 'tradate'`))[0].id;
    const yesterday = (await db.query(`SELECT ((now() AT TIME ZONE 'Europe/Rome')::date - 1)::text AS d`))[0]
      .d;
    const cases: [Partial<Parameters<typeof givenVoucherKind>[1]>, string, number][] = [
      [{ shopCategories: ['farmacia'] }, shopId, 409],
      [{ shopCategories: ['alimentari'] }, shopId, 201],
      [{ shopIds: [otherShopId] }, shopId, 409],
      [{ shopIds: [shopId], campaign: true }, shopId, 201],
      [
        { campaign: true, shopCategories: ['alimentari'], startsOn: '2020-01-01', endsOn: yesterday },
        shopId,
        409,
      ],
      [
        { campaign: true, shopCategories: ['alimentari'], startsOn: '2999-01-01', endsOn: '2999-12-31' },
        shopId,
        409,
      ],
      // A kind of Tradate: a grocer of Tradate takes it, one of Venegono Superiore does not.
      [{ comuneId: tradate, shopCategories: ['alimentari'] }, shopId, 201],
      [{ comuneId: tradate, shopCategories: ['alimentari'] }, venegonoShopId, 409],
      [{ kind: 'service' }, shopId, 409],
    ];
    for (const [kind, shop, expected] of cases) {
      const k = await givenVoucherKind(api.app, kind);
      const [voucher] = await vouchers([1000], { kindId: k.id });
      const res = await redeem(voucher.token, 100, randomUUID(), shop);
      expect({ kind, status: res.status, error: res.status === 201 ? null : res.body.code }).toEqual({
        kind,
        status: expected,
        error: expected === 409 ? 'VOUCHER_NOT_VALID_HERE' : null,
      });
    }
    // The pharmacy takes a pharmacy voucher.
    const pharmacy = await givenVoucherKind(api.app, { shopCategories: ['farmacia'] });
    const [voucher] = await vouchers([1000], { kindId: pharmacy.id });
    expect((await redeem(voucher.token, 100, randomUUID(), otherShopId)).status).toBe(201);
    expect((await check(voucher.code)).body).toMatchObject({ redeemable: false, balance: 900 });
  });

  it('refuses vouchers at a shop that is not accredited, and any shop the merchant does not work at', async () => {
    const [voucher] = await vouchers([1000]);
    const pending = await redeem(voucher.token, 100, randomUUID(), pendingShopId);
    expect(pending.status).toBe(409);
    expect(pending.body.code).toBe('SHOP_NOT_ACCREDITED');
    expect((await redeem(voucher.token, 100, randomUUID(), foreignShopId)).status).toBe(404);
    expect((await check(voucher.token, foreignShopId)).status).toBe(404);
    expect((await merchant.get(`/api/merchant/shops/${foreignShopId}/redemptions`)).status).toBe(404);
    expect(await balanceOf(voucher.id)).toBe(1000);
    // A well-formed code that no voucher has is 404.
    expect((await redeem(generateShortCode(), 100)).status).toBe(404);
  });

  it('tells the family what was spent, where, and what is left', async () => {
    const [voucher] = await vouchers([5000]);
    const taken = await redeem(voucher.code, 1250);
    const [row]: { payload: Record<string, unknown> }[] = await db.query(
      `SELECT payload FROM outbox WHERE queue = 'notifications' AND name = 'notice'
         AND payload->>'dedupeKey' = $1`,
      [`redemption:${taken.body.id}`],
    );
    expect(row.payload).toEqual({
      householdId,
      template: 'voucher_redeemed',
      params: {
        amount: '12,50 €',
        amountEn: '€12.50',
        balance: '37,50 €',
        balanceEn: '€37.50',
        shop: SHOP_NAME,
        code: voucher.code,
      },
      link: `/buoni/${voucher.id}`,
      dedupeKey: `redemption:${taken.body.id}`,
    });
    // What the worker does with it: the notice in the family's inbox.
    await api.app.get(NoticeService).deliver(db.manager, row.payload as never);
    const inbox = await family.get('/api/notices');
    expect(inbox.body.items[0]).toMatchObject({
      template: 'voucher_redeemed',
      title: { it: `Hai speso 12,50 € da ${SHOP_NAME}` },
      body: { it: expect.stringContaining('restano 37,50 €') },
      link: `/buoni/${voucher.id}`,
    });

    await voidIt(taken.body.id);
    const [voidNotice] = await db.query(`SELECT payload FROM outbox WHERE payload->>'dedupeKey' = $1`, [
      `redemption-void:${taken.body.id}`,
    ]);
    expect(voidNotice.payload).toMatchObject({
      template: 'voucher_redemption_voided',
      params: { amount: '12,50 €', balance: '50,00 €', shop: SHOP_NAME },
    });
  });

  it("lists the month's redemptions with the total net of voids", async () => {
    const res = await merchant.get(`/api/merchant/shops/${shopId}/redemptions?month=${month}`);
    expect(res.status).toBe(200);
    const items: { amount: number; voidedAt: string | null }[] = res.body.items;
    expect(items.length).toBeGreaterThan(5);
    expect(items.some((i) => i.voidedAt)).toBe(true);
    expect(res.body.total).toBe(items.filter((i) => !i.voidedAt).reduce((s, i) => s + i.amount, 0));
    const [{ net }] = await db.query(
      `SELECT sum(amount)::int AS net FROM voucher_redemption WHERE merchant_id = $1 AND voided_at IS NULL`,
      [shopId],
    );
    expect(res.body.total).toBe(net);
    expect((await merchant.get(`/api/merchant/shops/${shopId}/redemptions?month=2026-13`)).status).toBe(400);
    expect((await merchant.get(`/api/merchant/shops/${shopId}/redemptions?month=2001-01`)).body).toEqual({
      items: [],
      total: 0,
    });
  });

  it('gives the shop its monthly statement as CSV and PDF, and the admin too', async () => {
    const [{ net, voided }] = await db.query(
      `SELECT sum(amount) FILTER (WHERE voided_at IS NULL)::int AS net, count(*) FILTER (WHERE voided_at IS NOT NULL)::int AS voided
       FROM voucher_redemption WHERE merchant_id = $1`,
      [shopId],
    );
    const euro = (c: number) => `${Math.trunc(c / 100)},${String(c % 100).padStart(2, '0')}`;

    const csv = await merchant.get(`/api/merchant/shops/${shopId}/statements/${month}.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toContain(`filename="estratto-conto-${month}.csv"`);
    const text = csv.raw.toString('utf8');
    expect(text).toContain('Tradate');
    expect(text).toContain(euro(net));
    expect(text.split('\n').filter((l) => /;sì \(yes\)/.test(l))).toHaveLength(voided);
    // Codes are masked: a statement is not a list of spendable codes.
    const codes: { code: string }[] = await db.query(
      `SELECT v.code FROM voucher_redemption r JOIN voucher v ON v.id = r.voucher_id WHERE r.merchant_id = $1`,
      [shopId],
    );
    for (const { code } of codes) {
      expect(text).not.toContain(code);
      expect(text).toContain(`****-****-${code.slice(-4)}`);
    }

    const pdf = await merchant.get(`/api/merchant/shops/${shopId}/statements/${month}.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const printed = pdfText(pdf.raw);
    expect(printed).toContain(SHOP_NAME);
    expect(printed).toContain(`${euro(net)}`);

    expect((await merchant.get(`/api/merchant/shops/${foreignShopId}/statements/${month}.csv`)).status).toBe(
      404,
    );
    const asAdmin = await admin.get(`/api/admin/merchants/${shopId}/statements/${month}.csv`);
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.raw.toString('utf8')).toBe(text);
    expect((await admin.get(`/api/admin/merchants/${randomUUID()}/statements/${month}.pdf`)).status).toBe(
      404,
    );
  });

  it('shows the admin what every shop is owed and records payments, never more than owed', async () => {
    const owedNow = async () => {
      const res = await admin.get(`/api/admin/settlements?month=${month}`);
      expect(res.status).toBe(200);
      return res.body.find((r: { merchant: { id: string } }) => r.merchant.id === shopId);
    };
    const before = await owedNow();
    const [{ net }] = await db.query(
      `SELECT sum(amount) FILTER (WHERE voided_at IS NULL)::int AS net FROM voucher_redemption WHERE merchant_id = $1`,
      [shopId],
    );
    expect(before).toMatchObject({
      merchant: { slug: 'credenza-del-borgo', name: SHOP_NAME, comune: { name: 'Tradate' } },
      redeemed: net,
      owed: net,
      settled: 0,
    });
    expect(before.redemptions).toBeGreaterThan(5);

    const pay = (amount: number, key = randomUUID()) =>
      admin.post(
        '/api/admin/settlements',
        {
          merchantId: shopId,
          amount,
          periodStart: `${month}-01`,
          periodEnd: `${month}-28`,
          reference: 'Mandato 1',
        },
        { headers: { 'idempotency-key': key } },
      );
    const tooMuch = await pay(net + 1);
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.code).toBe('INSUFFICIENT_BALANCE');

    const key = randomUUID();
    const paid = await pay(1000, key);
    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({ amount: 1000, merchantId: shopId, owed: net - 1000 });
    expect((await pay(1000, key)).body.id).toBe(paid.body.id);
    expect((await pay(2000, key)).status).toBe(422);
    expect(await owedNow()).toMatchObject({ owed: net - 1000, settled: 1000, redeemed: net });

    const statement = pdfText(
      (await merchant.get(`/api/merchant/shops/${shopId}/statements/${month}.pdf`)).raw,
    );
    expect(statement).toMatch(/10,00/);

    const report = await verifyLedger();
    expect(report).toMatchObject({ ok: true, differences: [], negative: [] });
  });
});
