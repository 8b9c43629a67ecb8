import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { cents, RequestContext, TransactionRunner } from '@piazza/core';
import {
  FundService,
  VoucherAssignmentService,
  VoucherIssuanceService,
  VoucherKindService,
} from '@piazza/vouchers';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

/** A context acting as the system (every Comune), for factories. */
function systemCtx(app: NestFastifyApplication) {
  return RequestContext.system(app.get(DataSource).manager, 'test-factory');
}

function inTransaction<T>(app: NestFastifyApplication, work: (ctx: RequestContext) => Promise<T>) {
  return app.get(TransactionRunner).run(systemCtx(app), work);
}

async function comuneId(app: NestFastifyApplication, slug: string): Promise<string> {
  const [row]: { id: string }[] = await app
    .get(DataSource)
    .query(`SELECT id FROM comune WHERE slug = $1`, [slug]);
  if (!row) throw new Error(`No Comune ${slug}: seed the demo Ambito first`);
  return row.id;
}

/** A fund of a Comune of the demo Ambito, topped up with `amount` cents. */
export async function givenFund(
  app: NestFastifyApplication,
  options: { comune?: string; name?: string; amount?: number } = {},
) {
  const comune = await comuneId(app, options.comune ?? 'tradate');
  return inTransaction(app, async (ctx) => {
    const fund = await app
      .get(FundService)
      .create(ctx, { comuneId: comune, name: options.name ?? `Fondo ${randomUUID().slice(0, 8)}` });
    if (options.amount)
      return app
        .get(FundService)
        .topUp(ctx, fund.id, { amount: options.amount, reference: 'test' }, randomUUID());
    return fund;
  });
}

/** A voucher kind (spending by default, every Comune, every shop category). */
export async function givenVoucherKind(
  app: NestFastifyApplication,
  input: Partial<Parameters<VoucherKindService['create']>[1]> = {},
) {
  return inTransaction(app, (ctx) =>
    app.get(VoucherKindService).create(ctx, {
      slug: input.slug ?? `buono-${randomUUID().slice(0, 8)}`,
      kind: input.kind ?? 'spending',
      name: input.name ?? { it: 'Buono spesa', en: 'Shopping voucher' },
      ...input,
    }),
  );
}

/** The id of the demo household of famiglia@demo.piazza.example (or of another account's). */
export async function householdOf(app: NestFastifyApplication, email = 'famiglia@demo.piazza.example') {
  const [row]: { id: string }[] = await app
    .get(DataSource)
    .query(
      `SELECT h.id FROM household h JOIN user_account u ON u.id = h.owner_user_id WHERE lower(u.email) = lower($1)`,
      [email],
    );
  if (!row) throw new Error(`No household for ${email}`);
  return row.id;
}

/**
 * Issued vouchers for a household, through the real services (assignment, then issuance as the worker
 * does it, without waiting for the queue). Returns the vouchers' ids, codes and tokens.
 */
export async function givenVouchers(
  app: NestFastifyApplication,
  options: {
    householdId: string;
    fundId: string;
    kindId: string;
    amounts: number[];
    validUntil?: Date;
    validFrom?: Date;
  },
) {
  const assignment = await inTransaction(app, (ctx) =>
    app.get(VoucherAssignmentService).assign(
      ctx,
      options.householdId,
      {
        fundId: options.fundId,
        kindId: options.kindId,
        amounts: options.amounts.map((a) => cents(a)),
        validFrom: options.validFrom,
        validUntil: options.validUntil ?? new Date(Date.now() + 90 * 86_400_000),
      },
      randomUUID(),
    ),
  );
  const issued = await inTransaction(app, (ctx) => app.get(VoucherIssuanceService).issue(ctx, assignment.id));
  const rows: { id: string; code: string; token: string; account_id: string }[] = await app
    .get(DataSource)
    .query(`SELECT id, code, token, account_id FROM voucher WHERE id = ANY ($1) ORDER BY position`, [
      issued.voucherIds,
    ]);
  return rows.map((r) => ({ id: r.id, code: r.code, token: r.token, accountId: r.account_id }));
}
