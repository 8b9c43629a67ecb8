import { Injectable } from '@nestjs/common';
import {
  type Cents,
  cents,
  formatCents,
  NotFoundError,
  NOTIFICATION_JOBS,
  type NoticeJob,
  OutboxService,
  QUEUES,
  type RequestContext,
  type Translated,
  ValidationError,
} from '@piazza/core';
import { IdempotencyKeyReusedError, InsufficientBalanceError, LedgerService } from '@piazza/ledger';
import { createHash } from 'node:crypto';
import { type ParsedVoucherCode, VoucherKeyring } from '../codes/voucher-keyring.service';
import type { VoucherStatus } from '../entities/voucher.entity';
import {
  RedemptionAlreadyVoidedError,
  ShopNotAccreditedError,
  VoidWindowPassedError,
  VoucherBalanceTooLowError,
  VoucherNotFoundError,
  VoucherNotRedeemableError,
} from '../errors';

/** A shop the actor works at, as the merchant's shop picker lists it. */
export interface MerchantShopView {
  id: string;
  slug: string;
  name: string;
  comune: { slug: string; name: string };
  accredited: boolean;
}

/** What a shop may know of a voucher before taking it: never who holds it. */
export interface VoucherCheckView {
  code: string;
  kind: { name: Translated };
  comune: { name: string };
  balance: Cents;
  validUntil: Date;
  status: VoucherStatus;
  redeemable: boolean;
  /** Why it cannot be taken here and now; null when it can. */
  reason: Translated | null;
}

/** One redemption as the shop sees it. The code is masked: a history must not be a list of spendable codes. */
export interface RedemptionView {
  id: string;
  code: string;
  amount: Cents;
  balanceAfter: Cents;
  comune: { name: string };
  createdAt: Date;
  voidableUntil: Date;
  voidedAt: Date | null;
}

export interface RedemptionMonth {
  items: RedemptionView[];
  /** Net of voided redemptions. */
  total: Cents;
}

/** The actor's shop, checked for membership (404 otherwise). */
interface ShopRow {
  id: string;
  name: string;
  comune_id: string;
  shop_category: string | null;
  accredited: boolean;
}

/** The voucher row as redemption needs it, with the rules of its kind for one shop. */
interface VoucherRow {
  id: string;
  code: string;
  account_id: string;
  household_id: string;
  status: VoucherStatus;
  balance: string;
  valid_until: Date;
  comune_name: string;
  kind_name: Translated;
  not_yet_valid: boolean;
  expired: boolean;
  valid_here: boolean;
  merchant_account_id: string | null;
}

interface RedemptionRow {
  id: string;
  voucher_id: string;
  code: string;
  amount: string;
  balance_after: string;
  comune_name: string;
  created_at: Date;
  voidable_until: Date;
  voided_at: Date | null;
  request_hash: string;
}

/** A redemption can be voided by its shop for this long, in the database's clock. */
export const VOID_WINDOW = '15 minutes';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Columns of a voucher for a shop ($2 = shop id, $3 = shop's Comune, $4 = shop category): dates in the
 * database's clock, and whether the voucher's kind may be spent at that shop today (Rome): only spending
 * vouchers, only in the kind's Comune, only at the shops or shop categories listed (none listed: every
 * accredited shop), only between the campaign's first and last day.
 */
const voucherForShop = (extraColumns = '') => `
  SELECT v.id, v.code, v.account_id, v.household_id, v.status, a.balance::text AS balance, v.valid_until,
         c.name AS comune_name, k.name AS kind_name,
         v.valid_from > now() AS not_yet_valid,
         v.valid_until <= now() AS expired,
         (k.kind = 'spending'
           AND (k.comune_id IS NULL OR k.comune_id = $3)
           AND ((cardinality(k.shop_ids) = 0 AND cardinality(k.shop_categories) = 0)
                OR $2 = ANY (k.shop_ids) OR $4 = ANY (k.shop_categories))
           AND (k.starts_on IS NULL OR k.starts_on <= (now() AT TIME ZONE 'Europe/Rome')::date)
           AND (k.ends_on IS NULL OR k.ends_on >= (now() AT TIME ZONE 'Europe/Rome')::date)) AS valid_here,
         ma.id AS merchant_account_id ${extraColumns}
  FROM voucher v
  JOIN voucher_kind k ON k.id = v.kind_id
  JOIN comune c ON c.id = v.comune_id
  JOIN ledger_account a ON a.id = v.account_id
  LEFT JOIN ledger_account ma ON ma.kind = 'merchant' AND ma.owner_id = $2`;

