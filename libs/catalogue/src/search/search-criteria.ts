import { type Translated, ValidationError } from '@piazza/core';
import type { ServiceFamily } from '../entities/category.entity';
import type { LatLng } from './search.types';

export const SEARCH_SORTS = ['relevance', 'distance', 'price', 'price_desc', 'title', 'newest'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** Words of `q` beyond this many are ignored: every word must match, so more only empty the answer. */
export const MAX_SEARCH_WORDS = 8;
/** Longer words are cut: no Italian word is longer, and trigram work grows with length. */
export const MAX_WORD_LENGTH = 40;
export const MAX_RADIUS_KM = 200;
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
/** The map shows at most this many points; `total` still counts them all. */
export const MAP_POINTS_LIMIT = 5_000;

/** A search as the API receives it, each parameter already of the right type (see the query DTO). */
export interface ServiceSearchInput {
  q?: string;
  family?: ServiceFamily;
  category?: string[];
  theme?: string[];
  target?: string[];
  comune?: string[];
  voucher?: boolean;
  free?: boolean;
  openNow?: boolean;
  priceMin?: number;
  priceMax?: number;
  /** "lat,lng". */
  near?: string;
  nearComune?: string;
  radiusKm?: number;
  sort?: SearchSort;
  page?: number;
  pageSize?: number;
}

/** A checked search: what the SQL builder reads. Empty lists and false flags filter nothing. */
export interface ServiceSearchCriteria {
  /** The words of `q`: lower case, letters and digits only, at least two characters each, no repeats. */
  words: string[];
  family: ServiceFamily | null;
  categories: string[];
  themes: string[];
  targets: string[];
  comuni: string[];
  voucher: boolean;
  free: boolean;
  openNow: boolean;
  priceMin: number | null;
  priceMax: number | null;
  near: LatLng | null;
  nearComune: string | null;
  radiusKm: number | null;
  sort: SearchSort;
  page: number;
  pageSize: number;
}

/**
 * The words a visitor typed, as search compares them: split on anything that is not a letter or a digit
 * (so "dell'anziano" is two words and no character reaches `to_tsquery` syntax), lower case, one-letter
 * words dropped (an elided article or an initial would match half the catalogue as a prefix).
 */
export function searchWords(q: string | null | undefined): string[] {
  const words = (q ?? '')
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => [...w].length >= 2)
    .map((w) => [...w].slice(0, MAX_WORD_LENGTH).join(''));
  return [...new Set(words)].slice(0, MAX_SEARCH_WORDS);
}

const NEAR = /^\s*(-?\d{1,3}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$/;

/** The same list whatever order it came in, so equal searches are equal (and share a cache entry). */
function distinctSorted(values: string[] | undefined): string[] {
  return [...new Set(values ?? [])].sort();
}

function invalid(field: string, message: Translated): ValidationError {
  return new ValidationError([{ field, message }]);
}

/**
 * Checks what the DTO cannot check field by field (ranges across fields, coordinates, an origin for the
 * distance) and fills the defaults: `relevance` with words, `distance` with an origin, else `title`.
 */
export function serviceSearchCriteria(input: ServiceSearchInput): ServiceSearchCriteria {
  const words = searchWords(input.q);
  let near: LatLng | null = null;
  if (input.near !== undefined) {
    const match = NEAR.exec(input.near);
    const lat = match ? Number(match[1]) : NaN;
    const lng = match ? Number(match[2]) : NaN;
    if (!(lat >= -90 && lat <= 90 && lng >= -180 && lng <= 180)) {
      throw invalid('near', {
        it: 'deve essere "latitudine,longitudine" in gradi decimali (es. 45.71,8.90)',
        en: 'must be "latitude,longitude" in decimal degrees (e.g. 45.71,8.90)',
      });
    }
    near = { lat, lng };
  }
  const nearComune = input.nearComune ?? null;
  if (near && nearComune) {
    throw invalid('nearComune', {
      it: 'indica un solo punto di partenza: near oppure nearComune',
      en: 'give one origin only: near or nearComune',
    });
  }
  const hasOrigin = near !== null || nearComune !== null;
  const radiusKm = input.radiusKm ?? null;
  if (radiusKm !== null && !hasOrigin) {
    throw invalid('radiusKm', {
      it: 'serve un punto di partenza (near o nearComune) per cercare entro una distanza',
      en: 'needs an origin (near or nearComune) to search within a distance',
    });
  }
  const priceMin = input.priceMin ?? null;
  const priceMax = input.priceMax ?? null;
  if (priceMin !== null && priceMax !== null && priceMin > priceMax) {
    throw invalid('priceMin', {
      it: 'non può superare priceMax',
      en: 'must not be greater than priceMax',
    });
  }
  const sort = input.sort ?? (words.length ? 'relevance' : hasOrigin ? 'distance' : 'title');
  if (sort === 'distance' && !hasOrigin) {
    throw invalid('sort', {
      it: 'per ordinare per distanza serve un punto di partenza (near o nearComune)',
      en: 'sorting by distance needs an origin (near or nearComune)',
    });
  }
  return {
    words,
    family: input.family ?? null,
    categories: distinctSorted(input.category),
    themes: distinctSorted(input.theme),
    targets: distinctSorted(input.target),
    comuni: distinctSorted(input.comune),
    voucher: input.voucher === true,
    free: input.free === true,
    openNow: input.openNow === true,
    priceMin,
    priceMax,
    near,
    nearComune,
    radiusKm,
    // Relevance without words has nothing to rank: the order of a plain listing.
    sort: sort === 'relevance' && !words.length ? 'title' : sort,
    page: input.page ?? 1,
    pageSize: input.pageSize ?? DEFAULT_PAGE_SIZE,
  };
}
