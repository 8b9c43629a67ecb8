import { Injectable } from '@nestjs/common';
import { type RequestContext, ValidationError } from '@piazza/core';
import { CatalogueAnswerCache, type VersionedAnswer } from './catalogue-answer-cache';
import { CatalogueIndex } from './catalogue-index';
import type { CatalogueSnapshot } from './catalogue-snapshot';
import type { VersionStamp } from './catalogue-version';
import { cardsOf, mapIndex, minuteOfWeek, searchIndex, type WordMatch } from './catalogue-index-search';
import {
  MAP_POINTS_LIMIT,
  type ServiceSearchCriteria,
  type ServiceSearchInput,
  serviceSearchCriteria,
} from './search-criteria';
import type { FacetValue, MapPoint, MapPoints, SearchResult, ServiceCard } from './search.types';
import { SearchWordAnalyser } from './search-word-analyser';
import {
  type MapRow,
  type SearchOrigin,
  type SearchRow,
  serviceMapSql,
  serviceSearchSql,
} from './service-search.sql';

/**
 * Which engine answers: `index` (default), the in-process CatalogueIndex, or `sql`, one PostgreSQL
 * statement per search (service-search.sql.ts), kept as the reference and as a fallback.
 */
const ENGINE = process.env.CATALOGUE_SEARCH_ENGINE === 'sql' ? 'sql' : 'index';

/**
 * Search of the public catalogue: published services of accredited organisations only.
 *
 * Filters, facet counts, ranking, sorting and the page's cards come from the CatalogueIndex (bitsets,
 * posting lists and a grid of locations in this process, patched or re-read when the catalogue version
 * moves): counting facets in SQL read tens of thousands of rows per broad search at 100,000 services
 * (200-500 ms). PostgreSQL still analyses the typed words (Italian stemming, close words by trigram,
 * once per word and version).
 */
@Injectable()
export class ServiceSearchService {
  constructor(
    private readonly cache: CatalogueAnswerCache,
    private readonly index: CatalogueIndex,
    private readonly analyser: SearchWordAnalyser,
  ) {}

  /**
   * One page of services matching words (Italian full text with typo tolerance) and filters, with
   * disjunctive facet counts, the origin of distances and a spelling suggestion.
   */
  async search(ctx: RequestContext, input: ServiceSearchInput): Promise<SearchResult> {
    const criteria = serviceSearchCriteria(input);
    return this.cache.get(`search:${JSON.stringify(criteria)}`, (stamp) =>
      this.computeSearch(ctx, criteria, stamp),
    );
  }

  /** The same answer as UTF-8 JSON, as the API sends it (a cached answer is serialised once). */
  async searchJson(ctx: RequestContext, input: ServiceSearchInput): Promise<Buffer> {
    const criteria = serviceSearchCriteria(input);
    return this.cache.getJson(`search:${JSON.stringify(criteria)}`, (stamp) =>
      this.computeSearch(ctx, criteria, stamp),
    );
  }

  private async computeSearch(
    ctx: RequestContext,
    criteria: ServiceSearchCriteria,
    stamp: VersionStamp,
  ): Promise<VersionedAnswer<SearchResult>> {
    if (ENGINE === 'sql') {
      const origin = await searchOrigin(ctx, criteria);
      const query = serviceSearchSql(criteria, origin);
      const [row]: SearchRow[] = await ctx.em.query(query.text, query.values);
      return { version: row.version, value: searchResult(criteria, origin, row) };
    }
    const snapshot = await this.index.at(stamp);
    const origin = indexedOrigin(snapshot, criteria);
    const words = await this.words(ctx, snapshot.version, criteria);
    const minute = minuteOfWeek();
    const answer = searchIndex(snapshot, criteria, origin, words, minute);
    const items = cardsOf(snapshot, answer.page, origin, minute);
    const value: SearchResult = {
      items,
      total: answer.total,
      page: criteria.page,
      pageSize: criteria.pageSize,
      facets: answer.facets,
      origin,
      didYouMean: words.some((w) => w.typo)
        ? criteria.words.map((word, i) => words[i].typo || word).join(' ')
        : null,
    };
    // Answers around a point (a visitor's position) are not kept: no two visitors share one, and they
    // would push out the answers that are asked again.
    return { version: snapshot.version, value, shared: criteria.near === null };
  }

  private words(ctx: RequestContext, version: string, criteria: ServiceSearchCriteria): Promise<WordMatch[]> {
    return criteria.words.length ? this.analyser.analyse(ctx, version, criteria.words) : Promise.resolve([]);
  }

  /** Points of the services matching the same filters, for the map: at most MAP_POINTS_LIMIT. */
  async map(ctx: RequestContext, input: ServiceSearchInput): Promise<MapPoints> {
    const criteria = serviceSearchCriteria({ ...input, page: 1, pageSize: MAP_POINTS_LIMIT });
    if (ENGINE === 'index') {
      return this.cache.get(`map:${JSON.stringify(criteria)}`, async (stamp) => {
        const snapshot = await this.index.at(stamp);
        const origin = indexedOrigin(snapshot, criteria);
        const value = mapIndex(snapshot, criteria, origin, await this.words(ctx, snapshot.version, criteria));
        return { version: snapshot.version, value, weight: 1 + Math.floor(value.points.length / 100) };
      });
    }
    return this.cache.get(`map:${JSON.stringify(criteria)}`, async () => {
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

/** The origin of distances from the index (a Comune's centre), as searchOrigin reads it. */
function indexedOrigin(snapshot: CatalogueSnapshot, criteria: ServiceSearchCriteria): SearchOrigin | null {
  if (criteria.near) return { ...criteria.near, label: null };
  if (criteria.nearComune === null) return null;
  const centre = snapshot.comuneCentres.get(criteria.nearComune);
  if (!centre) throw unknownComune();
  return { ...centre };
}

function unknownComune(): ValidationError {
  return new ValidationError([
    {
      field: 'nearComune',
      message: { it: "non è un Comune dell'Ambito", en: 'is not a Comune of the Ambito' },
    },
  ]);
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
  if (!rows.length) throw unknownComune();
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
