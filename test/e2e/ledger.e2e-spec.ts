import { cents, RequestContext, TransactionRunner } from '@piazza/core';
import {
  IdempotencyKeyReusedError,
  InsufficientBalanceError,
  LedgerService,
  LedgerVerifier,
  TransferAlreadyReversedError,
} from '@piazza/ledger';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { useTestApi } from '../support/test-api';

describe(LedgerService.name, () => {
  const api = useTestApi();
  const ledger = () => api.app.get(LedgerService);
  const db = () => api.app.get(DataSource);
  const run = <T>(work: (ctx: RequestContext) => Promise<T>) =>
    api.app.get(TransactionRunner).run(RequestContext.system(db().manager), work);
  const account = (kind: 'treasury' | 'fund' | 'voucher' | 'merchant') =>
    run((ctx) => ledger().openAccount(ctx, { kind, ownerId: randomUUID(), label: kind }));
  const move = (debit: string, credit: string, amount: number, key = randomUUID()) =>
    run((ctx) =>
      ledger().transfer(ctx, {
        debitAccountId: debit,
        creditAccountId: credit,
        amount: cents(amount),
        kind: 'test',
        idempotencyKey: key,
        reference: 'test',
      }),
    );
  const balance = (id: string) => run((ctx) => ledger().balance(ctx, id));

  it('moves money between accounts and never below zero', async () => {
    const [treasury, fund, voucher] = [
      await account('treasury'),
      await account('fund'),
      await account('voucher'),
    ];
    await move(treasury, fund, 10_000);
    expect(await balance(treasury)).toBe(-10_000);
    await move(fund, voucher, 4000);
    await expect(move(voucher, fund, 4001)).rejects.toBeInstanceOf(InsufficientBalanceError);
    expect(await balance(voucher)).toBe(4000);
    expect(await balance(fund)).toBe(6000);
    // The failed debit left no transfer behind.
    const [{ n }] = await db().query(
      `SELECT count(*)::int AS n FROM ledger_transfer WHERE debit_account_id = $1`,
      [voucher],
    );
    expect(n).toBe(0);
  });

  it('answers a retried key with the first transfer and refuses the key for another movement', async () => {
    const [treasury, fund] = [await account('treasury'), await account('fund')];
    const key = randomUUID();
    const first = await move(treasury, fund, 500, key);
    const again = await move(treasury, fund, 500, key);
    expect(again).toMatchObject({ transferId: first.transferId, replayed: true });
    expect(await balance(fund)).toBe(500);
    await expect(move(treasury, fund, 600, key)).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
  });

  it('reverses a transfer once, and refuses edits and deletions of transfers', async () => {
    const [treasury, fund] = [await account('treasury'), await account('fund')];
    const { transferId } = await move(treasury, fund, 700);
    await run((ctx) =>
      ledger().reverse(ctx, transferId, { kind: 'test_reversal', idempotencyKey: randomUUID() }),
    );
    expect(await balance(fund)).toBe(0);
    await expect(
      run((ctx) =>
        ledger().reverse(ctx, transferId, { kind: 'test_reversal', idempotencyKey: randomUUID() }),
      ),
    ).rejects.toBeInstanceOf(TransferAlreadyReversedError);
    await expect(
      db().query(`UPDATE ledger_transfer SET amount = 1 WHERE id = $1`, [transferId]),
    ).rejects.toThrow(/append-only/);
    await expect(db().query(`DELETE FROM ledger_transfer WHERE id = $1`, [transferId])).rejects.toThrow(
      /append-only/,
    );
  });

  it('refuses to move money outside a transaction', async () => {
    const [treasury, fund] = [await account('treasury'), await account('fund')];
    await expect(
      ledger().transfer(RequestContext.system(db().manager), {
        debitAccountId: treasury,
        creditAccountId: fund,
        amount: cents(1),
        kind: 'test',
        idempotencyKey: randomUUID(),
        reference: 'test',
      }),
    ).rejects.toThrow(/transaction/);
  });

  it('runs transfers in both directions at once without deadlock or lost updates', async () => {
    const [treasury, a, b] = [await account('treasury'), await account('fund'), await account('merchant')];
    await move(treasury, a, 100_000);
    await move(treasury, b, 100_000);
    const results = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) => (i % 2 ? move(a, b, 100 + i) : move(b, a, 100 + i))),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect((await balance(a)) + (await balance(b))).toBe(200_000);
    const report = await api.app.get(LedgerVerifier).verify(db().manager);
    expect(report).toMatchObject({ ok: true, differences: [], negative: [], total: '0' });
  });

  it('reports a balance that does not match its transfers', async () => {
    const fund = await account('fund');
    await db().query(`UPDATE ledger_account SET balance = 42 WHERE id = $1`, [fund]);
    const report = await api.app.get(LedgerVerifier).verify(db().manager);
    expect(report.ok).toBe(false);
    expect(report.differences).toEqual([
      expect.objectContaining({ accountId: fund, balance: '42', computed: '0' }),
    ]);
    await db().query(`UPDATE ledger_account SET balance = 0 WHERE id = $1`, [fund]);
  });
});
