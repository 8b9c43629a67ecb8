import { Injectable } from '@nestjs/common';
import { NotFoundError, type RequestContext, type Translated } from '@piazza/core';
import { In } from 'typeorm';
import { VoucherKind } from '../entities/voucher-kind.entity';
import { VoucherKindSlugTakenError } from '../errors';

export interface VoucherKindInput {
  slug: string;
  kind: 'service' | 'spending';
  name: Translated;
  description?: Translated;
  comuneId?: string | null;
  categoryIds?: string[];
  shopCategories?: string[];
  shopIds?: string[];
  campaign?: boolean;
  startsOn?: string | null;
  endsOn?: string | null;
  active?: boolean;
}

export interface VoucherKindView {
  id: string;
  slug: string;
  kind: 'service' | 'spending';
  name: Translated;
  description: Translated;
  comune: { id: string; slug: string; name: string } | null;
  categoryIds: string[];
  shopCategories: string[];
  shopIds: string[];
  campaign: boolean;
  startsOn: string | null;
  endsOn: string | null;
  active: boolean;
}

export interface CampaignShop {
  slug: string;
  name: string;
  address: string;
  comune: string;
  shopCategory: string | null;
  location: { lat: number; lng: number } | null;
}

export interface CampaignView {
  slug: string;
  name: Translated;
  description: Translated;
  comune: { slug: string; name: string } | null;
  startsOn: string | null;
  endsOn: string | null;
  shopCategories: string[];
  shops: CampaignShop[];
}

const KIND_NOT_FOUND = { it: 'Il tipo di buono', en: 'The voucher kind' };

/** Voucher kinds and local-shopping campaigns, managed by the admin. */
@Injectable()
export class VoucherKindService {
  async list(ctx: RequestContext, options: { comuneIds?: readonly string[]; activeOnly?: boolean } = {}) {
    const kinds = await ctx.em.find(VoucherKind, { order: { kind: 'ASC', slug: 'ASC' } });
    const usable = kinds.filter(
      (k) =>
        (!options.activeOnly || k.active) &&
        (!options.comuneIds || k.comuneId === null || options.comuneIds.includes(k.comuneId)),
    );
    return this.views(ctx, usable);
  }

  async create(ctx: RequestContext, input: VoucherKindInput): Promise<VoucherKindView> {
    if (await ctx.em.existsBy(VoucherKind, { slug: input.slug })) throw new VoucherKindSlugTakenError();
    const kind = ctx.em.create(VoucherKind, {
      slug: input.slug,
      kind: input.kind,
      name: input.name,
      description: input.description ?? { it: '', en: '' },
      comuneId: input.comuneId ?? null,
      categoryIds: input.kind === 'service' ? (input.categoryIds ?? []) : [],
      shopCategories: input.kind === 'spending' ? (input.shopCategories ?? []) : [],
      shopIds: input.kind === 'spending' ? (input.shopIds ?? []) : [],
      campaign: input.campaign ?? false,
      startsOn: input.startsOn ?? null,
      endsOn: input.endsOn ?? null,
      active: input.active ?? true,
    });
    await ctx.em.save(kind);
    return (await this.views(ctx, [kind]))[0];
  }

  async update(ctx: RequestContext, id: string, input: Partial<VoucherKindInput>): Promise<VoucherKindView> {
    const kind = await ctx.em.findOneBy(VoucherKind, { id });
    if (!kind) throw new NotFoundError(KIND_NOT_FOUND);
    if (input.slug && input.slug !== kind.slug && (await ctx.em.existsBy(VoucherKind, { slug: input.slug })))
      throw new VoucherKindSlugTakenError();
    Object.assign(kind, Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)));
    if (kind.kind === 'service') {
      kind.shopCategories = [];
      kind.shopIds = [];
    } else kind.categoryIds = [];
    await ctx.em.save(kind);
    return (await this.views(ctx, [kind]))[0];
  }

  /** Active campaigns that have not ended, with their shops (for the public map). */
  async campaigns(ctx: RequestContext, slug?: string): Promise<CampaignView[]> {
    const rows: (VoucherKindRow & { comune_slug: string | null; comune_name: string | null })[] =
      await ctx.em.query(
        `SELECT k.*, c.slug AS comune_slug, c.name AS comune_name
         FROM voucher_kind k LEFT JOIN comune c ON c.id = k.comune_id
         WHERE k.campaign AND k.active AND k.kind = 'spending'
           AND (k.ends_on IS NULL OR k.ends_on >= (now() AT TIME ZONE 'Europe/Rome')::date)
           AND ($1::text IS NULL OR k.slug = $1)
         ORDER BY k.starts_on NULLS FIRST, k.slug`,
        [slug ?? null],
      );
    const result: CampaignView[] = [];
    for (const row of rows) {
      const shops: (CampaignShop & { lat: number | null; lng: number | null })[] = await ctx.em.query(
        `SELECT o.slug, o.name, o.address, c.name AS comune, o.shop_category AS "shopCategory",
                ST_Y(o.location::geometry) AS lat, ST_X(o.location::geometry) AS lng
         FROM organisation o JOIN comune c ON c.id = o.comune_id
         WHERE o.kind = 'shop' AND o.accreditation_status = 'accredited'
           AND ($1::uuid IS NULL OR o.comune_id = $1)
           AND (o.id = ANY ($2::uuid[]) OR o.shop_category = ANY ($3::text[]))
         ORDER BY o.name`,
        [row.comune_id, row.shop_ids, row.shop_categories],
      );
      result.push({
        slug: row.slug,
        name: row.name,
        description: row.description,
        comune: row.comune_slug ? { slug: row.comune_slug, name: row.comune_name! } : null,
        startsOn: row.starts_on,
        endsOn: row.ends_on,
        shopCategories: row.shop_categories,
        shops: shops.map(({ lat, lng, ...shop }) => ({
          ...shop,
          location: lat === null || lng === null ? null : { lat, lng },
        })),
      });
    }
    return result;
  }

  async campaign(ctx: RequestContext, slug: string): Promise<CampaignView> {
    const [campaign] = await this.campaigns(ctx, slug);
    if (!campaign) throw new NotFoundError({ it: 'La campagna', en: 'The campaign' });
    return campaign;
  }

  private async views(ctx: RequestContext, kinds: VoucherKind[]): Promise<VoucherKindView[]> {
    const comuneIds = [...new Set(kinds.map((k) => k.comuneId).filter((id): id is string => !!id))];
    const comuni: { id: string; slug: string; name: string }[] = comuneIds.length
      ? await ctx.em.query(`SELECT id, slug, name FROM comune WHERE id = ANY ($1)`, [comuneIds])
      : [];
    const byId = new Map(comuni.map((c) => [c.id, c]));
    return kinds.map((k) => ({
      id: k.id,
      slug: k.slug,
      kind: k.kind,
      name: k.name,
      description: k.description,
      comune: k.comuneId ? (byId.get(k.comuneId) ?? null) : null,
      categoryIds: k.categoryIds,
      shopCategories: k.shopCategories,
      shopIds: k.shopIds,
      campaign: k.campaign,
      startsOn: k.startsOn,
      endsOn: k.endsOn,
      active: k.active,
    }));
  }

  async byIds(ctx: RequestContext, ids: string[]): Promise<VoucherKind[]> {
    return ids.length ? ctx.em.findBy(VoucherKind, { id: In(ids) }) : [];
  }
}

interface VoucherKindRow {
  slug: string;
  name: Translated;
  description: Translated;
  comune_id: string | null;
  starts_on: string | null;
  ends_on: string | null;
  shop_ids: string[];
  shop_categories: string[];
}
