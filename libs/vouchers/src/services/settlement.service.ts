import { Injectable } from '@nestjs/common';
import { type Cents, cents, NotFoundError, type RequestContext, ValidationError } from '@piazza/core';
import { IdempotencyKeyReusedError, InsufficientBalanceError, LedgerService } from '@piazza/ledger';
import { type MerchantStatement, summariseStatementRows } from '../documents/merchant-statement';
import { SettlementAboveOwedError } from '../errors';
import { maskCode, monthOrCurrent } from './redemption.service';

/** One shop in the admin's month overview of what the Comuni owe the shops. */
export interface SettlementRow {
  merchant: { id: string; slug: string; name: string; comune: { slug: string; name: string } };
  /** Redeemed at the shop in the month, net of voids. */
  redeemed: Cents;
  /** Redemptions of the month that were not voided. */
  redemptions: number;
  /** Paid to the shop so far, over all periods. */
  settled: Cents;
  /** What the Comuni owe the shop now: its merchant account's balance. */
  owed: Cents;
}

export interface SettlementInput {
  merchantId: string;
  amount: number;
  /** YYYY-MM-DD */
  periodStart: string;
  /** YYYY-MM-DD */
  periodEnd: string;
  reference: string;
}

export interface SettlementView {
  id: string;
  merchantId: string;
  amount: Cents;
  periodStart: string;
  periodEnd: string;
  reference: string;
  createdAt: Date;
  /** What is still owed to the shop after this payment (now, for a replay). */
  owed: Cents;
}

interface SettlementDbRow {
  id: string;
  merchant_id: string;
  amount: string;
  period_start: string;
  period_end: string;
  reference: string;
  created_at: Date;
}

/** Rome's month [start, end) for the month in $n, computed in the database. */
const monthBounds = (n: number) => ({
  start: `(date_trunc('month', ($${n} || '-01')::timestamp) AT TIME ZONE 'Europe/Rome')`,
  end: `((date_trunc('month', ($${n} || '-01')::timestamp) + interval '1 month') AT TIME ZONE 'Europe/Rome')`,
});

const SETTLEMENT_COLUMNS = `id, merchant_id, amount::text AS amount, to_char(period_start, 'YYYY-MM-DD') AS period_start,
  to_char(period_end, 'YYYY-MM-DD') AS period_end, reference, created_at`;

/**
 * What the Comuni owe the shops for the vouchers they took, and the payments that settle it (a transfer
 * merchant -> payout), with each shop's monthly statement.
 */
@Injectable()
export class SettlementService {
  constructor(private readonly ledger: LedgerService) {}

  /** Every shop with redemptions in the month or money owed now. */
  async overview(ctx: RequestContext, month?: string): Promise<SettlementRow[]> {
    const bounds = monthBounds(1);
    const rows: {
      id: string;
      slug: string;
      name: string;
      comune_slug: string;
      comune_name: string;
      redeemed: string;
      redemptions: number;
      settled: string;
      owed: string;
    }[] = await ctx.em.query(
      `WITH month_redemptions AS (
         SELECT r.merchant_id, coalesce(sum(r.amount) FILTER (WHERE r.voided_at IS NULL), 0) AS redeemed,
                count(*) FILTER (WHERE r.voided_at IS NULL)::int AS redemptions
         FROM voucher_redemption r
         WHERE r.created_at >= ${bounds.start} AND r.created_at < ${bounds.end}
         GROUP BY r.merchant_id
       ), settled AS (
         SELECT merchant_id, sum(amount) AS settled FROM merchant_settlement GROUP BY merchant_id
       )
       SELECT o.id, o.slug, o.name, c.slug AS comune_slug, c.name AS comune_name,
              coalesce(m.redeemed, 0)::text AS redeemed, coalesce(m.redemptions, 0) AS redemptions,
              coalesce(s.settled, 0)::text AS settled, coalesce(a.balance, 0)::text AS owed
       FROM organisation o
       JOIN comune c ON c.id = o.comune_id
       LEFT JOIN month_redemptions m ON m.merchant_id = o.id
       LEFT JOIN settled s ON s.merchant_id = o.id
       LEFT JOIN ledger_account a ON a.kind = 'merchant' AND a.owner_id = o.id
       WHERE o.kind = 'shop' AND (m.merchant_id IS NOT NULL OR a.balance > 0)
       ORDER BY o.name, o.id`,
      [await monthOrCurrent(ctx, month)],
    );
    return rows.map((r) => ({
      merchant: {
        id: r.id,
        slug: r.slug,
        name: r.name,
        comune: { slug: r.comune_slug, name: r.comune_name },
      },
      redeemed: cents(r.redeemed),
      redemptions: r.redemptions,
      settled: cents(r.settled),
      owed: cents(r.owed),
    }));
  }

