import { Injectable } from '@nestjs/common';
import { type Cents, cents, type RequestContext, type Translated } from '@piazza/core';
import type { PriceModel } from '../entities/service-offer.entity';
import { SERVICE_FAMILIES, type ServiceFamily } from '../entities/category.entity';

export interface FamilySummary {
  slug: ServiceFamily;
  name: Translated;
  description: Translated;
  serviceCount: number;
}

export interface ServiceSearch {
  q?: string;
  family?: ServiceFamily;
  category?: string;
  comune?: string;
  page: number;
  pageSize: number;
}

export interface ServiceCard {
  id: string;
  slug: string;
  title: string;
  summary: string;
  family: ServiceFamily;
  category: { slug: string; name: Translated };
  organisation: { slug: string; name: string };
  comuni: { slug: string; name: string }[];
  priceModel: PriceModel;
  priceCents: Cents | null;
  voucherPayable: boolean;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Read side of the public catalogue: what a visitor can browse without signing in. */
@Injectable()
export class CatalogueQueryService {
  /** The five families in their fixed order, with the number of published services in each. */
  async families(ctx: RequestContext): Promise<FamilySummary[]> {
    const rows: {
      family: ServiceFamily;
      name_it: string;
      name_en: string;
      description_it: string;
      description_en: string;
      service_count: string;
    }[] = await ctx.em.query(
      `SELECT f.family, f.name_it, f.name_en, f.description_it, f.description_en,
              count(s.id) FILTER (WHERE s.status = 'published') AS service_count
         FROM category f
         LEFT JOIN category c ON c.family = f.family
         LEFT JOIN service_offer s ON s.category_id = c.id
        WHERE f.parent_id IS NULL
        GROUP BY f.id`,
    );
    return rows
      .sort((a, b) => SERVICE_FAMILIES.indexOf(a.family) - SERVICE_FAMILIES.indexOf(b.family))
      .map((r) => ({
        slug: r.family,
        name: { it: r.name_it, en: r.name_en },
        description: { it: r.description_it, en: r.description_en },
        serviceCount: Number(r.service_count),
      }));
  }

  /**
   * Published services matching a text (accent- and case-insensitive, tolerant of small typos through
   * trigram similarity) and filters, best matches first, one page at a time.
   */
  async searchServices(ctx: RequestContext, search: ServiceSearch): Promise<Page<ServiceCard>> {
    const q = search.q?.trim() || null;
    const rows: (Record<string, unknown> & { total: string })[] = await ctx.em.query(
      `WITH candidates AS (
         SELECT s.*, c.family, c.slug AS category_slug, c.name_it AS category_name_it,
                c.name_en AS category_name_en, o.slug AS organisation_slug, o.name AS organisation_name,
                f_unaccent(lower(s.title || ' ' || s.summary || ' ' || array_to_string(s.keywords, ' ') || ' '
                  || o.name || ' ' || c.name_it)) AS haystack
           FROM service_offer s
           JOIN category c ON c.id = s.category_id
           JOIN organisation o ON o.id = s.organisation_id
          WHERE s.status = 'published'
            AND ($2::text IS NULL OR c.family = $2)
            AND ($3::text IS NULL OR c.slug = $3)
            AND ($4::text IS NULL OR EXISTS (
                  SELECT 1 FROM service_offer_comune sc JOIN comune cm ON cm.id = sc.comune_id
                   WHERE sc.service_offer_id = s.id AND cm.slug = $4))
       ), scored AS (
         SELECT *, CASE WHEN $1::text IS NULL THEN 0
                        ELSE word_similarity(f_unaccent(lower($1)), haystack)
                             + CASE WHEN haystack LIKE '%' || f_unaccent(lower($1)) || '%' THEN 1 ELSE 0 END
                   END AS score
           FROM candidates
       )
       SELECT id, slug, title, summary, family, category_slug, category_name_it, category_name_en,
              organisation_slug, organisation_name, price_model, price_cents::text AS price_cents,
              voucher_payable,
              (SELECT coalesce(json_agg(json_build_object('slug', cm.slug, 'name', cm.name) ORDER BY cm.name), '[]')
                 FROM service_offer_comune sc JOIN comune cm ON cm.id = sc.comune_id
                WHERE sc.service_offer_id = scored.id) AS comuni,
              count(*) OVER () AS total
         FROM scored
        WHERE $1::text IS NULL OR score >= 0.5
        ORDER BY score DESC, title
        LIMIT $5 OFFSET $6`,
      [
        q,
        search.family ?? null,
        search.category ?? null,
        search.comune ?? null,
        search.pageSize,
        (search.page - 1) * search.pageSize,
      ],
    );
    return {
      items: rows.map((r) => ({
        id: r['id'] as string,
        slug: r['slug'] as string,
        title: r['title'] as string,
        summary: r['summary'] as string,
        family: r['family'] as ServiceFamily,
        category: {
          slug: r['category_slug'] as string,
          name: { it: r['category_name_it'] as string, en: r['category_name_en'] as string },
        },
        organisation: { slug: r['organisation_slug'] as string, name: r['organisation_name'] as string },
        comuni: r['comuni'] as { slug: string; name: string }[],
        priceModel: r['price_model'] as PriceModel,
        priceCents: r['price_cents'] === null ? null : cents(r['price_cents'] as string),
        voucherPayable: r['voucher_payable'] as boolean,
      })),
      // A page past the end has no row to carry the total: ask for the first page's.
      total: rows.length
        ? Number(rows[0].total)
        : search.page > 1
          ? (await this.searchServices(ctx, { ...search, page: 1, pageSize: 1 })).total
          : 0,
      page: search.page,
      pageSize: search.pageSize,
    };
  }
}
