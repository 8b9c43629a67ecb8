import { Injectable } from '@nestjs/common';
import { type RequestContext, ValidationError } from '@piazza/core';
import { CatalogueAnswerCache } from './catalogue-answer-cache';
import {
  MAP_POINTS_LIMIT,
  type ServiceSearchCriteria,
  type ServiceSearchInput,
  serviceSearchCriteria,
} from './search-criteria';
import type { FacetValue, MapPoint, MapPoints, SearchResult, ServiceCard } from './search.types';
import {
  type MapRow,
  type SearchOrigin,
  type SearchRow,
  serviceMapSql,
  serviceSearchSql,
} from './service-search.sql';

/** Search of the public catalogue: published services of accredited organisations only. */
@Injectable()
export class ServiceSearchService {
  constructor(private readonly cache: CatalogueAnswerCache) {}

  /**
   * One page of services matching words (Italian full text with typo tolerance) and filters, with
   * disjunctive facet counts, the origin of distances and a spelling suggestion.
   */
  async search(ctx: RequestContext, input: ServiceSearchInput): Promise<SearchResult> {
    const criteria = serviceSearchCriteria(input);
    return this.cache.get(ctx, `search:${JSON.stringify(criteria)}`, async () => {
      const origin = await searchOrigin(ctx, criteria);
      const query = serviceSearchSql(criteria, origin);
      const [row]: SearchRow[] = await ctx.em.query(query.text, query.values);
      return { version: row.version, value: searchResult(criteria, origin, row) };
    });
  }

  /** Points of the services matching the same filters, for the map: at most MAP_POINTS_LIMIT. */
  async map(ctx: RequestContext, input: ServiceSearchInput): Promise<MapPoints> {
    const criteria = serviceSearchCriteria({ ...input, page: 1, pageSize: MAP_POINTS_LIMIT });
    return this.cache.get(ctx, `map:${JSON.stringify(criteria)}`, async () => {
      const query = serviceMapSql(criteria, await searchOrigin(ctx, criteria));
      const [row]: MapRow[] = await ctx.em.query(query.text, query.values);
      const points = (row.points ?? []) as MapPoint[];
      return {
        version: row.version,
        value: { points, total: Number(row.total) },
        weight: 1 + Math.floor(points.length / 100),
      };
    });
  }
}

/** The point distances are measured from: `near`, or the centre of `nearComune` (400 if unknown). */
async function searchOrigin(
  ctx: RequestContext,
  criteria: ServiceSearchCriteria,
): Promise<SearchOrigin | null> {
  if (criteria.near) return { ...criteria.near, label: null };
  if (criteria.nearComune === null) return null;
  const rows: SearchOrigin[] = await ctx.em.query(
    `SELECT ST_Y(location::geometry) AS lat, ST_X(location::geometry) AS lng, name AS label
       FROM comune WHERE slug = $1`,
    [criteria.nearComune],
  );
  if (!rows.length) {
    throw new ValidationError([
      {
        field: 'nearComune',
        message: { it: "non è un Comune dell'Ambito", en: 'is not a Comune of the Ambito' },
      },
    ]);
  }
  return rows[0];
}

function searchResult(
  criteria: ServiceSearchCriteria,
  origin: SearchOrigin | null,
  row: SearchRow,
): SearchResult {
  const typos = row.typos ?? [];
  return {
    items: (row.items ?? []) as ServiceCard[],
    total: Number(row.total),
    page: criteria.page,
    pageSize: criteria.pageSize,
    facets: {
      families: (row.families ?? []) as FacetValue[],
      categories: (row.categories ?? []) as FacetValue[],
      themes: (row.themes ?? []) as FacetValue[],
      targetGroups: (row.target_groups ?? []) as FacetValue[],
      comuni: (row.comuni ?? []) as FacetValue[],
      voucherPayable: Number(row.voucher),
      free: Number(row.free),
      openNow: Number(row.open_now),
    },
    origin,
    didYouMean: typos.some((t) => t) ? criteria.words.map((word, i) => typos[i] || word).join(' ') : null,
  };
}
