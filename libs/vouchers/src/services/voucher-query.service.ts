import { Injectable } from '@nestjs/common';
import { type Cents, cents, NotFoundError, type RequestContext, type Translated } from '@piazza/core';
import { renderQrSvg, renderVouchersPdf, type VoucherPrint } from '../documents/voucher-pdf';
import { VoucherKind } from '../entities/voucher-kind.entity';
import { Voucher, type VoucherStatus } from '../entities/voucher.entity';
import { VoucherNotFoundError } from '../errors';
import { VoucherIssuanceService } from './voucher-issuance.service';

export interface VoucherView {
  id: string;
  code: string;
  token: string;
  kind: { slug: string; kind: 'service' | 'spending'; name: Translated };
  comune: { slug: string; name: string };
  faceValue: Cents;
  balance: Cents;
  validFrom: Date;
  validUntil: Date;
  status: VoucherStatus;
  spendAt: Translated;
  issuedAt: Date;
}

export interface VoucherMovement {
  at: Date;
  kind: 'issue' | 'redemption' | 'void' | 'expiry' | 'revoke';
  /** Signed: negative when money left the voucher. */
  amount: number;
  balanceAfter: Cents;
  shop: { name: string } | null;
}

export interface VoucherDetail extends VoucherView {
  movements: VoucherMovement[];
}

interface VoucherRow {
  id: string;
  code: string;
  token: string;
  kind_id: string;
  kind_slug: string;
  kind_kind: 'service' | 'spending';
  kind_name: Translated;
  comune_slug: string;
  comune_name: string;
  face_value: string;
  balance: string;
  valid_from: Date;
  valid_until: Date;
  status: VoucherStatus;
  created_at: Date;
}

const VOUCHER_SQL = `
  SELECT v.id, v.code, v.token, v.kind_id, k.slug AS kind_slug, k.kind AS kind_kind, k.name AS kind_name,
         c.slug AS comune_slug, c.name AS comune_name, v.face_value::text AS face_value,
         a.balance::text AS balance, v.valid_from, v.valid_until,
         CASE WHEN v.status = 'active' AND v.valid_until <= now() THEN 'expired' ELSE v.status END AS status,
         v.created_at
  FROM voucher v
  JOIN voucher_kind k ON k.id = v.kind_id
  JOIN comune c ON c.id = v.comune_id
  JOIN ledger_account a ON a.id = v.account_id`;

const MOVEMENT_KINDS: Record<string, VoucherMovement['kind']> = {
  voucher_issue: 'issue',
  redemption: 'redemption',
  redemption_void: 'void',
  voucher_expiry: 'expiry',
  voucher_revoke: 'revoke',
};

/** What families and social workers see of vouchers: lists, movements, QR and PDF. */
@Injectable()
export class VoucherQueryService {
  constructor(private readonly issuance: VoucherIssuanceService) {}

  /** The household whose account is the actor's (the family's wallet); null when they have none. */
  async householdOf(ctx: RequestContext): Promise<string | null> {
    if (!ctx.actor) return null;
    const [row]: { id: string }[] = await ctx.em.query(`SELECT id FROM household WHERE owner_user_id = $1`, [
      ctx.actor.userId,
    ]);
    return row?.id ?? null;
  }

  async forHousehold(ctx: RequestContext, householdId: string): Promise<VoucherView[]> {
    const rows: VoucherRow[] = await ctx.em.query(
      `${VOUCHER_SQL} WHERE v.household_id = $1 ORDER BY (v.status = 'active') DESC, v.valid_until, v.position`,
      [householdId],
    );
    return this.views(ctx, rows);
  }

  /** One voucher of the household with its movements; 404 for any other household's. */
  async detail(ctx: RequestContext, householdId: string, voucherId: string): Promise<VoucherDetail> {
    const [row]: VoucherRow[] = await ctx.em.query(`${VOUCHER_SQL} WHERE v.id = $1 AND v.household_id = $2`, [
      voucherId,
      householdId,
    ]);
    if (!row) throw new VoucherNotFoundError();
    const [voucher] = await this.views(ctx, [row]);
    const moves: {
      created_at: Date;
      kind: string;
      amount: string;
      outgoing: boolean;
      shop: string | null;
    }[] = await ctx.em.query(
      `SELECT t.created_at, t.kind, t.amount::text AS amount, t.debit_account_id = v.account_id AS outgoing,
              o.name AS shop
       FROM voucher v
       JOIN ledger_transfer t ON v.account_id IN (t.debit_account_id, t.credit_account_id)
       LEFT JOIN voucher_redemption r ON r.transfer_id = t.id OR r.void_transfer_id = t.id
       LEFT JOIN organisation o ON o.id = r.merchant_id
       WHERE v.id = $1
       ORDER BY t.id`,
      [voucherId],
    );
    let balance = 0;
    const movements: VoucherMovement[] = moves.map((m) => {
      const amount = Number(m.amount) * (m.outgoing ? -1 : 1);
      balance += amount;
      return {
        at: m.created_at,
        kind: MOVEMENT_KINDS[m.kind] ?? 'redemption',
        amount,
        balanceAfter: cents(balance),
        shop: m.shop ? { name: m.shop } : null,
      };
    });
    return { ...voucher, movements };
  }

