import { Injectable } from '@nestjs/common';
import { type Cents, cents, NotFoundError, type RequestContext } from '@piazza/core';
import { LedgerService } from '@piazza/ledger';
import { Fund } from '../entities/fund.entity';
import { FundNameTakenError } from '../errors';

export interface FundView {
  id: string;
  name: string;
  description: string;
  status: 'open' | 'closed';
  comune: { id: string; slug: string; name: string };
  /** Topped up so far. */
  budget: Cents;
  /** In the fund now: what can still be assigned. */
  available: Cents;
  /** Assigned to households (net of nothing: returns are counted apart). */
  assigned: Cents;
  /** Spent at shops and providers, net of voids. */
  spent: Cents;
  /** Come back to the fund from expired and revoked vouchers. */
  returned: Cents;
}

const FUND_NOT_FOUND = { it: 'Il fondo', en: 'The fund' };

/** Funds of the Comuni: creation, top-ups by the admin, and the figures of what they paid for. */
@Injectable()
export class FundService {
  constructor(private readonly ledger: LedgerService) {}

  /** Funds of the given Comuni (all when `comuneIds` is null), with their figures. */
  async list(ctx: RequestContext, comuneIds: readonly string[] | null): Promise<FundView[]> {
    const rows: FundRow[] = await ctx.em.query(
      `${FUND_VIEW_SQL} WHERE ($1::uuid[] IS NULL OR f.comune_id = ANY ($1)) ORDER BY c.name, f.name`,
      [comuneIds],
    );
    return rows.map(toView);
  }

  async get(ctx: RequestContext, fundId: string, comuneIds: readonly string[] | null): Promise<FundView> {
    const [row]: FundRow[] = await ctx.em.query(
      `${FUND_VIEW_SQL} WHERE f.id = $1 AND ($2::uuid[] IS NULL OR f.comune_id = ANY ($2))`,
      [fundId, comuneIds],
    );
    if (!row) throw new NotFoundError(FUND_NOT_FOUND);
    return toView(row);
  }

  async create(
    ctx: RequestContext,
    input: { comuneId: string; name: string; description?: string },
  ): Promise<FundView> {
    const [comune]: { name: string }[] = await ctx.em.query(`SELECT name FROM comune WHERE id = $1`, [
      input.comuneId,
    ]);
    if (!comune) throw new NotFoundError({ it: 'Il Comune', en: 'The Comune' });
    const taken = await ctx.em.exists(Fund, { where: { comuneId: input.comuneId, name: input.name.trim() } });
    if (taken) throw new FundNameTakenError();
    const fund = ctx.em.create(Fund, {
      comuneId: input.comuneId,
      name: input.name.trim(),
      description: input.description?.trim() ?? '',
    });
    fund.id = crypto.randomUUID();
    fund.accountId = await this.ledger.openAccount(ctx, {
      kind: 'fund',
      ownerId: fund.id,
      label: `${comune.name} — ${fund.name}`,
    });
    await ctx.em.save(fund);
    return this.get(ctx, fund.id, null);
  }

  /** Money from the Comune's treasury into the fund. */
  async topUp(
    ctx: RequestContext,
    fundId: string,
    input: { amount: number; reference: string },
    idempotencyKey: string,
  ): Promise<FundView> {
    const fund = await ctx.em.findOneBy(Fund, { id: fundId });
    if (!fund) throw new NotFoundError(FUND_NOT_FOUND);
    const treasury = await this.treasury(ctx, fund.comuneId);
    await this.ledger.transfer(ctx, {
      debitAccountId: treasury,
      creditAccountId: fund.accountId,
      amount: cents(input.amount),
      kind: 'fund_top_up',
      idempotencyKey: `fund-top-up:${ctx.actor?.userId ?? 'system'}:${idempotencyKey}`,
      reference: `fund:${fund.id}${input.reference ? ` ${input.reference}` : ''}`,
    });
    return this.get(ctx, fund.id, null);
  }

  async setStatus(ctx: RequestContext, fundId: string, status: 'open' | 'closed'): Promise<FundView> {
    const result = await ctx.em.update(Fund, { id: fundId }, { status });
    if (!result.affected) throw new NotFoundError(FUND_NOT_FOUND);
    return this.get(ctx, fundId, null);
  }

  /** The Comune's treasury account: where top-ups come from (the only account that may go negative). */
  private async treasury(ctx: RequestContext, comuneId: string): Promise<string> {
    const [comune]: { name: string }[] = await ctx.em.query(`SELECT name FROM comune WHERE id = $1`, [
      comuneId,
    ]);
    return this.ledger.openAccount(ctx, {
      kind: 'treasury',
      ownerId: comuneId,
      label: `Tesoreria ${comune.name}`,
    });
  }
}

interface FundRow {
  id: string;
  name: string;
  description: string;
  status: 'open' | 'closed';
  comune_id: string;
  comune_slug: string;
  comune_name: string;
  budget: string;
  available: string;
  assigned: string;
  spent: string;
  returned: string;
}

// Figures from the ledger (the only source of truth for money) and from redemptions net of voids.
const FUND_VIEW_SQL = `
  SELECT f.id, f.name, f.description, f.status, c.id AS comune_id, c.slug AS comune_slug, c.name AS comune_name,
    a.balance::text AS available,
    coalesce((SELECT sum(amount) FROM ledger_transfer t
              WHERE t.credit_account_id = f.account_id AND t.kind = 'fund_top_up'), 0)::text AS budget,
    coalesce((SELECT sum(amount) FROM ledger_transfer t
              WHERE t.debit_account_id = f.account_id AND t.kind = 'voucher_assignment'), 0)::text AS assigned,
    coalesce((SELECT sum(amount) FROM ledger_transfer t
              WHERE t.credit_account_id = f.account_id AND t.kind IN ('voucher_expiry', 'voucher_revoke')), 0)::text
      AS returned,
    coalesce((SELECT sum(r.amount) FROM voucher_redemption r JOIN voucher v ON v.id = r.voucher_id
              WHERE v.fund_id = f.id AND r.voided_at IS NULL), 0)::text AS spent
  FROM fund f
  JOIN comune c ON c.id = f.comune_id
  JOIN ledger_account a ON a.id = f.account_id`;

function toView(row: FundRow): FundView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    status: row.status,
    comune: { id: row.comune_id, slug: row.comune_slug, name: row.comune_name },
    budget: cents(row.budget),
    available: cents(row.available),
    assigned: cents(row.assigned),
    spent: cents(row.spent),
    returned: cents(row.returned),
  };
}
