import { RequestContext, TransactionRunner } from '@piazza/core';
import { RedemptionService } from '@piazza/vouchers';
import { DataSource } from 'typeorm';
import { givenFund, givenVoucherKind, givenVouchers, householdOf } from '../../support/vouchers';
import type { RuleSet } from './rule';

const key = { 'idempotency-key': 'authorization-matrix' };
const merchantOnly = (status: number) => ({ anonymous: 401, signedIn: 403, merchant: status });
const adminOnly = (status: number) => ({ anonymous: 401, signedIn: 403, admin: status });

/**
 * The shop's till and statements (the `merchant` role, members of the shop; here the demo merchant's
 * own shop, so the member gets through: test/e2e/redemption.e2e-spec.ts covers other shops' 404), and the
 * admin's settlements with the shops.
 */
export const ruleSet: RuleSet = {
  setup: async (app, fixture) => {
    const db = app.get(DataSource);
    const [shop] = await db.query(`SELECT id FROM organisation WHERE slug = 'credenza-del-borgo'`);
    const [merchant] = await db.query(
      `SELECT id FROM user_account WHERE email = 'negozio@demo.piazza.example'`,
    );
    fixture.shop = shop.id;
    const fund = await givenFund(app, { comune: 'tradate', amount: 100_000 });
    const kind = await givenVoucherKind(app, { slug: 'auth-buono-negozi' });
    const [voucher] = await givenVouchers(app, {
      householdId: await householdOf(app),
      fundId: fund.id,
      kindId: kind.id,
      amounts: [10_000],
    });
    fixture.shopVoucherToken = voucher.token;
    // A redemption of the shop to void, and money the Comuni owe the shop.
    const ctx = new RequestContext(db.manager, 'authorization', 'it', {
      userId: merchant.id,
      roles: ['merchant'],
      comuneIds: [],
    });
    const redemption = await app
      .get(TransactionRunner)
      .run(ctx, (c) =>
        app.get(RedemptionService).redeem(c, shop.id, { code: voucher.token, amount: 1000 }, 'auth-setup'),
      );
    fixture.redemption = redemption.id;
    [{ month: fixture.month }] = await db.query(
      `SELECT to_char(now() AT TIME ZONE 'Europe/Rome', 'YYYY-MM') AS month`,
    );
  },
  rules: {
    'GET /api/merchant/shops': {
      request: () => ({ path: '/api/merchant/shops' }),
      expect: merchantOnly(200),
    },
    'POST /api/merchant/shops/{shopId}/voucher-checks': {
      request: (f) => ({
        path: `/api/merchant/shops/${f.shop}/voucher-checks`,
        body: { code: f.shopVoucherToken },
      }),
      expect: merchantOnly(200),
    },
    'POST /api/merchant/shops/{shopId}/redemptions': {
      request: (f) => ({
        path: `/api/merchant/shops/${f.shop}/redemptions`,
        body: { code: f.shopVoucherToken, amount: 100 },
        headers: key,
      }),
      expect: merchantOnly(201),
    },
    'POST /api/merchant/shops/{shopId}/redemptions/{id}/void': {
      request: (f) => ({
        path: `/api/merchant/shops/${f.shop}/redemptions/${f.redemption}/void`,
        headers: key,
      }),
      expect: merchantOnly(200),
    },
    'GET /api/merchant/shops/{shopId}/redemptions': {
      request: (f) => ({ path: `/api/merchant/shops/${f.shop}/redemptions?month=${f.month}` }),
      expect: merchantOnly(200),
    },
    'GET /api/merchant/shops/{shopId}/statements/{month}.csv': {
      request: (f) => ({ path: `/api/merchant/shops/${f.shop}/statements/${f.month}.csv` }),
      expect: merchantOnly(200),
    },
    'GET /api/merchant/shops/{shopId}/statements/{month}.pdf': {
      request: (f) => ({ path: `/api/merchant/shops/${f.shop}/statements/${f.month}.pdf` }),
      expect: merchantOnly(200),
    },
    'GET /api/admin/settlements': {
      request: (f) => ({ path: `/api/admin/settlements?month=${f.month}` }),
      expect: adminOnly(200),
    },
    'POST /api/admin/settlements': {
      request: (f) => ({
        path: '/api/admin/settlements',
        body: {
          merchantId: f.shop,
          amount: 100,
          periodStart: `${f.month}-01`,
          periodEnd: `${f.month}-28`,
          reference: 'Mandato della matrice',
        },
        headers: key,
      }),
      expect: adminOnly(201),
    },
    'GET /api/admin/merchants/{id}/statements/{month}.csv': {
      request: (f) => ({ path: `/api/admin/merchants/${f.shop}/statements/${f.month}.csv` }),
      expect: adminOnly(200),
    },
    'GET /api/admin/merchants/{id}/statements/{month}.pdf': {
      request: (f) => ({ path: `/api/admin/merchants/${f.shop}/statements/${f.month}.pdf` }),
      expect: adminOnly(200),
    },
  },
};
