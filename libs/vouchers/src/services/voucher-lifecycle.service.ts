import { Injectable, Logger } from '@nestjs/common';
import { cents, type RequestContext, ValidationError } from '@piazza/core';
import { LedgerService } from '@piazza/ledger';
import { Fund } from '../entities/fund.entity';
import { Voucher } from '../entities/voucher.entity';
import { VoucherNotFoundError, VoucherNotRedeemableError } from '../errors';

/** How vouchers end: expiry (a scheduled job) and revocation (a social worker); money goes back to the fund. */
@Injectable()
export class VoucherLifecycleService {
  private readonly logger = new Logger(VoucherLifecycleService.name);

  constructor(private readonly ledger: LedgerService) {}

  /**
   * Expires up to `batch` vouchers past their date (in the database's clock) and returns what is left on
   * them to their funds. Rows are taken with SKIP LOCKED, so a redemption in progress is not waited
   * for (it will find the voucher expired next time) and two runs never expire the same voucher twice.
   * Money that came back to a voucher already closed (an order refunded after its expiry or revocation)
   * goes back to the fund too.
   */
  async expireDue(ctx: RequestContext, batch = 500): Promise<{ expired: number; returned: number }> {
    const due: {
      id: string;
      account_id: string;
      fund_id: string;
      balance: string;
      status: string;
      returns: number;
    }[] = await ctx.em.query(
      `SELECT v.id, v.account_id, v.fund_id, a.balance::text AS balance, v.status,
              (SELECT count(*)::int FROM ledger_transfer t
               WHERE t.debit_account_id = v.account_id AND t.kind IN ('voucher_expiry', 'voucher_revoke')) AS returns
       FROM voucher v JOIN ledger_account a ON a.id = v.account_id
       WHERE (v.status IN ('active', 'exhausted') AND v.valid_until <= now())
          OR (v.status IN ('expired', 'revoked') AND a.balance > 0)
       ORDER BY v.valid_until
       LIMIT $1
       FOR UPDATE OF v SKIP LOCKED`,
      [batch],
    );
    let returned = 0;
    for (const voucher of due) {
      const balance = cents(voucher.balance);
      if (balance > 0) {
        const fund = await ctx.em.findOneByOrFail(Fund, { id: voucher.fund_id });
        await this.ledger.transfer(ctx, {
          debitAccountId: voucher.account_id,
          creditAccountId: fund.accountId,
          amount: balance,
          kind: voucher.status === 'revoked' ? 'voucher_revoke' : 'voucher_expiry',
          // One return per closing, and one per later refund: the count keeps a retried job idempotent.
          idempotencyKey:
            voucher.returns === 0
              ? `voucher-expiry:${voucher.id}`
              : `voucher-expiry:${voucher.id}:${voucher.returns}`,
          reference: `voucher:${voucher.id}`,
        });
        returned += balance;
      }
      if (voucher.status !== 'expired' && voucher.status !== 'revoked')
        await ctx.em.update(Voucher, { id: voucher.id }, { status: 'expired', closedAt: () => 'now()' });
    }
    if (due.length) this.logger.log(`Expired ${due.length} vouchers, ${returned} cents back to their funds`);
    return { expired: due.length, returned };
  }

  /** A social worker of the voucher's Comune withdraws it; what is left goes back to the fund. */
  async revoke(
    ctx: RequestContext,
    voucherId: string,
    reason: string,
    comuneIds: readonly string[] | null,
  ): Promise<{ householdId: string; returned: number }> {
    if (!reason?.trim())
      throw new ValidationError([
        { field: 'reason', message: { it: 'Indica il motivo.', en: 'Give the reason.' } },
      ]);
    const [voucher]: {
      id: string;
      account_id: string;
      fund_id: string;
      status: string;
      household_id: string;
    }[] = await ctx.em.query(
      `SELECT id, account_id, fund_id, status, household_id FROM voucher
         WHERE id = $1 AND ($2::uuid[] IS NULL OR comune_id = ANY ($2))
         FOR UPDATE`,
      [voucherId, comuneIds],
    );
    if (!voucher) throw new VoucherNotFoundError();
    if (voucher.status === 'revoked') throw new VoucherNotRedeemableError('VOUCHER_REVOKED');
    if (voucher.status === 'expired') throw new VoucherNotRedeemableError('VOUCHER_EXPIRED');
    const balance = await this.ledger.balance(ctx, voucher.account_id);
    if (balance > 0) {
      const fund = await ctx.em.findOneByOrFail(Fund, { id: voucher.fund_id });
      await this.ledger.transfer(ctx, {
        debitAccountId: voucher.account_id,
        creditAccountId: fund.accountId,
        amount: balance,
        kind: 'voucher_revoke',
        idempotencyKey: `voucher-revoke:${voucher.id}`,
        reference: `voucher:${voucher.id} ${reason.trim().slice(0, 200)}`,
      });
    }
    await ctx.em.update(Voucher, { id: voucher.id }, { status: 'revoked', closedAt: () => 'now()' });
    return { householdId: voucher.household_id, returned: balance };
  }
}