  /** The PDF of one voucher: the one rendered at issuance (A4), or an A6 rendered now. */
  async pdf(
    ctx: RequestContext,
    householdId: string,
    voucherId: string,
    format: 'a4' | 'a6',
  ): Promise<Buffer> {
    const voucher = await ctx.em.findOne(Voucher, {
      where: { id: voucherId, householdId },
      select: { id: true, pdf: true },
    });
    if (!voucher) throw new VoucherNotFoundError();
    if (format === 'a4' && voucher.pdf) return voucher.pdf;
    return this.render(ctx, [voucherId], { format });
  }

  async qrSvg(ctx: RequestContext, householdId: string, voucherId: string): Promise<string> {
    const voucher = await ctx.em.findOneBy(Voucher, { id: voucherId, householdId });
    if (!voucher) throw new VoucherNotFoundError();
    return renderQrSvg(voucher.token);
  }

  /**
   * Every spendable voucher of a household in one PDF, after a cover letter with its postal address:
   * for families without e-mail, posted or handed over at a Social Point.
   */
  async householdPack(ctx: RequestContext, householdId: string, comuneIds: readonly string[] | null) {
    const [household]: { address: string; comune_name: string; name: string | null }[] = await ctx.em.query(
      `SELECT h.address, c.name AS comune_name,
              (SELECT m.first_name || ' ' || m.last_name FROM household_member m
               WHERE m.household_id = h.id AND m.relation = 'self') AS name
       FROM household h JOIN comune c ON c.id = h.comune_id
       WHERE h.id = $1 AND ($2::uuid[] IS NULL OR h.comune_id = ANY ($2))`,
      [householdId, comuneIds],
    );
    if (!household) throw new NotFoundError({ it: 'Il nucleo familiare', en: 'The household' });
    const ids: { id: string }[] = await ctx.em.query(
      `SELECT v.id FROM voucher v WHERE v.household_id = $1 AND v.status = 'active' AND v.valid_until > now()
       ORDER BY v.valid_until, v.position`,
      [householdId],
    );
    const [settings]: { name: string; contacts: Record<string, string> }[] = await ctx.em.query(
      `SELECT name, contacts FROM ambito_settings`,
    );
    return this.render(
      ctx,
      ids.map((r) => r.id),
      {
        format: 'a4',
        coverLetter: {
          recipientName: household.name ?? '',
          address: household.address,
          comuneName: household.comune_name,
          date: new Date(),
          ambitoName: settings.name,
          helpContacts: Object.values(settings.contacts ?? {})
            .filter(Boolean)
            .join(' · '),
        },
      },
    );
  }

  private async render(
    ctx: RequestContext,
    voucherIds: string[],
    options: Parameters<typeof renderVouchersPdf>[1],
  ): Promise<Buffer> {
    const rows: (VoucherRow & { ambito_name: string })[] = voucherIds.length
      ? await ctx.em.query(
          `${VOUCHER_SQL.replace('FROM voucher v', ', s.name AS ambito_name FROM voucher v CROSS JOIN ambito_settings s')}
           WHERE v.id = ANY ($1) ORDER BY v.valid_until, v.position`,
          [voucherIds],
        )
      : [];
    const prints: VoucherPrint[] = [];
    for (const row of rows) {
      const kind = await ctx.em.findOneByOrFail(VoucherKind, { id: row.kind_id });
      prints.push({
        code: row.code,
        token: row.token,
        faceValue: Number(row.face_value),
        validFrom: row.valid_from,
        validUntil: row.valid_until,
        comuneName: row.comune_name,
        kindName: row.kind_name,
        spendAt: await this.issuance.spendAt(ctx, kind),
        ambitoName: row.ambito_name,
        platformName: 'Piazza',
        publicUrl: this.issuance.publicUrl(),
      });
    }
    return renderVouchersPdf(prints, options);
  }

  private async views(ctx: RequestContext, rows: VoucherRow[]): Promise<VoucherView[]> {
    const kinds = new Map<string, Translated>();
    const result: VoucherView[] = [];
    for (const row of rows) {
      if (!kinds.has(row.kind_id)) {
        const kind = await ctx.em.findOneByOrFail(VoucherKind, { id: row.kind_id });
        kinds.set(row.kind_id, await this.issuance.spendAt(ctx, kind));
      }
      result.push({
        id: row.id,
        code: row.code,
        token: row.token,
        kind: { slug: row.kind_slug, kind: row.kind_kind, name: row.kind_name },
        comune: { slug: row.comune_slug, name: row.comune_name },
        faceValue: cents(row.face_value),
        balance: cents(row.balance),
        validFrom: row.valid_from,
        validUntil: row.valid_until,
        status: row.status,
        spendAt: kinds.get(row.kind_id)!,
        issuedAt: row.created_at,
      });
    }
    return result;
  }
}
