import { DomainError, RequestContext, TransactionRunner } from '@piazza/core';
import { LedgerVerifier } from '@piazza/ledger';
import { RedemptionService, SettlementService, VoucherLifecycleService } from '@piazza/vouchers';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { givenDemoAmbito } from '../support/demo-ambito';
import { useTestApi } from '../support/test-api';
import { givenFund, givenVoucherKind, givenVouchers, householdOf } from '../support/vouchers';

/**
 * Random sequences of issue / redeem (with retries) / void (in time or late) / expire / settle, run on
 * the real services and database, against a model of what every balance should be. After every step
 * the vouchers', shops' and fund's balances equal the model's and none is negative; after every
 * sequence the ledger verifier recomputes every balance from the transfers.
 */

interface ModelVoucher {
  id: string;
  token: string;
  accountId: string;
  balance: number;
  expired: boolean;
}

interface ModelRedemption {
  id: string;
  key: string;
  shop: number;
  voucher: number;
  amount: number;
  balanceAfter: number;
  voided: boolean;
  late: boolean;
}

interface Model {
  vouchers: ModelVoucher[];
  redemptions: ModelRedemption[];
  /** What each shop is owed (its merchant account's balance). */
  owed: number[];
  fund: number;
}

interface Real {
  step: <T>(work: (ctx: RequestContext) => Promise<T>) => Promise<T | DomainError>;
}

type Cmd = fc.AsyncCommand<Model, Real>;

const errorCode = (result: unknown) => (result instanceof DomainError ? result.code : null);

