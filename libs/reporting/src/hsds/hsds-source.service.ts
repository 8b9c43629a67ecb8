import { Injectable } from '@nestjs/common';
import { AmbitoSettings, DEFAULT_SETTINGS, type OpeningHours, type RequestContext } from '@piazza/core';
import type { HsdsPaging, HsdsServiceFilter } from './hsds.types';

/** The three vocabularies a service is classified by, as HSDS taxonomies. */
export type TaxonomyKey = 'categories' | 'themes' | 'target_groups';

export interface ComuneRow {
  id: string;
  slug: string;
  name: string;
  province: string;
  postal_code: string;
}

export interface TermRow {
  id: string;
  taxonomy: TaxonomyKey;
  code: string;
  name: string;
  description: string;
  parent_id: string | null;
}

export interface OrganisationRow {
  id: string;
  slug: string;
  kind: 'cooperative' | 'association' | 'public_body';
  name: string;
  legal_name: string;
  vat_number: string | null;
  fiscal_code: string;
  description: string;
  email: string;
  phone: string | null;
  website: string | null;
  pec: string | null;
  address: string;
  comune_id: string;
  lat: number | null;
  lng: number | null;
  opening_hours: OpeningHours[];
  logo_version: string | null;
}

export interface ServiceRow {
  id: string;
  slug: string;
  title: string;
  summary: string;
  description: string;
  price_model: 'free' | 'fixed' | 'per_hour' | 'per_session' | 'per_month';
  price_cents: string | null;
  voucher_payable: boolean;
  opening_hours: OpeningHours[];
  last_modified: Date;
  organisation_id: string;
  category_id: string;
  theme_ids: string[];
  target_group_ids: string[];
  comune_ids: string[];
  /** Its places in their order; empty: delivered from (or arranged at) the organisation's seat. */
  place_ids: string[];
}

export interface PlaceRow {
  id: string;
  organisation_id: string;
  name: string;
  address: string;
  comune_id: string;
  lat: number;
  lng: number;
  opening_hours: OpeningHours[];
  accessibility: string;
}

export interface SocialPointRow {
  id: string;
  slug: string;
  name: string;
  comune_id: string;
  address: string;
  lat: number;
  lng: number;
  phone: string | null;
  email: string | null;
  description: string;
  opening_hours: OpeningHours[];
  languages: string[];
  accessibility: string;
}

/** A service at one of its places, or at its organisation's seat when it has no place. */
export interface ServiceLocationPair {
  service_id: string;
  kind: 'place' | 'seat';
  /** The place's id, or the organisation's for a seat. */
  ref_id: string;
}

/**
 * The published directory, read by SQL from the tables of libs/identity and libs/catalogue (reporting
 * reads from the others; it owns no table). "Published" means: a published service of an accredited
 * organisation that is not a shop.
 */
@Injectable()
export class HsdsSourceService {
  async settings(ctx: RequestContext): Promise<Omit<AmbitoSettings, 'createdAt' | 'updatedAt' | 'id'>> {
    const settings = await ctx.em.findOne(AmbitoSettings, { where: { id: 1 } });
    return (
      settings ?? {
        name: DEFAULT_SETTINGS.name,
        shortName: DEFAULT_SETTINGS.shortName,
        tagline: DEFAULT_SETTINGS.tagline,
        logoUrl: DEFAULT_SETTINGS.logoUrl,
        primaryColor: DEFAULT_SETTINGS.colors.primary,
        contacts: DEFAULT_SETTINGS.contacts,
      }
    );
  }