  /**
   * Records a payment to a shop: a transfer from its merchant account (what it is owed) to its payout
   * account. Paying more than is owed is refused; a retry with the same key returns the first answer.
   */
  async settle(ctx: RequestContext, input: SettlementInput, idempotencyKey: string): Promise<SettlementView> {
    if (!Number.isSafeInteger(input.amount) || input.amount <= 0) {
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
    if (input.periodStart > input.periodEnd) {
      throw new ValidationError([
        {
          field: 'periodEnd',
          message: { it: 'non prima dell’inizio del periodo', en: 'not before the start of the period' },
        },
      ]);
    }
    const amount = cents(input.amount);
    const [shop]: { id: string; name: string; account_id: string | null }[] = await ctx.em.query(
      `SELECT o.id, o.name, a.id AS account_id
       FROM organisation o LEFT JOIN ledger_account a ON a.kind = 'merchant' AND a.owner_id = o.id
       WHERE o.id = $1 AND o.kind = 'shop'`,
      [input.merchantId],
    );
    if (!shop) throw new NotFoundError({ it: 'Il negozio', en: 'The shop' });
    if (!shop.account_id) throw new SettlementAboveOwedError(0);
    const payoutAccountId = await this.ledger.openAccount(ctx, {
      kind: 'payout',
      ownerId: shop.id,
      label: `${shop.name} (pagato)`,
    });
    const reference = input.reference.trim();
    let moved: Awaited<ReturnType<LedgerService['transfer']>>;
    try {
      moved = await this.ledger.transfer(ctx, {
        debitAccountId: shop.account_id,
        creditAccountId: payoutAccountId,
        amount,
        kind: 'merchant_settlement',
        idempotencyKey: `merchant-settlement:${idempotencyKey}`,
        reference: `merchant:${shop.id} ${reference}`.slice(0, 300),
      });
    } catch (error) {
      if (error instanceof InsufficientBalanceError) throw new SettlementAboveOwedError(error.available);
      throw error;
    }

    if (moved.replayed) {
      const [first]: SettlementDbRow[] = await ctx.em.query(
        `SELECT ${SETTLEMENT_COLUMNS} FROM merchant_settlement WHERE transfer_id = $1`,
        [moved.transferId],
      );
      if (
        !first ||
        first.period_start !== input.periodStart ||
        first.period_end !== input.periodEnd ||
        first.reference !== reference
      ) {
        throw new IdempotencyKeyReusedError();
      }
      return toView(first, moved.debitBalance);
    }
    const [row]: SettlementDbRow[] = await ctx.em.query(
      `INSERT INTO merchant_settlement (merchant_id, period_start, period_end, amount, transfer_id, reference, paid_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING ${SETTLEMENT_COLUMNS}`,
      [
        shop.id,
        input.periodStart,
        input.periodEnd,
        amount,
        moved.transferId,
        reference,
        ctx.actor?.userId ?? null,
      ],
    );
    return toView(row, moved.debitBalance);
  }

  /**
   * A shop's month (Europe/Rome): every redemption (voided ones marked), totals per Comune and overall,
   * what was paid so far and what is owed now. With `asMember`, only for a member of the shop (404
   * otherwise); without, for the admin.
   */
  async statement(
    ctx: RequestContext,
    shopId: string,
    month: string,
    options: { asMember: boolean },
  ): Promise<MerchantStatement> {
    const checkedMonth = await monthOrCurrent(ctx, month);
    const [shop]: {
      id: string;
      name: string;
      address: string;
      vat_number: string | null;
      settled: string;
      owed: string;
      ambito_name: string;
    }[] = await ctx.em.query(
      `SELECT o.id, o.name, o.address, o.vat_number,
              (SELECT coalesce(sum(amount), 0) FROM merchant_settlement WHERE merchant_id = o.id)::text AS settled,
              coalesce((SELECT balance FROM ledger_account WHERE kind = 'merchant' AND owner_id = o.id), 0)::text
                AS owed,
              (SELECT name FROM ambito_settings LIMIT 1) AS ambito_name
       FROM organisation o
       WHERE o.id = $1 AND o.kind = 'shop'
         AND (NOT $2 OR EXISTS (SELECT 1 FROM organisation_member m WHERE m.organisation_id = o.id AND m.user_id = $3))`,
      [shopId, options.asMember, ctx.actor?.userId ?? null],
    );
    if (!shop) throw new NotFoundError({ it: 'Il negozio', en: 'The shop' });
    const bounds = monthBounds(2);
    const redemptions: {
      created_at: Date;
      code: string;
      comune_name: string;
      amount: string;
      voided: boolean;
    }[] = await ctx.em.query(
      `SELECT r.created_at, v.code, c.name AS comune_name, r.amount::text AS amount, r.voided_at IS NOT NULL AS voided
         FROM voucher_redemption r
         JOIN voucher v ON v.id = r.voucher_id
         JOIN comune c ON c.id = v.comune_id
         WHERE r.merchant_id = $1 AND r.created_at >= ${bounds.start} AND r.created_at < ${bounds.end}
         ORDER BY r.created_at, r.id`,
      [shop.id, checkedMonth],
    );
    const rows = redemptions.map((r) => ({
      at: r.created_at,
      code: maskCode(r.code),
      comuneName: r.comune_name,
      amount: Number(r.amount),
      voided: r.voided,
    }));
    return {
      shop: { name: shop.name, address: shop.address, vatNumber: shop.vat_number },
      month: checkedMonth,
      rows,
      ...summariseStatementRows(rows),
      settled: Number(shop.settled),
      owed: Number(shop.owed),
      ambitoName: shop.ambito_name ?? '',
    };
  }
}

function toView(row: SettlementDbRow, owed: Cents): SettlementView {
  return {
    id: row.id,
    merchantId: row.merchant_id,
    amount: cents(row.amount),
    periodStart: row.period_start,
    periodEnd: row.period_end,
    reference: row.reference,
    createdAt: row.created_at,
    owed,
  };
}
