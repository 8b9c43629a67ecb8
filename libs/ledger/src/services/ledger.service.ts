import { Injectable } from '@nestjs/common';
import { type Cents, cents, type RequestContext, updateReturning } from '@piazza/core';
import type { EntityManager } from 'typeorm';
import type { LedgerAccountKind } from '../entities/ledger-account.entity';
import { IdempotencyKeyReusedError, InsufficientBalanceError, TransferAlreadyReversedError } from '../errors';

export interface OpenAccount {
  kind: LedgerAccountKind;
  /** What the account belongs to; (kind, ownerId) is unique, so opening twice returns the same account. */
  ownerId: string;
  label: string;
}

export interface TransferRequest {
  debitAccountId: string;
  creditAccountId: string;
  amount: Cents;
  /** What the movement is, for statements: 'voucher_issue', 'redemption', ... */
  kind: string;
  /** Unique over the whole ledger: a retry with the same key moves nothing twice. */
  idempotencyKey: string;
  /** What the movement is about: 'voucher:<id>', 'redemption:<id>', ... */
  reference: string;
}

export interface TransferResult {
  transferId: string;
  /** The debited account's balance after the transfer (or now, for a replay). */
  debitBalance: Cents;
  creditBalance: Cents;
  /** True when the key had been used for this very movement before: nothing moved this time. */
  replayed: boolean;
}

interface TransferRow {
  id: string;
  debit_account_id: string;
  credit_account_id: string;
  amount: string;
  kind: string;
  reference: string;
  reverses_id: string | null;
}

/**
 * The only way money moves: double-entry transfers between accounts, in the caller's transaction.
 * A debit is a conditional UPDATE (`balance >= amount`), so no balance goes below zero whatever the
 * concurrency; the two account rows are locked in id order, so two transfers never wait on each other in
 * a cycle. Plain SQL on purpose: this is the hot path of every payment and redemption.
 */
@Injectable()
export class LedgerService {
  /** Opens an account (or returns the one already open for that kind and owner). */
  async openAccount(ctx: RequestContext, account: OpenAccount): Promise<string> {
    const rows: { id: string }[] = await ctx.em.query(
      `INSERT INTO ledger_account (kind, owner_id, label, allow_negative)
       VALUES ($1, $2, $3, $1 IN ('treasury', 'card_clearing'))
       ON CONFLICT (kind, owner_id) DO UPDATE SET label = ledger_account.label
       RETURNING id`,
      [account.kind, account.ownerId, account.label],
    );
    return rows[0].id;
  }

  /**
   * Opens several accounts in one statement (issuing five vouchers opens five); returns their ids in
   * the order given. Accounts already open for a kind and owner are returned as they are.
   */
  async openAccounts(ctx: RequestContext, accounts: OpenAccount[]): Promise<string[]> {
    if (accounts.length === 0) return [];
    const rows: { id: string; kind: string; owner_id: string }[] = await ctx.em.query(
      `INSERT INTO ledger_account (kind, owner_id, label, allow_negative)
       SELECT kind, owner_id, label, kind IN ('treasury', 'card_clearing')
       FROM unnest($1::text[], $2::uuid[], $3::text[]) AS a(kind, owner_id, label)
       ON CONFLICT (kind, owner_id) DO UPDATE SET label = ledger_account.label
       RETURNING id, kind, owner_id`,
      [accounts.map((a) => a.kind), accounts.map((a) => a.ownerId), accounts.map((a) => a.label)],
    );
    const byOwner = new Map(rows.map((r) => [`${r.kind}:${r.owner_id}`, r.id]));
    return accounts.map((a) => byOwner.get(`${a.kind}:${a.ownerId}`)!);
  }

