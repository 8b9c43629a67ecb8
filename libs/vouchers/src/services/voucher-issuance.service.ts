import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  APP_CONFIG,
  type AppConfig,
  type Cents,
  NOTIFICATION_JOBS,
  type NoticeJob,
  OutboxService,
  QUEUES,
  type RequestContext,
  type Translated,
  formatCents,
  publicUrl,
} from '@piazza/core';
import { LedgerService } from '@piazza/ledger';
import { VoucherKeyring } from '../codes/voucher-keyring.service';
import { generateShortCode } from '../codes/short-code';
import { signVoucherToken } from '../codes/voucher-token';
import { renderVouchersPdf, type VoucherPrint } from '../documents/voucher-pdf';
import { VoucherAssignment } from '../entities/voucher-assignment.entity';
import { VoucherKind } from '../entities/voucher-kind.entity';
import { Voucher } from '../entities/voucher.entity';
import { spendAtText } from './spend-at';

export interface IssueResult {
  assignmentId: string;
  /** Vouchers created by this run: 0 when the assignment had been issued before. */
  created: number;
  voucherIds: string[];
}

/**
 * Turns an assignment into vouchers (in the worker): for each amount a voucher with its ledger account,
 * a short code, a signed QR token and a printable PDF, and a transfer assignment -> voucher. The
 * assignment row is locked first, so two runs of the same job create nothing twice.
 */
@Injectable()
export class VoucherIssuanceService {
  private readonly logger = new Logger(VoucherIssuanceService.name);