describe('Ledger and vouchers: properties over random sequences', () => {
  const api = useTestApi();
  let db: DataSource;
  let shops: string[];
  let merchantCtx: () => RequestContext;
  let fund: { id: string; accountId: string };
  let kindId: string;
  let householdId: string;

  beforeAll(async () => {
    await givenDemoAmbito(api.app);
    db = api.app.get(DataSource);
    shops = (
      await db.query(
        `SELECT id FROM organisation
         WHERE slug IN ('credenza-del-borgo', 'farmacia-tre-rogge', 'paniere-venegono') ORDER BY slug`,
      )
    ).map((r: { id: string }) => r.id);
    const [merchant] = await db.query(
      `SELECT id FROM user_account WHERE email = 'negozio@demo.piazza.example'`,
    );
    await db.query(
      `INSERT INTO organisation_member (organisation_id, user_id, role)
       SELECT o, $2, 'staff' FROM unnest($1::uuid[]) o ON CONFLICT DO NOTHING`,
      [shops, merchant.id],
    );
    merchantCtx = () =>
      new RequestContext(db.manager, 'property', 'it', {
        userId: merchant.id,
        roles: ['merchant'],
        comuneIds: [],
      });
    const created = await givenFund(api.app, { comune: 'tradate', amount: 50_000_000 });
    const [row] = await db.query(`SELECT id, account_id FROM fund WHERE id = $1`, [created.id]);
    fund = { id: row.id, accountId: row.account_id };
    kindId = (await givenVoucherKind(api.app, {})).id;
    householdId = await householdOf(api.app);
  });

  const balance = async (accountId: string) =>
    Number(
      (await db.query(`SELECT balance FROM ledger_account WHERE id = $1`, [accountId]))[0]?.balance ?? 0,
    );
  const owedTo = async (shop: string) =>
    Number(
      (
        await db.query(`SELECT balance FROM ledger_account WHERE kind = 'merchant' AND owner_id = $1`, [shop])
      )[0]?.balance ?? 0,
    );

  /** The database agrees with the model, and nothing is below zero. */
  async function agree(model: Model): Promise<void> {
    for (const v of model.vouchers) expect(await balance(v.accountId)).toBe(v.balance);
    for (const [i, shop] of shops.entries()) expect(await owedTo(shop)).toBe(model.owed[i]);
    expect(await balance(fund.accountId)).toBe(model.fund);
    const [{ negative }] = await db.query(
      `SELECT count(*)::int AS negative FROM ledger_account WHERE balance < 0 AND NOT allow_negative`,
    );
    expect(negative).toBe(0);
  }

  class Issue implements Cmd {
    constructor(readonly amount: number) {}
    check = () => true;
    async run(model: Model) {
      const [voucher] = await givenVouchers(api.app, {
        householdId,
        fundId: fund.id,
        kindId,
        amounts: [this.amount],
      });
      model.vouchers.push({ ...voucher, balance: this.amount, expired: false });
      model.fund -= this.amount;
      await agree(model);
    }
    toString = () => `issue(${this.amount})`;
  }

  class Redeem implements Cmd {
    /** amount 0: the whole balance left. */
    constructor(
      readonly voucher: number,
      readonly shop: number,
      readonly amount: number,
      readonly retry: boolean,
    ) {}
    check = (model: Readonly<Model>) => model.vouchers.length > 0;
    async run(model: Model, real: Real) {
      const index = this.voucher % model.vouchers.length;
      const v = model.vouchers[index];
      const amount = this.amount || Math.max(1, v.balance);
      const key = randomUUID();
      const redeem = () =>
        real.step((ctx) =>
          api.app.get(RedemptionService).redeem(ctx, shops[this.shop], { code: v.token, amount }, key),
        );
      const result = await redeem();
      const expected = v.expired
        ? 'VOUCHER_EXPIRED'
        : v.balance === 0
          ? 'VOUCHER_EXHAUSTED'
          : amount > v.balance
            ? 'INSUFFICIENT_BALANCE'
            : null;
      expect(errorCode(result)).toBe(expected);
      if (expected === null && !(result instanceof DomainError)) {
        v.balance -= amount;
        model.owed[this.shop] += amount;
        expect(result.balanceAfter).toBe(v.balance);
        model.redemptions.push({
          id: result.id,
          key,
          shop: this.shop,
          voucher: index,
          amount,
          balanceAfter: v.balance,
          voided: false,
          late: false,
        });
        if (this.retry) {
          const again = await redeem();
          expect(again).toEqual(result);
        }
      }
      await agree(model);
    }
    toString = () =>
      `redeem(v${this.voucher}, s${this.shop}, ${this.amount || 'all'}${this.retry ? ', retried' : ''})`;
  }

  class Void implements Cmd {
    constructor(
      readonly redemption: number,
      readonly late: boolean,
    ) {}
    check = (model: Readonly<Model>) => model.redemptions.length > 0;
    async run(model: Model, real: Real) {
      const r = model.redemptions[this.redemption % model.redemptions.length];
      const v = model.vouchers[r.voucher];
      if (this.late && !r.late) {
        await db.query(
          `UPDATE voucher_redemption SET created_at = created_at - interval '16 minutes' WHERE id = $1`,
          [r.id],
        );
        r.late = true;
      }
      const result = await real.step((ctx) =>
        api.app.get(RedemptionService).void(ctx, shops[r.shop], r.id, randomUUID()),
      );
      const expected = r.voided
        ? 'REDEMPTION_ALREADY_VOIDED'
        : r.late
          ? 'VOID_WINDOW_PASSED'
          : v.expired
            ? 'VOUCHER_EXPIRED'
            : model.owed[r.shop] < r.amount
              ? 'INSUFFICIENT_BALANCE' // the shop was paid meanwhile: the money is no longer there
              : null;
      expect(errorCode(result)).toBe(expected);
      if (expected === null) {
        r.voided = true;
        v.balance += r.amount;
        model.owed[r.shop] -= r.amount;
      }
      await agree(model);
    }
    toString = () => `void(r${this.redemption}${this.late ? ', late' : ''})`;
  }

  class Expire implements Cmd {
    constructor(readonly voucher: number) {}
    check = (model: Readonly<Model>) => model.vouchers.length > 0;
    async run(model: Model, real: Real) {
      const v = model.vouchers[this.voucher % model.vouchers.length];
      await db.query(`UPDATE voucher SET valid_until = now() - interval '1 second' WHERE id = $1`, [v.id]);
      const result = await real.step((ctx) =>
        api.app.get(VoucherLifecycleService).expireDue(RequestContext.system(ctx.em)),
      );
      expect(errorCode(result)).toBeNull();
      if (!v.expired) {
        v.expired = true;
        model.fund += v.balance;
        v.balance = 0;
      }
      await agree(model);
    }
    toString = () => `expire(v${this.voucher})`;
  }

  class Settle implements Cmd {
    constructor(
      readonly shop: number,
      readonly amount: number,
    ) {}
    check = () => true;
    async run(model: Model, real: Real) {
      const owed = model.owed[this.shop];
      const amount = this.amount || Math.max(1, owed);
      const result = await real.step((ctx) =>
        api.app.get(SettlementService).settle(
          RequestContext.system(ctx.em),
          {
            merchantId: shops[this.shop],
            amount,
            periodStart: '2026-01-01',
            periodEnd: '2026-01-31',
            reference: 'proprietà',
          },
          randomUUID(),
        ),
      );
      expect(errorCode(result)).toBe(amount > owed ? 'INSUFFICIENT_BALANCE' : null);
      if (amount <= owed) model.owed[this.shop] -= amount;
      await agree(model);
    }
    toString = () => `settle(s${this.shop}, ${this.amount || 'all'})`;
  }

  const issue = fc.integer({ min: 1, max: 5000 }).map((a) => new Issue(a));
  const redeem = fc
    .tuple(
      fc.nat(),
      fc.integer({ min: 0, max: 2 }),
      fc.oneof(fc.integer({ min: 1, max: 3000 }), fc.constant(0)),
      fc.boolean(),
    )
    .map(([v, s, a, r]) => new Redeem(v, s, a, r));
  const voidIt = fc.tuple(fc.nat(), fc.boolean()).map(([r, late]) => new Void(r, late));
  const expire = fc.nat().map((v) => new Expire(v));
  const settle = fc
    .tuple(fc.integer({ min: 0, max: 2 }), fc.oneof(fc.integer({ min: 1, max: 4000 }), fc.constant(0)))
    .map(([s, a]) => new Settle(s, a));
  // Repeated entries weigh more: mostly redemptions and voids, now and then an expiry or a payment.
  const commands = [issue, issue, redeem, redeem, redeem, redeem, voidIt, voidIt, expire, settle];

  it('keeps every account balanced and none below zero', async () => {
    const runner = api.app.get(TransactionRunner);
    const real: Real = {
      // One transaction per step, as a request: a refused step rolls back whatever it did.
      step: (work) =>
        runner.run(merchantCtx(), work).catch((error: unknown) => {
          if (error instanceof DomainError) return error;
          throw error;
        }),
    };
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 40, size: 'large' }), async (cmds) => {
        const model: Model = {
          vouchers: [],
          redemptions: [],
          owed: await Promise.all(shops.map(owedTo)),
          fund: await balance(fund.accountId),
        };
        await fc.asyncModelRun(() => ({ model, real }), cmds);
        const report = await api.app.get(LedgerVerifier).verify(db.manager);
        expect(report).toMatchObject({ ok: true, differences: [], negative: [], total: '0' });
      }),
      { numRuns: 50, seed: Number(process.env.PROPERTY_SEED ?? Date.now() % 2 ** 31) },
    );
  });
});