  async comuni(ctx: RequestContext): Promise<Map<string, ComuneRow>> {
    const rows: ComuneRow[] = await ctx.em.query(
      `SELECT id, slug, name, province, postal_code FROM comune ORDER BY name`,
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** Every term of the three taxonomies: the category tree, the themes, the target groups. */
  async terms(ctx: RequestContext): Promise<TermRow[]> {
    return ctx.em.query(
      `SELECT id, taxonomy, code, name, description, parent_id FROM (
         SELECT c.id, 'categories' AS taxonomy, c.slug AS code, c.name_it AS name, c.description_it AS description,
                c.parent_id, 0 AS axis, coalesce(p.position, c.position) AS major,
                CASE WHEN c.parent_id IS NULL THEN -1 ELSE c.position END AS minor
           FROM category c LEFT JOIN category p ON p.id = c.parent_id
         UNION ALL
         SELECT id, 'themes', slug, name_it, description_it, NULL, 1, position, 0 FROM theme
         UNION ALL
         SELECT id, 'target_groups', slug, name_it, '', NULL, 2, position, 0 FROM target_group
       ) terms
       ORDER BY axis, major, minor, code`,
    );
  }

  /** The ids of one page of published services matching the filter, by name, and how many match. */
  async serviceIds(
    ctx: RequestContext,
    filter: HsdsServiceFilter,
    taxonomy: TaxonomyKey | 'none' | null,
    paging: HsdsPaging,
  ): Promise<{ ids: string[]; total: number }> {
    const { where, params } = serviceFilter(filter, taxonomy);
    const [rows, [count]]: [{ id: string }[], { n: string }[]] = await Promise.all([
      ctx.em.query(
        `SELECT s.id ${PUBLISHED_SERVICES} ${where} ORDER BY lower(s.title), s.id
          LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, paging.per_page, (paging.page - 1) * paging.per_page],
      ),
      ctx.em.query(`SELECT count(*) AS n ${PUBLISHED_SERVICES} ${where}`, params),
    ]);
    return { ids: rows.map((r) => r.id), total: Number(count.n) };
  }

  /** The published services of these organisations, by name. */
  async serviceIdsOf(ctx: RequestContext, organisationIds: string[]): Promise<string[]> {
    const rows: { id: string }[] = await ctx.em.query(
      `SELECT s.id ${PUBLISHED_SERVICES} AND s.organisation_id = ANY($1::uuid[]) ORDER BY lower(s.title), s.id`,
      [organisationIds],
    );
    return rows.map((r) => r.id);
  }

  /** Published services by id, in the order of the ids, with the ids of everything they link to. */
  async services(ctx: RequestContext, ids: string[]): Promise<ServiceRow[]> {
    if (!ids.length) return [];
    const rows: ServiceRow[] = await ctx.em.query(
      `SELECT s.id, s.slug, s.title, s.summary, s.description, s.price_model, s.price_cents::text AS price_cents,
              s.voucher_payable, s.opening_hours, greatest(s.updated_at, o.updated_at) AS last_modified,
              s.organisation_id, s.category_id,
              array(SELECT theme_id FROM service_offer_theme WHERE service_offer_id = s.id) AS theme_ids,
              array(SELECT target_group_id FROM service_offer_target_group WHERE service_offer_id = s.id)
                AS target_group_ids,
              array(SELECT sc.comune_id FROM service_offer_comune sc JOIN comune cm ON cm.id = sc.comune_id
                     WHERE sc.service_offer_id = s.id ORDER BY cm.name) AS comune_ids,
              array(SELECT place_id FROM service_offer_place WHERE service_offer_id = s.id
                     ORDER BY position, place_id) AS place_ids
         ${PUBLISHED_SERVICES} AND s.id = ANY($1::uuid[])`,
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /**
   * The accredited organisations that are not shops, by name: one page of them and how many there are
   * (`skip`/`take` count rows of this list only).
   */
  async organisations(
    ctx: RequestContext,
    search: string | null,
    skip: number,
    take: number,
  ): Promise<{ rows: OrganisationRow[]; total: number }> {
    const where = `AND ($1::text IS NULL OR strpos(
        f_unaccent(lower(concat_ws(' ', o.name, o.legal_name, o.description))), f_unaccent(lower($1))) > 0)`;
    const [rows, [count]]: [OrganisationRow[], { n: string }[]] = await Promise.all([
      take > 0
        ? ctx.em.query(`${ORGANISATION_SELECT} ${where} ORDER BY lower(o.name), o.id LIMIT $2 OFFSET $3`, [
            search,
            take,
            skip,
          ])
        : [],
      ctx.em.query(
        `SELECT count(*) AS n FROM organisation o
          WHERE o.accreditation_status = 'accredited' AND o.kind <> 'shop' ${where}`,
        [search],
      ),
    ]);
    return { rows, total: Number(count.n) };
  }

  async organisationsById(ctx: RequestContext, ids: string[]): Promise<OrganisationRow[]> {
    if (!ids.length) return [];
    return ctx.em.query(`${ORGANISATION_SELECT} AND o.id = ANY($1::uuid[])`, [ids]);
  }

  /** Accredited public bodies (Comuni, ASST, consultori) by Comune: the owners of the Social Points there. */
  async publicBodiesByComune(ctx: RequestContext): Promise<Map<string, string>> {
    const rows: { comune_id: string; id: string }[] = await ctx.em.query(
      `SELECT DISTINCT ON (comune_id) comune_id, id FROM organisation
        WHERE kind = 'public_body' AND accreditation_status = 'accredited'
        ORDER BY comune_id, slug`,
    );
    return new Map(rows.map((r) => [r.comune_id, r.id]));
  }

  async places(ctx: RequestContext, by: { ids?: string[]; organisationIds?: string[] }): Promise<PlaceRow[]> {
    if (!by.ids?.length && !by.organisationIds?.length) return [];
    return ctx.em.query(
      `SELECT p.id, p.organisation_id, p.name, p.address, p.comune_id,
              ST_Y(p.location::geometry) AS lat, ST_X(p.location::geometry) AS lng, p.opening_hours, p.accessibility
         FROM place p
        WHERE p.id = ANY($1::uuid[]) OR p.organisation_id = ANY($2::uuid[])
        ORDER BY p.name, p.id`,
      [by.ids ?? [], by.organisationIds ?? []],
    );
  }

  async socialPoints(ctx: RequestContext): Promise<SocialPointRow[]> {
    return ctx.em.query(
      `SELECT p.id, p.slug, p.name, p.comune_id, p.address, ST_Y(p.location::geometry) AS lat,
              ST_X(p.location::geometry) AS lng, p.phone, p.email, p.description, p.opening_hours, p.languages,
              p.accessibility
         FROM social_point p JOIN comune c ON c.id = p.comune_id
        ORDER BY c.name, p.name`,
    );
  }

  /**
   * Each published service matching the filter at each of its places (or at its organisation's seat),
   * by service name then place order; `paging` null: all of them.
   */
  async serviceLocations(
    ctx: RequestContext,
    filter: HsdsServiceFilter,
    taxonomy: TaxonomyKey | 'none' | null,
    paging: HsdsPaging | null,
  ): Promise<{ pairs: ServiceLocationPair[]; total: number }> {
    const { where, params } = serviceFilter(filter, taxonomy);
    const n = params.length;
    params.push(filter.postcode ?? null, filter.proximity ?? null);
    const pairs = `
      WITH svc AS (SELECT s.id, s.title, s.organisation_id ${PUBLISHED_SERVICES} ${where}
                     AND ($${n + 1}::text IS NULL OR EXISTS (
                           SELECT 1 FROM service_offer_comune sc JOIN comune cm ON cm.id = sc.comune_id
                            WHERE sc.service_offer_id = s.id AND cm.postal_code = $${n + 1}))),
           pairs AS (
             SELECT svc.id AS service_id, svc.title, 'place' AS kind, p.id AS ref_id, sp.position,
                    p.location
               FROM svc JOIN service_offer_place sp ON sp.service_offer_id = svc.id
               JOIN place p ON p.id = sp.place_id
             UNION ALL
             SELECT svc.id, svc.title, 'seat', o.id, 0, o.location
               FROM svc JOIN organisation o ON o.id = svc.organisation_id
              WHERE NOT EXISTS (SELECT 1 FROM service_offer_place sp WHERE sp.service_offer_id = svc.id))
      SELECT service_id, kind, ref_id, count(*) OVER () AS total FROM pairs
       WHERE $${n + 2}::float8 IS NULL OR EXISTS (
               SELECT 1 FROM comune cm WHERE cm.postal_code = $${n + 1}
                  AND ST_DWithin(pairs.location, cm.location, $${n + 2}))
       ORDER BY lower(title), service_id, position, ref_id`;
    const rows: (ServiceLocationPair & { total: string })[] = paging
      ? await ctx.em.query(`${pairs} LIMIT $${n + 3} OFFSET $${n + 4}`, [
          ...params,
          paging.per_page,
          (paging.page - 1) * paging.per_page,
        ])
      : await ctx.em.query(pairs, params);
    let total = rows.length ? Number(rows[0].total) : 0;
    if (!rows.length && paging && paging.page > 1) {
      total = (await this.serviceLocations(ctx, filter, taxonomy, null)).total;
    }
    return { pairs: rows.map(({ service_id, kind, ref_id }) => ({ service_id, kind, ref_id })), total };
  }
}

const PUBLISHED_SERVICES = `
  FROM service_offer s
  JOIN organisation o ON o.id = s.organisation_id AND o.accreditation_status = 'accredited' AND o.kind <> 'shop'
  JOIN category c ON c.id = s.category_id
 WHERE s.status = 'published'`;

const ORGANISATION_SELECT = `
  SELECT o.id, o.slug, o.kind, o.name, o.legal_name, o.vat_number, o.fiscal_code, o.description, o.email,
         o.phone, o.website, o.pec, o.address, o.comune_id, ST_Y(o.location::geometry) AS lat,
         ST_X(o.location::geometry) AS lng, o.opening_hours,
         (SELECT floor(extract(epoch FROM coalesce(o.logo_updated_at, l.updated_at)) * 1000)::bigint::text
            FROM organisation_logo l WHERE l.organisation_id = o.id) AS logo_version
    FROM organisation o
   WHERE o.accreditation_status = 'accredited' AND o.kind <> 'shop'`;

/** The HSDS filters of services as SQL conditions on `s` (service), `o` (organisation) and `c` (category). */
function serviceFilter(
  filter: HsdsServiceFilter,
  taxonomy: TaxonomyKey | 'none' | null,
): { where: string; params: unknown[] } {
  const search = filter.search?.trim() || null;
  return {
    where: `
      AND ($1::text IS NULL OR s.search_vector @@ plainto_tsquery('italian', f_unaccent($1))
           OR strpos(s.search_text, lower(f_unaccent($1))) > 0)
      AND ($2::uuid IS NULL OR s.category_id = $2 OR c.parent_id = $2
           OR EXISTS (SELECT 1 FROM service_offer_theme t WHERE t.service_offer_id = s.id AND t.theme_id = $2)
           OR EXISTS (SELECT 1 FROM service_offer_target_group g
                       WHERE g.service_offer_id = s.id AND g.target_group_id = $2))
      AND ($3::text IS NULL OR $3 = 'categories'
           OR ($3 = 'themes' AND EXISTS (SELECT 1 FROM service_offer_theme t WHERE t.service_offer_id = s.id))
           OR ($3 = 'target_groups'
               AND EXISTS (SELECT 1 FROM service_offer_target_group g WHERE g.service_offer_id = s.id)))
      AND ($4::uuid IS NULL OR s.organisation_id = $4)
      AND ($5::timestamptz IS NULL OR greatest(s.updated_at, o.updated_at) >= $5)`,
    params: [
      search,
      filter.taxonomy_term_id ?? null,
      taxonomy,
      filter.organization_id ?? null,
      filter.modified_after ?? null,
    ],
  };
}