  constructor(
    private readonly ledger: LedgerService,
    private readonly keyring: VoucherKeyring,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async issue(ctx: RequestContext, assignmentId: string): Promise<IssueResult> {
    const assignment = await ctx.em.findOne(VoucherAssignment, {
      where: { id: assignmentId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!assignment) throw new Error(`Voucher assignment ${assignmentId} does not exist`);
    if (assignment.status === 'issued') {
      const existing = await ctx.em.find(Voucher, { where: { assignmentId }, order: { position: 'ASC' } });
      return { assignmentId, created: 0, voucherIds: existing.map((v) => v.id) };
    }
    const kind = await ctx.em.findOneByOrFail(VoucherKind, { id: assignment.kindId });
    // The printed words in one round trip: Comune, Ambito, and where the kind can be spent.
    const [place]: {
      comune_name: string;
      ambito_name: string;
      category_names: Translated[] | null;
      shop_names: string[] | null;
      kind_comune_name: string | null;
    }[] = await ctx.em.query(
      `SELECT c.name AS comune_name, s.name AS ambito_name,
         (SELECT json_agg(json_build_object('it', g.name_it, 'en', g.name_en) ORDER BY g.position, g.slug)
          FROM category g WHERE g.id = ANY ($2::uuid[])) AS category_names,
         (SELECT json_agg(o.name ORDER BY o.name) FROM organisation o WHERE o.id = ANY ($3::uuid[])) AS shop_names,
         (SELECT k.name FROM comune k WHERE k.id = $4) AS kind_comune_name
       FROM comune c CROSS JOIN ambito_settings s WHERE c.id = $1`,
      [assignment.comuneId, kind.categoryIds, kind.shopIds, kind.comuneId],
    );
    const spendAt = spendAtText(kind, {
      categoryNames: place.category_names ?? [],
      shopNames: place.shop_names ?? [],
      comuneName: place.kind_comune_name,
    });
    const key = await this.keyring.signingKey(ctx.em);

    // Everything that is CPU work first (tokens, codes, PDFs), then the database in a few statements
    // for the whole assignment: accounts, vouchers, transfers (issuing is rendering-bound; every round
    // trip saved shows in the vouchers per second).
    const drafts: { id: string; code: string; token: string; amount: Cents; pdf: Buffer }[] = [];
    for (const amount of assignment.amounts) {
      const id = crypto.randomUUID();
      const token = signVoucherToken(id, key);
      // 22^11 possible codes: a collision is all but impossible, and would fail the unique index, roll
      // the job back and let BullMQ retry it with new codes.
      const code = generateShortCode();
      const print: VoucherPrint = {
        code,
        token,
        faceValue: amount,
        validFrom: assignment.validFrom,
        validUntil: assignment.validUntil,
        comuneName: place.comune_name,
        kindName: kind.name,
        spendAt,
        ambitoName: place.ambito_name,
        platformName: 'Piazza',
        publicUrl: this.publicUrl(),
      };
      drafts.push({ id, code, token, amount, pdf: await renderVouchersPdf([print], { format: 'a4' }) });
    }
    const accountIds = await this.ledger.openAccounts(
      ctx,
      drafts.map((d) => ({ kind: 'voucher', ownerId: d.id, label: `Buono ${d.code}` })),
    );
    const vouchers = drafts.map((d, position) =>
      ctx.em.create(Voucher, {
        id: d.id,
        code: d.code,
        assignmentId,
        position,
        kindId: kind.id,
        fundId: assignment.fundId,
        comuneId: assignment.comuneId,
        householdId: assignment.householdId,
        faceValue: d.amount,
        accountId: accountIds[position],
        validFrom: assignment.validFrom,
        validUntil: assignment.validUntil,
        status: 'active',
        keyId: key.keyId,
        token: d.token,
        pdf: d.pdf,
        closedAt: null,
      }),
    );
    await ctx.em.insert(Voucher, vouchers);
    await this.ledger.transferMany(
      ctx,
      drafts.map((d, position) => ({
        debitAccountId: assignment.accountId,
        creditAccountId: accountIds[position],
        amount: d.amount,
        kind: 'voucher_issue',
        idempotencyKey: `voucher-issue:${assignmentId}:${position}`,
        reference: `voucher:${d.id}`,
      })),
    );
    await ctx.em.update(
      VoucherAssignment,
      { id: assignmentId },
      { status: 'issued', issuedAt: () => 'now()' },
    );
    const notice: NoticeJob = {
      householdId: assignment.householdId,
      template: 'vouchers_issued',
      params: {
        count: String(vouchers.length),
        total: formatCents(assignment.total, 'it'),
        totalEn: formatCents(assignment.total, 'en'),
        comune: place.comune_name,
      },
      link: '/buoni',
      dedupeKey: `vouchers-issued:${assignmentId}`,
    };
    await this.outbox.enqueue(ctx.em, {
      queue: QUEUES.notifications,
      name: NOTIFICATION_JOBS.notice,
      payload: { ...notice },
    });
    this.logger.log(`Issued ${vouchers.length} vouchers of assignment ${assignmentId}`);
    return { assignmentId, created: vouchers.length, voucherIds: vouchers.map((v) => v.id) };
  }

  publicUrl(): string {
    return publicUrl(this.config);
  }

  /** Where a voucher of this kind can be spent, in words. */
  async spendAt(ctx: RequestContext, kind: VoucherKind): Promise<Translated> {
    const categoryNames: Translated[] = kind.categoryIds.length
      ? (
          await ctx.em.query<{ name: Translated }[]>(
            `SELECT json_build_object('it', name_it, 'en', name_en) AS name
             FROM category WHERE id = ANY ($1) ORDER BY position, slug`,
            [kind.categoryIds],
          )
        ).map((r) => r.name)
      : [];
    const shopNames: string[] = kind.shopIds.length
      ? (
          await ctx.em.query<{ name: string }[]>(
            `SELECT name FROM organisation WHERE id = ANY ($1) ORDER BY name`,
            [kind.shopIds],
          )
        ).map((r) => r.name)
      : [];
    const [comune]: { name: string }[] = kind.comuneId
      ? await ctx.em.query(`SELECT name FROM comune WHERE id = $1`, [kind.comuneId])
      : [];
    return spendAtText(kind, { categoryNames, shopNames, comuneName: comune?.name ?? null });
  }
}