  /**
   * Several transfers as one movement, in three statements whatever their number: insert them, lock
   * every account involved in id order, apply each account's net change. All or nothing: if one
   * account would go below zero, InsufficientBalanceError and nothing moves. Keys used before must
   * match their first transfer (a replay moves nothing); the balances returned are the accounts'
   * after the whole batch.
   */
  async transferMany(ctx: RequestContext, requests: TransferRequest[]): Promise<TransferResult[]> {
    requireTransaction(ctx.em);
    if (requests.length <= 1) return Promise.all(requests.map((r) => this.transfer(ctx, r)));
    if (new Set(requests.map((r) => r.idempotencyKey)).size !== requests.length)
      throw new Error('transferMany: every transfer needs its own idempotency key');
    const amounts = requests.map((r) => {
      const amount = cents(r.amount);
      if (amount <= 0) throw new RangeError('A transfer moves a positive amount');
      return amount;
    });
    const inserted: { id: string; idempotency_key: string }[] = await ctx.em.query(
      `INSERT INTO ledger_transfer
         (debit_account_id, credit_account_id, amount, kind, idempotency_key, reference, created_by)
       SELECT d, c, a, k, i, r, $7
       FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::text[], $5::text[], $6::text[]) AS t(d, c, a, k, i, r)
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id, idempotency_key`,
      [
        requests.map((r) => r.debitAccountId),
        requests.map((r) => r.creditAccountId),
        amounts,
        requests.map((r) => r.kind),
        requests.map((r) => r.idempotencyKey),
        requests.map((r) => r.reference),
        ctx.actor?.userId ?? null,
      ],
    );
    const newIds = new Map(inserted.map((row) => [row.idempotency_key, String(row.id)]));
    const delta = new Map<string, number>();
    requests.forEach((r, i) => {
      if (!newIds.has(r.idempotencyKey)) return;
      delta.set(r.debitAccountId, (delta.get(r.debitAccountId) ?? 0) - amounts[i]);
      delta.set(r.creditAccountId, (delta.get(r.creditAccountId) ?? 0) + amounts[i]);
    });
    const balances = new Map<string, Cents>();
    if (delta.size) {
      const locked: { id: string; balance: string; allow_negative: boolean }[] = await ctx.em.query(
        `SELECT id, balance::text AS balance, allow_negative FROM ledger_account
         WHERE id = ANY ($1::uuid[]) ORDER BY id FOR UPDATE`,
        [[...delta.keys()]],
      );
      for (const account of locked) {
        const change = delta.get(account.id)!;
        if (!account.allow_negative && Number(account.balance) + change < 0)
          throw new InsufficientBalanceError(account.id, cents(account.balance), cents(-change));
      }
      const updated = await updateReturning<{ id: string; balance: string }>(
        ctx.em,
        `UPDATE ledger_account a SET balance = a.balance + d.change, updated_at = now()
         FROM unnest($1::uuid[], $2::bigint[]) AS d(id, change)
         WHERE a.id = d.id
         RETURNING a.id, a.balance::text AS balance`,
        [[...delta.keys()], [...delta.values()]],
      );
      for (const row of updated) balances.set(row.id, cents(row.balance));
    }
    const results: TransferResult[] = [];
    for (const [i, request] of requests.entries()) {
      const transferId = newIds.get(request.idempotencyKey);
      if (!transferId) {
        results.push(await this.replay(ctx.em, request, amounts[i]));
        continue;
      }
      results.push({
        transferId,
        debitBalance: balances.get(request.debitAccountId)!,
        creditBalance: balances.get(request.creditAccountId)!,
        replayed: false,
      });
    }
    return results;
  }

  /** Moves `amount` from one account to another. Must run inside the caller's transaction. */
  async transfer(
    ctx: RequestContext,
    request: TransferRequest,
    reversesId: string | null = null,
  ): Promise<TransferResult> {
    requireTransaction(ctx.em);
    const amount = cents(request.amount);
    if (amount <= 0) throw new RangeError('A transfer moves a positive amount');
    // One round trip (migration 1764000000010): insert, lock both accounts in id order, conditional
    // debit, credit. Each statement costs a system call on each side, and this is every payment's path.
    let rows: LedgerTransferRow[];
    try {
      rows = await ctx.em.query(`SELECT ${LEDGER_TRANSFER_COLUMNS} FROM ${TRANSFER_CALL}`, [
        request.debitAccountId,
        request.creditAccountId,
        amount,
        request.kind,
        request.idempotencyKey,
        request.reference,
        reversesId,
        ctx.actor?.userId ?? null,
      ]);
    } catch (error) {
      const available = insufficientBalanceAvailable(error);
      if (available === null) throw error;
      throw new InsufficientBalanceError(request.debitAccountId, available, amount);
    }
    const [row] = rows;
    if (!row) throw new Error(`Ledger transfer ${request.idempotencyKey} vanished`);
    if (
      row.replayed &&
      (row.transfer_debit !== request.debitAccountId ||
        row.transfer_credit !== request.creditAccountId ||
        cents(row.transfer_amount) !== amount)
    ) {
      throw new IdempotencyKeyReusedError();
    }
    return {
      transferId: String(row.transfer_id),
      debitBalance: cents(row.debit_balance),
      creditBalance: cents(row.credit_balance),
      replayed: row.replayed,
    };
  }

