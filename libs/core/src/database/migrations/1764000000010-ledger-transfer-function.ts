import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger (libs/ledger): one transfer in one round trip. `ledger_transfer(...)` does what
 * LedgerService.transfer did in three to five statements, with the same rules:
 * - the transfer is inserted first; a key used before inserts nothing and answers the first transfer
 *   (`replayed`, with its accounts and amount, so the caller can tell a retry from a reuse of the key)
 *   and the accounts' balances now;
 * - the two accounts are updated in id order (the lock order of every transfer), the debit only while
 *   `balance >= amount` (or the account may go negative);
 * - a debit above the balance raises SQLSTATE PZ001 with the balance available as DETAIL
 *   (LedgerService turns it into InsufficientBalanceError); the transaction is then aborted, so the
 *   inserted transfer cannot be committed without its balances.
 * Only LedgerService and, inside one statement, the redemption of a voucher call it: nothing else
 * changes a balance.
 */
export class LedgerTransferFunction1764000000010 implements MigrationInterface {
  name = 'LedgerTransferFunction1764000000010';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION ledger_transfer(
        debit uuid, credit uuid, amount bigint, kind text, key text, reference text,
        reverses bigint DEFAULT NULL, created_by uuid DEFAULT NULL
      ) RETURNS TABLE (
        transfer_id bigint, debit_balance bigint, credit_balance bigint, replayed boolean,
        transfer_debit uuid, transfer_credit uuid, transfer_amount bigint
      ) LANGUAGE plpgsql AS $$
      #variable_conflict use_column
      DECLARE
        p_debit ALIAS FOR $1;
        p_credit ALIAS FOR $2;
        p_amount ALIAS FOR $3;
        p_kind ALIAS FOR $4;
        p_key ALIAS FOR $5;
        p_reference ALIAS FOR $6;
        p_reverses ALIAS FOR $7;
        p_created_by ALIAS FOR $8;
        new_id bigint;
        new_debit bigint;
        new_credit bigint;
        available bigint;
      BEGIN
        IF p_amount IS NULL OR p_amount <= 0 THEN
          RAISE EXCEPTION 'A transfer moves a positive amount, not %', p_amount USING ERRCODE = 'check_violation';
        END IF;
        INSERT INTO ledger_transfer AS t
          (debit_account_id, credit_account_id, amount, kind, idempotency_key, reference, reverses_id, created_by)
        VALUES (p_debit, p_credit, p_amount, p_kind, p_key, p_reference, p_reverses, p_created_by)
        ON CONFLICT (idempotency_key) DO NOTHING
        RETURNING t.id INTO new_id;

        IF new_id IS NULL THEN
          -- A fresh snapshot (plpgsql, read committed): the first transfer is visible once its
          -- transaction has committed, which is what the insert above waited for.
          RETURN QUERY
            SELECT t.id, d.balance, c.balance, true, t.debit_account_id, t.credit_account_id, t.amount
            FROM ledger_transfer t
            JOIN ledger_account d ON d.id = t.debit_account_id
            JOIN ledger_account c ON c.id = t.credit_account_id
            WHERE t.idempotency_key = p_key;
          RETURN;
        END IF;

        -- Fixed lock order: the account with the smaller id first.
        IF p_credit < p_debit THEN
          UPDATE ledger_account a SET balance = a.balance + p_amount, updated_at = now()
          WHERE a.id = p_credit RETURNING a.balance INTO new_credit;
        END IF;
        UPDATE ledger_account a SET balance = a.balance - p_amount, updated_at = now()
        WHERE a.id = p_debit AND (a.allow_negative OR a.balance >= p_amount)
        RETURNING a.balance INTO new_debit;
        IF new_debit IS NULL THEN
          SELECT a.balance INTO available FROM ledger_account a WHERE a.id = p_debit;
          IF available IS NULL THEN
            RAISE EXCEPTION 'Ledger account % does not exist', p_debit USING ERRCODE = 'no_data_found';
          END IF;
          RAISE EXCEPTION 'Ledger account % holds % cents, less than the % of this transfer',
            p_debit, available, p_amount
            USING ERRCODE = 'PZ001', DETAIL = available::text;
        END IF;
        IF p_debit < p_credit THEN
          UPDATE ledger_account a SET balance = a.balance + p_amount, updated_at = now()
          WHERE a.id = p_credit RETURNING a.balance INTO new_credit;
        END IF;
        IF new_credit IS NULL THEN
          RAISE EXCEPTION 'Ledger account % does not exist', p_credit USING ERRCODE = 'no_data_found';
        END IF;

        RETURN QUERY SELECT new_id, new_debit, new_credit, false, p_debit, p_credit, p_amount;
      END $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION ledger_transfer(uuid, uuid, bigint, text, text, text, bigint, uuid)`);
  }
}