const REDEMPTION_VIEW = `
  SELECT r.id, r.voucher_id, v.code, r.amount::text AS amount, r.balance_after::text AS balance_after,
         c.name AS comune_name, r.created_at, r.created_at + interval '${VOID_WINDOW}' AS voidable_until,
         r.voided_at, r.request_hash
  FROM voucher_redemption r
  JOIN voucher v ON v.id = r.voucher_id
  JOIN comune c ON c.id = v.comune_id`;

/**
 * Shops taking spending vouchers: check a code, redeem part of a voucher, void a redemption within 15
 * minutes, and the month's history. Lock order everywhere: the voucher row first (`FOR UPDATE`), then
 * the ledger accounts (LedgerService locks those in id order), so concurrent redemptions of one voucher
 * queue on its row and never deadlock with voids, expiry or revocation.
 */
@Injectable()
export class RedemptionService {
  constructor(
    private readonly ledger: LedgerService,
    private readonly keyring: VoucherKeyring,
    private readonly outbox: OutboxService,
  ) {}

  /** The shops the actor is a member of. */
  async shops(ctx: RequestContext): Promise<MerchantShopView[]> {
    if (!ctx.actor) return [];
    const rows: {
      id: string;
      slug: string;
      name: string;
      comune_slug: string;
      comune_name: string;
      accredited: boolean;
    }[] = await ctx.em.query(
      `SELECT o.id, o.slug, o.name, c.slug AS comune_slug, c.name AS comune_name,
              o.accreditation_status = 'accredited' AS accredited
       FROM organisation o
       JOIN organisation_member m ON m.organisation_id = o.id
       JOIN comune c ON c.id = o.comune_id
       WHERE m.user_id = $1 AND o.kind = 'shop'
       ORDER BY o.name, o.id`,
      [ctx.actor.userId],
    );
    return rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      name: r.name,
      comune: { slug: r.comune_slug, name: r.comune_name },
      accredited: r.accredited,
    }));
  }

  /** What the till shows before taking a voucher: balance, expiry, Comune and whether it can be taken here. */
  async check(ctx: RequestContext, shopId: string, code: string): Promise<VoucherCheckView> {
    const shop = await this.accreditedShop(ctx, shopId);
    const parsed = await this.keyring.parseCode(ctx.em, code);
    const [voucher]: VoucherRow[] = await ctx.em.query(`${voucherForShop()} WHERE ${voucherMatch(parsed)}`, [
      voucherKey(parsed),
      shop.id,
      shop.comune_id,
      shop.shop_category,
    ]);
    if (!voucher) throw new VoucherNotFoundError();
    const balance = cents(voucher.balance);
    const reason = refusal(voucher) ?? (balance === 0 ? 'VOUCHER_EXHAUSTED' : null);
    return {
      code: voucher.code,
      kind: { name: voucher.kind_name },
      comune: { name: voucher.comune_name },
      balance,
      validUntil: voucher.valid_until,
      status: voucher.expired && voucher.status === 'active' ? 'expired' : voucher.status,
      redeemable: reason === null,
      reason: reason ? VoucherNotRedeemableError.reasons[reason] : null,
    };
  }

  /**
   * Takes `amount` cents from a voucher for the shop. A retry with the same idempotency key returns the
   * first answer; the same key for another request is 422. A forged or mistyped code is refused before
   * the voucher is looked up.
   */
  async redeem(
    ctx: RequestContext,
    shopId: string,
    input: { code: string; amount: number },
    idempotencyKey: string,
  ): Promise<RedemptionView> {
    const amount = positiveAmount(input.amount);
    // Requests with the same key queue here, so the second one finds the first one's row.
    const shop = await this.accreditedShop(ctx, shopId, `redemption:${shopId}:${idempotencyKey}`);
    const parsed = await this.keyring.parseCode(ctx.em, input.code);
    const requestHash = hashRequest(parsed, amount);

    // The voucher row first: concurrent redemptions of this voucher wait here, one at a time. The same
    // statement looks for an earlier redemption under this key (the advisory lock above is held, so
    // what it sees is final), which saves a round trip on the hot path.
    const [voucher]: (VoucherRow & { replay_id: string | null })[] = await ctx.em.query(
      `${voucherForShop(
        `, (SELECT r.id FROM voucher_redemption r WHERE r.merchant_id = $2 AND r.idempotency_key = $5) AS replay_id`,
      )} WHERE ${voucherMatch(parsed)} FOR UPDATE OF v`,
      [voucherKey(parsed), shop.id, shop.comune_id, shop.shop_category, idempotencyKey],
    );
    if (!voucher || voucher.replay_id) {
      const [previous]: RedemptionRow[] = await ctx.em.query(
        `${REDEMPTION_VIEW} WHERE r.merchant_id = $1 AND r.idempotency_key = $2`,
        [shop.id, idempotencyKey],
      );
      if (previous) {
        if (previous.request_hash !== requestHash) throw new IdempotencyKeyReusedError();
        return toView(previous);
      }
    }
    if (!voucher) throw new VoucherNotFoundError();
    const refused = refusal(voucher);
    if (refused) throw new VoucherNotRedeemableError(refused);

    const merchantAccountId =
      voucher.merchant_account_id ??
      (await this.ledger.openAccount(ctx, { kind: 'merchant', ownerId: shop.id, label: shop.name }));
    const redemptionId = crypto.randomUUID();
    let moved: Awaited<ReturnType<LedgerService['transfer']>>;
    try {
      moved = await this.ledger.transfer(ctx, {
        debitAccountId: voucher.account_id,
        creditAccountId: merchantAccountId,
        amount,
        kind: 'redemption',
        idempotencyKey: `redemption:${shop.id}:${idempotencyKey}`,
        reference: `redemption:${redemptionId}`,
      });
    } catch (error) {
      if (error instanceof InsufficientBalanceError) {
        if (error.available === 0) throw new VoucherNotRedeemableError('VOUCHER_EXHAUSTED');
        throw new VoucherBalanceTooLowError(error.available);
      }
      throw error;
    }
    const balanceAfter = moved.debitBalance;

    const [row]: { created_at: Date; voidable_until: Date }[] = await ctx.em.query(
      `INSERT INTO voucher_redemption
         (id, voucher_id, merchant_id, cashier_id, amount, balance_after, transfer_id, idempotency_key,
          request_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       RETURNING created_at, created_at + interval '${VOID_WINDOW}' AS voidable_until`,
      [
        redemptionId,
        voucher.id,
        shop.id,
        ctx.actor?.userId ?? null,
        amount,
        balanceAfter,
        moved.transferId,
        idempotencyKey,
        requestHash,
      ],
    );
    if (balanceAfter === 0) {
      await ctx.em.query(`UPDATE voucher SET status = 'exhausted', updated_at = now() WHERE id = $1`, [
        voucher.id,
      ]);
    }
    await this.notify(ctx, {
      householdId: voucher.household_id,
      template: 'voucher_redeemed',
      params: amountParams(amount, balanceAfter, shop.name, voucher.code),
      link: `/buoni/${voucher.id}`,
      dedupeKey: `redemption:${redemptionId}`,
    });
    return {
      id: redemptionId,
      code: maskCode(voucher.code),
      amount,
      balanceAfter,
      comune: { name: voucher.comune_name },
      createdAt: row.created_at,
      voidableUntil: row.voidable_until,
      voidedAt: null,
    };
  }

  /**
   * Gives a redemption's amount back to the voucher (a reversing transfer): only the shop that took it,
   * within 15 minutes, once. A retry with the same key returns the first answer.
   */
  async void(
    ctx: RequestContext,
    shopId: string,
    redemptionId: string,
    idempotencyKey: string,
  ): Promise<RedemptionView> {
    const shop = await this.memberShop(ctx, shopId, `redemption-void:${shopId}:${idempotencyKey}`);
    const ledgerKey = `redemption-void:${shop.id}:${idempotencyKey}`;
    const [found]: { voucher_id: string }[] = await ctx.em.query(
      `SELECT voucher_id FROM voucher_redemption WHERE id = $1 AND merchant_id = $2`,
      [redemptionId, shop.id],
    );
    if (!found) throw new NotFoundError({ it: "L'incasso", en: 'The redemption' });
    const [usedFor]: { id: string }[] = await ctx.em.query(
      `SELECT r.id FROM ledger_transfer t JOIN voucher_redemption r ON r.void_transfer_id = t.id
       WHERE t.idempotency_key = $1`,
      [ledgerKey],
    );
    if (usedFor && usedFor.id !== redemptionId) throw new IdempotencyKeyReusedError();

    // Lock order: the voucher row, then (in the ledger) its account and the shop's.
    const [voucher]: { id: string; code: string; status: VoucherStatus; household_id: string }[] =
      await ctx.em.query(`SELECT id, code, status, household_id FROM voucher WHERE id = $1 FOR UPDATE`, [
        found.voucher_id,
      ]);
    const [redemption]: {
      transfer_id: string;
      amount: string;
      voided_at: Date | null;
      voidable: boolean;
    }[] = await ctx.em.query(
      `SELECT transfer_id, amount::text AS amount, voided_at,
              created_at > now() - interval '${VOID_WINDOW}' AS voidable
       FROM voucher_redemption WHERE id = $1`,
      [redemptionId],
    );
    if (redemption.voided_at) {
      if (usedFor?.id === redemptionId) return this.view(ctx, redemptionId);
      throw new RedemptionAlreadyVoidedError();
    }
    if (!redemption.voidable) throw new VoidWindowPassedError();
    // Money given back to a voucher that was closed meanwhile would be stranded on it.
    if (voucher.status === 'revoked') throw new VoucherNotRedeemableError('VOUCHER_REVOKED');
    if (voucher.status === 'expired') throw new VoucherNotRedeemableError('VOUCHER_EXPIRED');

    const reversed = await this.ledger.reverse(ctx, redemption.transfer_id, {
      kind: 'redemption_void',
      idempotencyKey: ledgerKey,
      reference: `redemption:${redemptionId}`,
    });
    await ctx.em.query(
      `UPDATE voucher_redemption SET voided_at = now(), void_transfer_id = $2, voided_by = $3, updated_at = now()
       WHERE id = $1`,
      [redemptionId, reversed.transferId, ctx.actor?.userId ?? null],
    );
    if (voucher.status === 'exhausted') {
      await ctx.em.query(`UPDATE voucher SET status = 'active', updated_at = now() WHERE id = $1`, [
        voucher.id,
      ]);
    }
    const amount = cents(redemption.amount);
    await this.notify(ctx, {
      householdId: voucher.household_id,
      template: 'voucher_redemption_voided',
      params: amountParams(amount, reversed.creditBalance, shop.name, voucher.code),
      link: `/buoni/${voucher.id}`,
      dedupeKey: `redemption-void:${redemptionId}`,
    });
    return this.view(ctx, redemptionId);
  }

  /** The shop's redemptions of a month (Europe/Rome), newest first, voided ones included. */
  async history(ctx: RequestContext, shopId: string, month?: string): Promise<RedemptionMonth> {
    const shop = await this.memberShop(ctx, shopId);
    const rows: RedemptionRow[] = await ctx.em.query(
      `${REDEMPTION_VIEW}
       WHERE r.merchant_id = $1
         AND r.created_at >= (date_trunc('month', ($2 || '-01')::timestamp) AT TIME ZONE 'Europe/Rome')
         AND r.created_at < ((date_trunc('month', ($2 || '-01')::timestamp) + interval '1 month')
                             AT TIME ZONE 'Europe/Rome')
       ORDER BY r.created_at DESC, r.id`,
      [shop.id, await monthOrCurrent(ctx, month)],
    );
    const items = rows.map(toView);
    const total = items.reduce((sum, item) => (item.voidedAt ? sum : sum + item.amount), 0);
    return { items, total: cents(total) };
  }

  private async view(ctx: RequestContext, redemptionId: string): Promise<RedemptionView> {
    const [row]: RedemptionRow[] = await ctx.em.query(`${REDEMPTION_VIEW} WHERE r.id = $1`, [redemptionId]);
    return toView(row);
  }

  /** The shop if the actor is one of its members (404 otherwise) and it is accredited (409 otherwise). */
  private async accreditedShop(ctx: RequestContext, shopId: string, lockKey?: string): Promise<ShopRow> {
    const shop = await this.memberShop(ctx, shopId, lockKey);
    if (!shop.accredited) throw new ShopNotAccreditedError();
    return shop;
  }

  /**
   * The shop if the actor is one of its members; 404 otherwise. With `lockKey`, also takes a
   * transaction-scoped advisory lock on it in the same round trip, so that concurrent requests with one
   * idempotency key run one after the other and the later ones see what the first one committed.
   */
  private async memberShop(ctx: RequestContext, shopId: string, lockKey?: string): Promise<ShopRow> {
    if (!ctx.actor) throw new NotFoundError({ it: 'Il negozio', en: 'The shop' });
    const [shop]: ShopRow[] = await ctx.em.query(
      `SELECT o.id, o.name, o.comune_id, o.shop_category, o.accreditation_status = 'accredited' AS accredited
              ${lockKey ? ', pg_advisory_xact_lock(hashtextextended($3, 0)) AS locked' : ''}
       FROM organisation o JOIN organisation_member m ON m.organisation_id = o.id AND m.user_id = $2
       WHERE o.id = $1 AND o.kind = 'shop'`,
      lockKey ? [shopId, ctx.actor.userId, lockKey] : [shopId, ctx.actor.userId],
    );
    if (!shop) throw new NotFoundError({ it: 'Il negozio', en: 'The shop' });
    return shop;
  }

  private async notify(ctx: RequestContext, notice: NoticeJob): Promise<void> {
    await this.outbox.enqueue(ctx.em, {
      queue: QUEUES.notifications,
      name: NOTIFICATION_JOBS.notice,
      payload: { ...notice },
    });
  }
}

