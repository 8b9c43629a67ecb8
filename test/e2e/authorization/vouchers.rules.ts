import { DataSource } from 'typeorm';
import { givenFund, givenVoucherKind, givenVouchers, householdOf } from '../../support/vouchers';
import type { RuleSet } from './rule';

const key = { 'idempotency-key': 'authorization-matrix' };
const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString();

/**
 * Funds and kinds (admin only), assignment (social workers, only households of their Comuni), the wallet
 * (a family sees only its own vouchers: another's is 404), keys and campaigns (public), the inbox (any
 * signed-in person, only their own notices).
 */
export const ruleSet: RuleSet = {
  setup: async (app, fixture) => {
    const db = app.get(DataSource);
    const [tradate] = await db.query(`SELECT id FROM comune WHERE slug = 'tradate'`);
    fixture.tradate = tradate.id;
    const fund = await givenFund(app, { comune: 'tradate', amount: 100_000 });
    const kind = await givenVoucherKind(app, { slug: 'auth-buono' });
    await givenVoucherKind(app, { slug: 'auth-campagna', campaign: true, shopCategories: ['alimentari'] });
    fixture.fund = fund.id;
    fixture.kind = kind.id;
    const [own] = await givenVouchers(app, {
      householdId: await householdOf(app),
      fundId: fund.id,
      kindId: kind.id,
      amounts: [1000],
    });
    fixture.ownVoucher = own.id;
    // Household B lives in Castelseprio, which the demo social worker does not serve.
    const foreignFund = await givenFund(app, { comune: 'castelseprio', amount: 10_000 });
    const [foreign] = await givenVouchers(app, {
      householdId: fixture.householdB,
      fundId: foreignFund.id,
      kindId: kind.id,
      amounts: [1000],
    });
    fixture.foreignVoucher = foreign.id;
    const [notice] = await db.query(
      `INSERT INTO notice (user_id, template, params, dedupe_key)
       SELECT id, 'vouchers_issued', '{"count": "1"}', 'auth' FROM user_account
       WHERE email = 'famiglia@demo.piazza.example' RETURNING id`,
    );
    fixture.ownNotice = notice.id;
  },
  rules: {
    'GET /api/admin/funds': {
      request: () => ({ path: '/api/admin/funds' }),
      expect: { anonymous: 401, signedIn: 403, admin: 200 },
    },
    'POST /api/admin/funds': {
      request: (f) => ({
        path: '/api/admin/funds',
        body: { comuneId: f.tradate, name: 'Fondo della matrice' },
      }),
      expect: { anonymous: 401, signedIn: 403, admin: 201 },
    },
    'POST /api/admin/funds/{id}/top-ups': {
      request: (f) => ({
        path: `/api/admin/funds/${f.fund}/top-ups`,
        body: { amount: 100, reference: 'matrice' },
        headers: key,
      }),
      expect: { anonymous: 401, signedIn: 403, admin: 201 },
    },
    'PATCH /api/admin/funds/{id}': {
      request: (f) => ({ path: `/api/admin/funds/${f.fund}`, body: { status: 'open' } }),
      expect: { anonymous: 401, signedIn: 403, admin: 200 },
    },
    'GET /api/admin/voucher-kinds': {
      request: () => ({ path: '/api/admin/voucher-kinds' }),
      expect: { anonymous: 401, signedIn: 403, admin: 200 },
    },
    'POST /api/admin/voucher-kinds': {
      request: () => ({
        path: '/api/admin/voucher-kinds',
        body: { slug: 'auth-nuovo', kind: 'spending', name: { it: 'Nuovo', en: 'New' } },
      }),
      expect: { anonymous: 401, signedIn: 403, admin: 201 },
    },
    'PATCH /api/admin/voucher-kinds/{id}': {
      request: (f) => ({ path: `/api/admin/voucher-kinds/${f.kind}`, body: { active: true } }),
      expect: { anonymous: 401, signedIn: 403, admin: 200 },
    },
    'GET /api/social/funds': {
      request: () => ({ path: '/api/social/funds' }),
      expect: { anonymous: 401, signedIn: 403, otherSocialWorker: 200 },
    },
    'GET /api/social/voucher-kinds': {
      request: () => ({ path: '/api/social/voucher-kinds' }),
      expect: { anonymous: 401, signedIn: 403, otherSocialWorker: 200 },
    },
    'POST /api/social/households/{id}/voucher-assignments': {
      request: (f) => ({
        path: `/api/social/households/${f.householdB}/voucher-assignments`,
        body: { fundId: f.fund, kindId: f.kind, amounts: [500], validUntil: inAMonth() },
        headers: key,
      }),
      expect: { anonymous: 401, signedIn: 403, otherSocialWorker: 404 },
    },
    'GET /api/social/households/{id}/vouchers': {
      request: (f) => ({ path: `/api/social/households/${f.householdB}/vouchers` }),
      expect: { anonymous: 401, signedIn: 403, otherSocialWorker: 404 },
    },
    'GET /api/social/households/{id}/vouchers.pdf': {
      request: (f) => ({ path: `/api/social/households/${f.householdB}/vouchers.pdf` }),
      expect: { anonymous: 401, signedIn: 403, otherSocialWorker: 404 },
    },
    'POST /api/social/vouchers/{id}/revoke': {
      request: (f) => ({
        path: `/api/social/vouchers/${f.foreignVoucher}/revoke`,
        body: { reason: 'matrice' },
      }),
      expect: { anonymous: 401, signedIn: 403, otherSocialWorker: 404 },
    },
    'GET /api/wallet/vouchers': {
      request: () => ({ path: '/api/wallet/vouchers' }),
      expect: { anonymous: 401, signedIn: 403, citizenA: 200, citizenB: 200 },
    },
    'GET /api/wallet/vouchers/{id}': {
      request: (f) => ({ path: `/api/wallet/vouchers/${f.ownVoucher}` }),
      expect: { anonymous: 401, signedIn: 403, citizenA: 200, citizenB: 404 },
    },
    'GET /api/wallet/vouchers/{id}/pdf': {
      request: (f) => ({ path: `/api/wallet/vouchers/${f.ownVoucher}/pdf` }),
      expect: { anonymous: 401, signedIn: 403, citizenA: 200, citizenB: 404 },
    },
    'GET /api/wallet/vouchers/{id}/qr.svg': {
      request: (f) => ({ path: `/api/wallet/vouchers/${f.ownVoucher}/qr.svg` }),
      expect: { anonymous: 401, signedIn: 403, citizenA: 200, citizenB: 404 },
    },
    'GET /api/.well-known/voucher-keys': {
      request: () => ({ path: '/api/.well-known/voucher-keys' }),
      expect: { all: 200 },
    },
    'GET /api/campaigns': { request: () => ({ path: '/api/campaigns' }), expect: { all: 200 } },
    'GET /api/campaigns/{slug}': {
      request: () => ({ path: '/api/campaigns/auth-campagna' }),
      expect: { all: 200 },
    },
    'GET /api/notices': {
      request: () => ({ path: '/api/notices' }),
      expect: { anonymous: 401, signedIn: 200 },
    },
    'POST /api/notices/{id}/read': {
      request: (f) => ({ path: `/api/notices/${f.ownNotice}/read` }),
      expect: { anonymous: 401, signedIn: 404, citizenA: 204 },
    },
    'POST /api/notices/read-all': {
      request: () => ({ path: '/api/notices/read-all' }),
      expect: { anonymous: 401, signedIn: 204 },
    },
  },
};
