import { Injectable } from '@nestjs/common';
import {
  type Cents,
  cents,
  NotFoundError,
  OutboxService,
  QUEUES,
  type RequestContext,
  ValidationError,
  VOUCHER_JOBS,
} from '@piazza/core';
import { IdempotencyKeyReusedError, InsufficientBalanceError, LedgerService } from '@piazza/ledger';
import { Fund } from '../entities/fund.entity';
import { VoucherAssignment } from '../entities/voucher-assignment.entity';
import { VoucherKind } from '../entities/voucher-kind.entity';
import { FundClosedError, FundExhaustedError } from '../errors';

export interface AssignVouchers {
  fundId: string;
  kindId: string;
  /** One voucher per amount, in cents: 100 € as two vouchers is [5000, 5000]. */
  amounts: number[];
  validFrom?: Date;
  validUntil: Date;
  note?: string;
  /** What the decision came from (an application, later). */
  source?: string | null;
}

export interface AssignmentView {
  id: string;
  status: 'pending' | 'issued';
  fundId: string;
  kindId: string;
  householdId: string;
  amounts: Cents[];
  total: Cents;
  validFrom: Date;
  validUntil: Date;
  note: string;
  createdAt: Date;
  issuedAt: Date | null;
}

const HOUSEHOLD_NOT_FOUND = { it: 'Il nucleo familiare', en: 'The household' };
const MAX_VOUCHER_CENTS = 1_000_000; // 10.000 € for one voucher: anything above is a typing mistake.

/**
 * A social worker assigns vouchers to a household of their Comuni. The total leaves the fund in the same
 * transaction (so a fund never assigns more than it holds), and the worker is asked, through the outbox,
 * to issue the vouchers.
 */
@Injectable()
export class VoucherAssignmentService {
  constructor(
    private readonly ledger: LedgerService,
    private readonly outbox: OutboxService,
  ) {}

  async assign(
    ctx: RequestContext,
    householdId: string,
    input: AssignVouchers,
    idempotencyKey: string,
  ): Promise<AssignmentView> {
    const comuneIds = this.comuniOf(ctx);
    const [household]: { comune_id: string }[] = await ctx.em.query(
      `SELECT comune_id FROM household WHERE id = $1 AND ($2::uuid[] IS NULL OR comune_id = ANY ($2))`,
      [householdId, comuneIds],
    );
    if (!household) throw new NotFoundError(HOUSEHOLD_NOT_FOUND);
    const key = `${ctx.actor?.userId ?? 'system'}:${idempotencyKey}`;
    const previous = await ctx.em.findOneBy(VoucherAssignment, { idempotencyKey: key });
    if (previous) return this.replay(previous, householdId, input);

    const fund = await ctx.em.findOneBy(Fund, { id: input.fundId, comuneId: household.comune_id });
    if (!fund) throw invalid('fundId', 'Il fondo non è di questo Comune.', 'The fund is not of this Comune.');
    if (fund.status !== 'open') throw new FundClosedError();
    const kind = await ctx.em.findOneBy(VoucherKind, { id: input.kindId, active: true });
    if (!kind || (kind.comuneId !== null && kind.comuneId !== household.comune_id))
      throw invalid(
        'kindId',
        'Tipo di buono non disponibile in questo Comune.',
        'Voucher kind not available in this Comune.',
      );
    const amounts = checkAmounts(input.amounts);
    const validFrom = input.validFrom ?? new Date();
    if (!(input.validUntil instanceof Date) || Number.isNaN(input.validUntil.getTime()))
      throw invalid('validUntil', 'Indica la data di scadenza.', 'Give the expiry date.');
    if (input.validUntil.getTime() < Date.now())
      throw invalid('validUntil', 'La scadenza è già passata.', 'The expiry date has already passed.');
    if (input.validUntil <= validFrom)
      throw invalid(
        'validUntil',
        'La scadenza deve essere dopo l’inizio della validità.',
        'The expiry must come after the start of validity.',
      );
    const total = cents(amounts.reduce((sum, a) => sum + a, 0));

    const assignment = ctx.em.create(VoucherAssignment, {
      id: crypto.randomUUID(),
      fundId: fund.id,
      kindId: kind.id,
      householdId,
      comuneId: household.comune_id,
      amounts,
      total,
      validFrom,
      validUntil: input.validUntil,
      note: input.note?.trim() ?? '',
      status: 'pending',
      idempotencyKey: key,
      source: input.source ?? null,
      assignedBy: ctx.actor?.userId ?? null,
    });
    assignment.accountId = await this.ledger.openAccount(ctx, {
      kind: 'assignment',
      ownerId: assignment.id,
      label: `Assegnazione ${assignment.id}`,
    });
    await ctx.em.insert(VoucherAssignment, assignment);
    try {
      await this.ledger.transfer(ctx, {
        debitAccountId: fund.accountId,
        creditAccountId: assignment.accountId,
        amount: total,
        kind: 'voucher_assignment',
        idempotencyKey: `assignment:${assignment.id}`,
        reference: `assignment:${assignment.id}`,
      });
    } catch (error) {
      if (error instanceof InsufficientBalanceError) throw new FundExhaustedError(error.available);
      throw error;
    }
    await this.outbox.enqueue(ctx.em, {
      queue: QUEUES.vouchers,
      name: VOUCHER_JOBS.issueAssignment,
      payload: { assignmentId: assignment.id },
    });
    return view(assignment);
  }

  /** Pending and issued assignments of a household (for the social worker's page). */
  async forHousehold(ctx: RequestContext, householdId: string): Promise<AssignmentView[]> {
    const rows = await ctx.em.find(VoucherAssignment, {
      where: { householdId },
      order: { createdAt: 'DESC' },
    });
    return rows.map(view);
  }

  /** The Comuni the actor acts for; null for an admin or the system (every Comune). */
  comuniOf(ctx: RequestContext): readonly string[] | null {
    if (!ctx.actor || ctx.actor.roles.includes('admin')) return null;
    return ctx.actor.comuneIds;
  }

  private replay(previous: VoucherAssignment, householdId: string, input: AssignVouchers): AssignmentView {
    const same =
      previous.householdId === householdId &&
      previous.fundId === input.fundId &&
      previous.kindId === input.kindId &&
      previous.amounts.length === input.amounts.length &&
      previous.amounts.every((a, i) => a === input.amounts[i]);
    if (!same) throw new IdempotencyKeyReusedError();
    return view(previous);
  }
}

function checkAmounts(amounts: number[]): Cents[] {
  if (!Array.isArray(amounts) || amounts.length === 0 || amounts.length > 20)
    throw invalid('amounts', 'Indica da 1 a 20 buoni.', 'Give from 1 to 20 vouchers.');
  return amounts.map((amount) => {
    if (!Number.isSafeInteger(amount) || amount <= 0 || amount > MAX_VOUCHER_CENTS)
      throw invalid(
        'amounts',
        'Ogni buono deve valere da 0,01 € a 10.000 €, in centesimi interi.',
        'Each voucher must be worth from €0.01 to €10,000, in whole cents.',
      );
    return cents(amount);
  });
}

function invalid(field: string, it: string, en: string): ValidationError {
  return new ValidationError([{ field, message: { it, en } }]);
}

function view(a: VoucherAssignment): AssignmentView {
  return {
    id: a.id,
    status: a.status,
    fundId: a.fundId,
    kindId: a.kindId,
    householdId: a.householdId,
    amounts: a.amounts,
    total: a.total,
    validFrom: a.validFrom,
    validUntil: a.validUntil,
    note: a.note,
    createdAt: a.createdAt,
    issuedAt: a.issuedAt,
  };
}
