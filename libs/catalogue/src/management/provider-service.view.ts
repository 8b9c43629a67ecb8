import { type OpeningHours, type RequestContext } from '@piazza/core';
import type { PriceModel, ServiceStatus } from '../entities/service-offer.entity';
import type { ModeratedService } from './management.types';

interface ServiceRow {
  id: string;
  slug: string;
  title: string;
  summary: string;
  description: string;
  category_slug: string;
  theme_slugs: string[];
  target_group_slugs: string[];
  comune_slugs: string[];
  place_ids: string[];
  price_model: PriceModel;
  price_cents: string | null;
  voucher_payable: boolean;
  keywords: string[];
  opening_hours: OpeningHours[];
  status: ServiceStatus;
  review_note: string | null;
  submitted_at: Date | null;
  first_approved_at: Date | null;
  published_at: Date | null;
  updated_at: Date;
  organisation_id: string;
  organisation_slug: string;
  organisation_name: string;
}

/**
 * Services as the back-office shows them (`ProviderService` of the contract, with their organisation for
 * the moderator), newest change first. The caller has already checked who may see them.
 */
export async function providerServices(
  ctx: RequestContext,
  where: { organisationId: string } | { serviceId: string },
): Promise<ModeratedService[]> {
  const byOrganisation = 'organisationId' in where;
  const rows: ServiceRow[] = await ctx.em.query(
    `SELECT s.id, s.slug, s.title, s.summary, s.description, c.slug AS category_slug,
            ARRAY(SELECT t.slug FROM service_offer_theme x JOIN theme t ON t.id = x.theme_id
                   WHERE x.service_offer_id = s.id ORDER BY t.position, t.slug)::text[] AS theme_slugs,
            ARRAY(SELECT g.slug FROM service_offer_target_group x JOIN target_group g ON g.id = x.target_group_id
                   WHERE x.service_offer_id = s.id ORDER BY g.position, g.slug)::text[] AS target_group_slugs,
            ARRAY(SELECT cm.slug FROM service_offer_comune x JOIN comune cm ON cm.id = x.comune_id
                   WHERE x.service_offer_id = s.id ORDER BY cm.name)::text[] AS comune_slugs,
            ARRAY(SELECT x.place_id FROM service_offer_place x
                   WHERE x.service_offer_id = s.id ORDER BY x.position, x.place_id)::text[] AS place_ids,
            s.price_model, s.price_cents::text AS price_cents, s.voucher_payable, s.keywords, s.opening_hours,
            s.status, s.review_note, s.submitted_at, s.first_approved_at, s.published_at, s.updated_at,
            o.id AS organisation_id, o.slug AS organisation_slug, o.name AS organisation_name
       FROM service_offer s
       JOIN category c ON c.id = s.category_id
       JOIN organisation o ON o.id = s.organisation_id
      WHERE ${byOrganisation ? 's.organisation_id' : 's.id'} = $1
      ORDER BY s.updated_at DESC, s.title`,
    [byOrganisation ? where.organisationId : where.serviceId],
  );
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    title: r.title,
    summary: r.summary,
    description: r.description,
    categorySlug: r.category_slug,
    themeSlugs: r.theme_slugs,
    targetGroupSlugs: r.target_group_slugs,
    comuneSlugs: r.comune_slugs,
    placeIds: r.place_ids,
    priceModel: r.price_model,
    priceCents: r.price_cents === null ? null : Number(r.price_cents),
    voucherPayable: r.voucher_payable,
    keywords: r.keywords,
    openingHours: r.opening_hours,
    status: r.status,
    reviewNote: r.review_note,
    submittedAt: r.submitted_at?.toISOString() ?? null,
    firstApprovedAt: r.first_approved_at?.toISOString() ?? null,
    publishedAt: r.published_at?.toISOString() ?? null,
    updatedAt: r.updated_at.toISOString(),
    organisation: { id: r.organisation_id, slug: r.organisation_slug, name: r.organisation_name },
  }));
}
