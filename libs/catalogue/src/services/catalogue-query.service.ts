import { Injectable } from '@nestjs/common';
import type { RequestContext, Translated } from '@piazza/core';
import { SERVICE_FAMILIES, type ServiceFamily } from '../entities/category.entity';
import { VISIBLE_SERVICE } from '../search/service-search.sql';

export interface FamilySummary {
  slug: ServiceFamily;
  name: Translated;
  description: Translated;
  serviceCount: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Read side of the public catalogue's home: the families. Search lives in ../search. */
@Injectable()
export class CatalogueQueryService {
  /** The five families in their fixed order, with the number of visible services in each. */
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
              (SELECT count(*) FROM service_offer s JOIN category c ON c.id = s.category_id
                WHERE c.family = f.family AND ${VISIBLE_SERVICE}) AS service_count
         FROM category f
        WHERE f.parent_id IS NULL`,
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
}
