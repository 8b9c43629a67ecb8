import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { cents, RequestContext, TransactionRunner } from '@piazza/core';
import { LedgerService, LedgerVerifier } from '@piazza/ledger';
import { NoticeService } from '@piazza/notifications';
import { VoucherIssuanceService, VoucherLifecycleService, verifyVoucherToken } from '@piazza/vouchers';
import { execFileSync } from 'node:child_process';
import { createPublicKey, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { givenDemoAmbito } from '../support/demo-ambito';
import { HttpClient } from '../support/http-client';
import { useTestApi } from '../support/test-api';
import { givenFund, givenVoucherKind, givenVouchers, householdOf } from '../support/vouchers';

const FAMILY = 'famiglia@demo.piazza.example';
const SOCIAL = 'assistente.sociale@demo.piazza.example';
const ADMIN = 'ufficio.piano@demo.piazza.example';
const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString();

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'piazza-pdf-'));
  try {
    writeFileSync(join(dir, 'a.pdf'), pdf);
    return execFileSync('pdftotext', ['-layout', join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('Funds, assignment, issuance and the wallet', () => {
  const api = useTestApi();
  let admin: HttpClient;
  let social: HttpClient;
  let family: HttpClient;
  let tradate: string;
  let kindId: string;

  beforeAll(async () => {
    await givenDemoAmbito(api.app);
    [admin, social, family] = await Promise.all([
      HttpClient.signedIn(api.app, ADMIN),
      HttpClient.signedIn(api.app, SOCIAL),
      HttpClient.signedIn(api.app, FAMILY),
    ]);
    const [row]: { id: string }[] = await api.app
      .get(DataSource)
      .query(`SELECT id FROM comune WHERE slug = 'tradate'`);
    tradate = row.id;
    kindId = (await givenVoucherKind(api.app, { slug: 'buono-spesa-test', shopCategories: ['alimentari'] }))
      .id;
  });

  const verifyLedger = () => api.app.get(LedgerVerifier).verify(api.app.get(DataSource).manager);

  it('lets the admin open a fund and top it up once per idempotency key', async () => {
    const created = await admin.post('/api/admin/funds', {
      comuneId: tradate,
      name: 'Fondo povertà alimentare 2027',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ budget: 0, available: 0, comune: { slug: 'tradate' } });

    const duplicate = await admin.post('/api/admin/funds', {
      comuneId: tradate,
      name: 'Fondo povertà alimentare 2027',
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('FUND_NAME_TAKEN');

    const key = randomUUID();
    const topUp = () =>
      admin.post(
        `/api/admin/funds/${created.body.id}/top-ups`,
        { amount: 1_000_000, reference: 'Determina 12/2026' },
        { headers: { 'idempotency-key': key } },
      );
    expect((await topUp()).status).toBe(201);
    const again = await topUp();
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ budget: 1_000_000, available: 1_000_000 });

    const noKey = await admin.post(`/api/admin/funds/${created.body.id}/top-ups`, {
      amount: 100,
      reference: 'x',
    });
    expect(noKey.status).toBe(400);
    expect(noKey.body.message.it).toContain('Idempotency-Key');

    const reused = await admin.post(
      `/api/admin/funds/${created.body.id}/top-ups`,
      { amount: 5, reference: 'another' },
      { headers: { 'idempotency-key': key } },
    );
    expect(reused.status).toBe(422);
    expect((await verifyLedger()).ok).toBe(true);
  });

  it('assigns 100 euro in two vouchers; the worker issues them once; the family sees them in the wallet', async () => {
    const fund = await givenFund(api.app, { amount: 20_000 });
    const household = await householdOf(api.app, FAMILY);
    const key = randomUUID();
    const body = {
      fundId: fund.id,
      kindId,
      amounts: [5000, 5000],
      validUntil: inAMonth(),
      note: 'Emergenza',
    };
    const assigned = await social.post(`/api/social/households/${household}/voucher-assignments`, body, {
      headers: { 'idempotency-key': key },
    });
    expect(assigned.status).toBe(201);
    expect(assigned.body).toMatchObject({ status: 'pending', total: 10_000 });
    // A double click: the same assignment, nothing assigned twice.
    const replay = await social.post(`/api/social/households/${household}/voucher-assignments`, body, {
      headers: { 'idempotency-key': key },
    });
    expect(replay.body.id).toBe(assigned.body.id);
    const funds = await social.get('/api/social/funds');
    expect(funds.body.find((f: { id: string }) => f.id === fund.id)).toMatchObject({
      available: 10_000,
      assigned: 10_000,
    });

    // The worker relays the outbox row and issues the vouchers.
    const worker = await Test.createTestingModule({
      imports: [WorkerModule.forRoot(api.env.config)],
    }).compile();
    const context: INestApplicationContext = await worker.init();
    try {
      const listed = await eventually(
        () => social.get(`/api/social/households/${household}/vouchers`),
        (res) => res.body.vouchers?.length === 2,
      );
      expect(listed.body.assignments).toHaveLength(0);
      // A notice reaches the family's inbox.
      const notices = await eventually(
        () => family.get('/api/notices'),
        (res) => res.body.items?.some((n: { template: string }) => n.template === 'vouchers_issued'),
      );
      expect(notices.body.unread).toBeGreaterThan(0);
      expect(notices.body.items[0].title.it).toContain('2 nuovi buoni');
    } finally {
      await context.close();
    }

    const wallet = await family.get('/api/wallet/vouchers');
    const issued = wallet.body.filter((v: { kind: { slug: string } }) => v.kind.slug === 'buono-spesa-test');
    expect(issued).toHaveLength(2);
    expect(issued[0]).toMatchObject({
      faceValue: 5000,
      balance: 5000,
      status: 'active',
      comune: { slug: 'tradate' },
    });
    expect(issued[0].code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(issued[0].spendAt.it).toContain('alimentari');

    // The QR token verifies against the published public keys.
    const keys = await family.get('/api/.well-known/voucher-keys');
    const publicKeys = new Map(
      keys.body.keys.map((k: { kid: string; x: string }) => [
        k.kid,
        createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: k.x }, format: 'jwk' }),
      ]),
    );
    expect(verifyVoucherToken(issued[0].token, publicKeys as never).voucherId).toBe(issued[0].id);

    const detail = await family.get(`/api/wallet/vouchers/${issued[0].id}`);
    expect(detail.body.movements).toEqual([
      expect.objectContaining({ kind: 'issue', amount: 5000, balanceAfter: 5000 }),
    ]);
    const pdf = await family.get(`/api/wallet/vouchers/${issued[0].id}/pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.raw);
    expect(text).toContain(issued[0].code);
    expect(text).toContain('50,00');
    expect(text).not.toMatch(/Rossi|famiglia/i);
    const qr = await family.get(`/api/wallet/vouchers/${issued[0].id}/qr.svg`);
    expect(qr.status).toBe(200);
    expect(qr.raw.toString()).toContain('<svg');

    // Another person's voucher does not exist for them.
    const stranger = await HttpClient.signedIn(api.app, SOCIAL);
    expect((await stranger.get(`/api/wallet/vouchers/${issued[0].id}`)).status).toBe(403);
    expect((await verifyLedger()).ok).toBe(true);
  });

  it('creates nothing new when an assignment is issued again (a retried or re-run job)', async () => {
    const fund = await givenFund(api.app, { amount: 10_000 });
    const household = await householdOf(api.app, FAMILY);
    const vouchers = await givenVouchers(api.app, {
      householdId: household,
      fundId: fund.id,
      kindId,
      amounts: [1000, 2000],
    });
    const db = api.app.get(DataSource);
    const [{ assignment_id }] = await db.query(`SELECT assignment_id FROM voucher WHERE id = $1`, [
      vouchers[0].id,
    ]);
    const again = await api.app
      .get(TransactionRunner)
      .run(RequestContext.system(db.manager), (c) =>
        api.app.get(VoucherIssuanceService).issue(c, assignment_id),
      );
    expect(again).toMatchObject({ created: 0, voucherIds: vouchers.map((v) => v.id) });
    const [{ n, moved }] = await db.query(
      `SELECT count(*)::int AS n, (SELECT count(*)::int FROM ledger_transfer WHERE kind = 'voucher_issue'
         AND reference = ANY (SELECT 'voucher:' || id FROM voucher WHERE assignment_id = $1)) AS moved
       FROM voucher WHERE assignment_id = $1`,
      [assignment_id],
    );
    expect({ n, moved }).toEqual({ n: 2, moved: 2 });
  });

  it('refuses to assign more than the fund holds, and moves nothing', async () => {
    const fund = await givenFund(api.app, { amount: 3000 });
    const household = await householdOf(api.app, FAMILY);
    const res = await social.post(
      `/api/social/households/${household}/voucher-assignments`,
      { fundId: fund.id, kindId, amounts: [2000, 2000], validUntil: inAMonth() },
      { headers: { 'idempotency-key': randomUUID() } },
    );
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('FUND_EXHAUSTED');
    expect(res.body.message.it).toContain('30,00 €');
    const [{ n }] = await api.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM voucher_assignment WHERE fund_id = $1`, [fund.id]);
    expect(n).toBe(0);
    const funds = await admin.get('/api/admin/funds');
    expect(funds.body.find((f: { id: string }) => f.id === fund.id)).toMatchObject({ available: 3000 });
  });

  it('explains bad assignments in both languages', async () => {
    const fund = await givenFund(api.app, { amount: 3000 });
    const household = await householdOf(api.app, FAMILY);
    const post = (body: object) =>
      social.post(`/api/social/households/${household}/voucher-assignments`, body, {
        headers: { 'idempotency-key': randomUUID() },
      });
    const past = await post({ fundId: fund.id, kindId, amounts: [1000], validUntil: '2020-01-01T00:00:00Z' });
    expect(past.status).toBe(400);
    expect(past.body.message.en).toContain('passed');
    const fractional = await post({ fundId: fund.id, kindId, amounts: [10.5], validUntil: inAMonth() });
    expect(fractional.status).toBe(400);
    const otherFund = await givenFund(api.app, { comune: 'castiglione-olona', amount: 1000 });
    const wrongComune = await post({ fundId: otherFund.id, kindId, amounts: [500], validUntil: inAMonth() });
    expect(wrongComune.status).toBe(400);
    expect(wrongComune.body.field).toBe('fundId');
  });

  it('hides households of other Comuni from a social worker', async () => {
    const [other]: { id: string }[] = await api.app.get(DataSource).query(
      `INSERT INTO household (comune_id, address)
       SELECT id, 'Via Altrove 2' FROM comune WHERE slug NOT IN ('tradate', 'venegono-superiore') LIMIT 1
       RETURNING id`,
    );
    const fund = await givenFund(api.app, { amount: 3000 });
    const res = await social.post(
      `/api/social/households/${other.id}/voucher-assignments`,
      { fundId: fund.id, kindId, amounts: [500], validUntil: inAMonth() },
      { headers: { 'idempotency-key': randomUUID() } },
    );
    expect(res.status).toBe(404);
    expect((await social.get(`/api/social/households/${other.id}/vouchers`)).status).toBe(404);
  });

  it('returns what is left to the fund when a voucher is revoked or expires', async () => {
    const fund = await givenFund(api.app, { amount: 10_000 });
    const household = await householdOf(api.app, FAMILY);
    const [revoked, expiring] = await givenVouchers(api.app, {
      householdId: household,
      fundId: fund.id,
      kindId,
      amounts: [3000, 2000],
    });
    const res = await social.post(`/api/social/vouchers/${revoked.id}/revoke`, {
      reason: 'Assegnato per errore',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'revoked', balance: 0 });
    expect(res.body.movements.at(-1)).toMatchObject({ kind: 'revoke', amount: -3000 });
    expect(
      (await social.post(`/api/social/vouchers/${revoked.id}/revoke`, { reason: 'ancora' })).status,
    ).toBe(409);

    const db = api.app.get(DataSource);
    await db.query(
      `UPDATE voucher SET valid_from = now() - interval '2 days', valid_until = now() - interval '1 hour' WHERE id = $1`,
      [expiring.id],
    );
    const ctx = RequestContext.system(db.manager);
    const first = await api.app
      .get(TransactionRunner)
      .run(ctx, (c) => api.app.get(VoucherLifecycleService).expireDue(c));
    expect(first).toMatchObject({ expired: 1, returned: 2000 });
    const again = await api.app
      .get(TransactionRunner)
      .run(ctx, (c) => api.app.get(VoucherLifecycleService).expireDue(c));
    expect(again.expired).toBe(0);

    const funds = await admin.get('/api/admin/funds');
    expect(funds.body.find((f: { id: string }) => f.id === fund.id)).toMatchObject({
      budget: 10_000,
      available: 10_000,
      assigned: 5000,
      returned: 5000,
      spent: 0,
    });
    const wallet = await family.get(`/api/wallet/vouchers/${expiring.id}`);
    expect(wallet.body).toMatchObject({ status: 'expired', balance: 0 });
    expect((await verifyLedger()).ok).toBe(true);
  });

  it('returns to the fund money refunded to a voucher after it expired', async () => {
    const fund = await givenFund(api.app, { amount: 5000 });
    const household = await householdOf(api.app, FAMILY);
    const [voucher] = await givenVouchers(api.app, {
      householdId: household,
      fundId: fund.id,
      kindId,
      amounts: [2000],
    });
    const db = api.app.get(DataSource);
    const run = <T>(work: (c: RequestContext) => Promise<T>) =>
      api.app.get(TransactionRunner).run(RequestContext.system(db.manager), work);
    // Spent at a provider, then the voucher expires.
    const provider = await run((c) =>
      api.app.get(LedgerService).openAccount(c, { kind: 'provider', ownerId: randomUUID(), label: 'test' }),
    );
    const spent = await run((c) =>
      api.app.get(LedgerService).transfer(c, {
        debitAccountId: voucher.accountId,
        creditAccountId: provider,
        amount: cents(2000),
        kind: 'order_capture',
        idempotencyKey: randomUUID(),
        reference: 'test',
      }),
    );
    await db.query(
      `UPDATE voucher SET valid_from = now() - interval '2 days', valid_until = now() - interval '1 hour' WHERE id = $1`,
      [voucher.id],
    );
    await run((c) => api.app.get(VoucherLifecycleService).expireDue(c));
    // The order is refunded after the expiry: the money lands on the expired voucher...
    await run((c) =>
      api.app
        .get(LedgerService)
        .reverse(c, spent.transferId, { kind: 'order_refund_voucher', idempotencyKey: randomUUID() }),
    );
    // ...and the next sweep sends it back to the fund, once.
    expect(await run((c) => api.app.get(VoucherLifecycleService).expireDue(c))).toMatchObject({
      returned: 2000,
    });
    expect(await run((c) => api.app.get(VoucherLifecycleService).expireDue(c))).toMatchObject({
      returned: 0,
    });
    const funds = await admin.get('/api/admin/funds');
    expect(funds.body.find((f: { id: string }) => f.id === fund.id)).toMatchObject({
      available: 5000,
      returned: 2000,
    });
    expect((await verifyLedger()).ok).toBe(true);
  });

  it('prints a household pack: a cover letter with the address, then the vouchers', async () => {
    const fund = await givenFund(api.app, { amount: 10_000 });
    const household = await householdOf(api.app, FAMILY);
    const vouchers = await givenVouchers(api.app, {
      householdId: household,
      fundId: fund.id,
      kindId,
      amounts: [2500],
    });
    const res = await social.get(`/api/social/households/${household}/vouchers.pdf`);
    expect(res.status).toBe(200);
    const text = pdfText(res.raw);
    expect(text).toContain('Via Roma 1');
    expect(text).toContain(vouchers[0].code);
    expect(text.split('\f').length).toBeGreaterThanOrEqual(2);
  });

  it('keeps an in-app inbox per person: unread count, read, read all', async () => {
    const [user]: { id: string }[] = await api.app
      .get(DataSource)
      .query(`SELECT id FROM user_account WHERE email = $1`, [FAMILY]);
    const notices = api.app.get(NoticeService);
    const job = {
      userIds: [user.id],
      template: 'voucher_redeemed',
      params: {
        amount: '12,50 €',
        amountEn: '€12.50',
        shop: 'Alimentari Rossi',
        balance: '37,50 €',
        balanceEn: '€37.50',
        code: 'X',
      },
      dedupeKey: `test:${randomUUID()}`,
    };
    expect(await notices.deliver(api.app.get(DataSource).manager, job)).toBe(1);
    expect(await notices.deliver(api.app.get(DataSource).manager, job)).toBe(0);
    const before = await family.get('/api/notices');
    const notice = before.body.items.find((n: { title: { it: string } }) =>
      n.title.it.includes('Alimentari Rossi'),
    );
    expect(notice.body.en).toContain('€37.50');
    expect((await family.post(`/api/notices/${notice.id}/read`)).status).toBe(204);
    const after = await family.get('/api/notices');
    expect(after.body.unread).toBe(before.body.unread - 1);
    expect((await social.post(`/api/notices/${notice.id}/read`)).status).toBe(404);
    await family.post('/api/notices/read-all');
    expect((await family.get('/api/notices')).body.unread).toBe(0);
  });

  it('publishes running campaigns with their shops for the map', async () => {
    await givenVoucherKind(api.app, {
      slug: 'campagna-di-prova',
      name: { it: 'A Natale... Compra Locale', en: 'Shop local this Christmas' },
      campaign: true,
      shopCategories: ['alimentari', 'abbigliamento'],
      startsOn: '2026-12-01',
      endsOn: '2099-01-06',
    });
    const res = await family.get('/api/campaigns/campagna-di-prova');
    expect(res.status).toBe(200);
    expect(res.body.shops.length).toBeGreaterThan(0);
    expect(
      res.body.shops.every((s: { shopCategory: string }) =>
        ['alimentari', 'abbigliamento'].includes(s.shopCategory),
      ),
    ).toBe(true);
    expect((await family.get('/api/campaigns/non-esiste')).status).toBe(404);
  });
});

async function eventually<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