/** Why a voucher cannot be taken now at this shop, or null (the balance is checked by the debit). */
function refusal(voucher: VoucherRow): keyof typeof VoucherNotRedeemableError.reasons | null {
  if (voucher.status === 'revoked') return 'VOUCHER_REVOKED';
  if (voucher.status === 'expired' || voucher.expired) return 'VOUCHER_EXPIRED';
  if (voucher.not_yet_valid) return 'VOUCHER_NOT_YET_VALID';
  if (!voucher.valid_here) return 'VOUCHER_NOT_VALID_HERE';
  if (voucher.status === 'exhausted') return 'VOUCHER_EXHAUSTED';
  return null;
}

function voucherMatch(parsed: ParsedVoucherCode): string {
  return parsed.kind === 'token' ? 'v.id = $1' : 'v.code = $1';
}

function voucherKey(parsed: ParsedVoucherCode): string {
  return parsed.kind === 'token' ? parsed.voucherId : parsed.code;
}

/** Tells a retry (same voucher, same amount) from another request under the same key. */
function hashRequest(parsed: ParsedVoucherCode, amount: Cents): string {
  const voucher = parsed.kind === 'token' ? `id:${parsed.voucherId}` : `code:${parsed.code}`;
  return createHash('sha256').update(`${voucher}|${amount}`).digest('hex');
}