  /**
   * Undoes a transfer with the opposite one (credit back to the debited account). A transfer can be
   * reversed once; the reversal can fail with InsufficientBalanceError if the money has moved on.
   */
  async reverse(
    ctx: RequestContext,
    transferId: string,
    options: { kind: string; idempotencyKey: string; reference?: string },
  ): Promise<TransferResult> {
    requireTransaction(ctx.em);
    const [original]: TransferRow[] = await ctx.em.query(`SELECT * FROM ledger_transfer WHERE id = $1`, [
      transferId,
    ]);
    if (!original) throw new Error(`Ledger transfer ${transferId} does not exist`);
    const [existing]: { idempotency_key: string }[] = await ctx.em.query(
      `SELECT idempotency_key FROM ledger_transfer WHERE reverses_id = $1`,
      [transferId],
    );
    if (existing && existing.idempotency_key !== options.idempotencyKey)
      throw new TransferAlreadyReversedError();
    try {
      return await this.transfer(
        ctx,
        {
          debitAccountId: original.credit_account_id,
          creditAccountId: original.debit_account_id,
          amount: cents(original.amount),
          kind: options.kind,
          idempotencyKey: options.idempotencyKey,
          reference: options.reference ?? original.reference,
        },
        transferId,
      );
    } catch (error) {
      // Two reversals racing: the loser hits the unique index on reverses_id.
      if ((error as { constraint?: string }).constraint === 'ledger_transfer_reverses_id_key') {
        throw new TransferAlreadyReversedError();
      }
      throw error;
    }
  }

  async balance(ctx: RequestContext, accountId: string): Promise<Cents> {
    const [row]: { balance: string }[] = await ctx.em.query(
      `SELECT balance FROM ledger_account WHERE id = $1`,
      [accountId],
    );
    if (!row) throw new Error(`Ledger account ${accountId} does not exist`);
    return cents(row.balance);
  }

  private async replay(em: EntityManager, request: TransferRequest, amount: Cents): Promise<TransferResult> {
    const [first]: (TransferRow & { debit_balance: string; credit_balance: string })[] = await em.query(
      `SELECT t.*, d.balance AS debit_balance, c.balance AS credit_balance
       FROM ledger_transfer t
       JOIN ledger_account d ON d.id = t.debit_account_id
       JOIN ledger_account c ON c.id = t.credit_account_id
       WHERE t.idempotency_key = $1`,
      [request.idempotencyKey],
    );
    if (
      !first ||
      first.debit_account_id !== request.debitAccountId ||
      first.credit_account_id !== request.creditAccountId ||
      cents(first.amount) !== amount
    ) {
      throw new IdempotencyKeyReusedError();
    }
    return {
      transferId: String(first.id),
      debitBalance: cents(first.debit_balance),
      creditBalance: cents(first.credit_balance),
      replayed: true,
    };
  }
}

function requireTransaction(em: EntityManager): void {
  if (!em.queryRunner?.isTransactionActive) {
    throw new Error('Money moves only inside a transaction: open one at the edge (TransactionRunner)');
  }
}

/** SQL expressions for the arguments of ledger_transfer(...) (migration 1764000000010). */
export interface LedgerTransferArguments {
  debit: string;
  credit: string;
  amount: string;
  kind: string;
  key: string;
  reference: string;
  reverses?: string;
  createdBy?: string;
}

/**
 * A call of the database function behind LedgerService.transfer, for a statement that must move money
 * together with other writes in one round trip (a voucher's redemption). Nothing else may change a
 * balance. Its rows: LedgerTransferRow (balances after the transfer, or now for a replay).
 */
export function ledgerTransferCall(args: LedgerTransferArguments): string {
  return `ledger_transfer((${args.debit})::uuid, (${args.credit})::uuid, (${args.amount})::bigint,
    (${args.kind})::text, (${args.key})::text, (${args.reference})::text, (${args.reverses ?? 'NULL'})::bigint,
    (${args.createdBy ?? 'NULL'})::uuid)`;
}

const TRANSFER_CALL = ledgerTransferCall({
  debit: '$1',
  credit: '$2',
  amount: '$3',
  kind: '$4',
  key: '$5',
  reference: '$6',
  reverses: '$7',
  createdBy: '$8',
});

/** The columns of ledger_transfer(...): balances after the transfer, or now for a replay. */
export const LEDGER_TRANSFER_COLUMNS = `transfer_id::text AS transfer_id, debit_balance::text AS debit_balance,
  credit_balance::text AS credit_balance, replayed, transfer_debit, transfer_credit,
  transfer_amount::text AS transfer_amount`;

/** A row of ledger_transfer(...) as `pg` returns LEDGER_TRANSFER_COLUMNS. */
export interface LedgerTransferRow {
  transfer_id: string;
  debit_balance: string;
  credit_balance: string;
  replayed: boolean;
  /** The (first) transfer's accounts and amount: for a replay, what the key was first used for. */
  transfer_debit: string;
  transfer_credit: string;
  transfer_amount: string;
}

/** SQLSTATE raised by ledger_transfer(...) for a debit above the balance; DETAIL is the balance. */
const INSUFFICIENT_BALANCE = 'PZ001';

/**
 * The balance of the debited account when a statement calling ledger_transfer(...) failed because the
 * debit was above it (InsufficientBalanceError), or null when it failed for another reason.
 */
export function insufficientBalanceAvailable(error: unknown): Cents | null {
  const failed = error as { code?: string; detail?: string } | null;
  if (failed?.code !== INSUFFICIENT_BALANCE || failed.detail === undefined) return null;
  return cents(failed.detail);
}
