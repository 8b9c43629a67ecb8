import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface LedgerDifference {
  accountId: string;
  kind: string;
  label: string;
  /** The balance column. */
  balance: string;
  /** Credits minus debits over every transfer of the account. */
  computed: string;
}

export interface LedgerReport {
  accounts: number;
  transfers: number;
  /** Accounts whose balance column differs from their transfers. */
  differences: LedgerDifference[];
  /** Accounts other than treasuries below zero. */
  negative: LedgerDifference[];
  /** Sum of every balance: zero in a double-entry ledger. */
  total: string;
  ok: boolean;
}

/** Recomputes every balance from the transfers (`npm run ledger:verify`). */
@Injectable()
export class LedgerVerifier {
  async verify(em: EntityManager): Promise<LedgerReport> {
    // One snapshot for all three reads, so a verification during traffic compares like with like.
    return em.transaction('REPEATABLE READ', async (tx) => {
      const rows: (LedgerDifference & { allow_negative: boolean })[] = await tx.query(`
        WITH moves AS (
          SELECT credit_account_id AS account_id, amount FROM ledger_transfer
          UNION ALL
          SELECT debit_account_id, -amount FROM ledger_transfer
        ), computed AS (
          SELECT account_id, sum(amount) AS computed FROM moves GROUP BY account_id
        )
        SELECT a.id AS "accountId", a.kind, a.label, a.balance::text AS balance,
               coalesce(c.computed, 0)::text AS computed, a.allow_negative
        FROM ledger_account a LEFT JOIN computed c ON c.account_id = a.id
        WHERE a.balance <> coalesce(c.computed, 0) OR (a.balance < 0 AND NOT a.allow_negative)`);
      const [counts]: { accounts: string; transfers: string; total: string }[] = await tx.query(`
        SELECT (SELECT count(*) FROM ledger_account)::text AS accounts,
               (SELECT count(*) FROM ledger_transfer)::text AS transfers,
               (SELECT coalesce(sum(balance), 0) FROM ledger_account)::text AS total`);
      const strip = ({ allow_negative: _, ...row }: LedgerDifference & { allow_negative: boolean }) => row;
      const differences = rows.filter((r) => r.balance !== r.computed).map(strip);
      const negative = rows.filter((r) => BigInt(r.balance) < 0n && !r.allow_negative).map(strip);
      return {
        accounts: Number(counts.accounts),
        transfers: Number(counts.transfers),
        differences,
        negative,
        total: counts.total,
        ok: differences.length === 0 && negative.length === 0 && counts.total === '0',
      };
    });
  }
}