function positiveAmount(value: number): Cents {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new ValidationError([
      {
        field: 'amount',
        message: {
          it: 'un importo intero in centesimi, maggiore di zero',
          en: 'a whole number of cents above zero',
        },
      },
    ]);
  }
  return cents(value);
}

function amountParams(amount: Cents, balance: Cents, shop: string, code: string): Record<string, string> {
  return {
    amount: formatCents(amount, 'it'),
    amountEn: formatCents(amount, 'en'),
    balance: formatCents(balance, 'it'),
    balanceEn: formatCents(balance, 'en'),
    shop,
    code,
  };
}

/** `ACDE-FHJK-MN34` → `****-****-MN34`: enough to tell redemptions apart, not enough to spend. */
export function maskCode(code: string): string {
  return `****-****-${code.slice(-4)}`;
}

/** A valid `YYYY-MM`, or the current month in Rome when none is given. */
export async function monthOrCurrent(ctx: RequestContext, month: string | undefined): Promise<string> {
  if (month !== undefined) {
    if (!MONTH.test(month)) {
      throw new ValidationError([
        { field: 'month', message: { it: 'un mese nella forma AAAA-MM', en: 'a month as YYYY-MM' } },
      ]);
    }
    return month;
  }
  const [row]: { month: string }[] = await ctx.em.query(
    `SELECT to_char(now() AT TIME ZONE 'Europe/Rome', 'YYYY-MM') AS month`,
  );
  return row.month;
}

function toView(row: RedemptionRow): RedemptionView {
  return {
    id: row.id,
    code: maskCode(row.code),
    amount: cents(row.amount),
    balanceAfter: cents(row.balance_after),
    comune: { name: row.comune_name },
    createdAt: row.created_at,
    voidableUntil: row.voidable_until,
    voidedAt: row.voided_at,
  };
}
