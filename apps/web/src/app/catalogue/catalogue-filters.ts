import { type ParamMap, type Params } from '@angular/router';

import { type SearchSort, type ServiceSearchQuery } from '../api/directory-models';
import { type FamilySlug, isFamilySlug, type LatLng } from '../api/models';

/** Results per page of the list view. */
export const CATALOGUE_PAGE_SIZE = 20;

/** The distances offered with an origin, in km. */
export const RADIUS_OPTIONS = [2, 5, 10, 20] as const;

/**
 * Sort orders by their Italian name in the address. The address is part of the UI: people read,
 * bookmark and share it.
 */
export const SORT_PARAMS: Record<SearchSort, string> = {
  relevance: 'rilevanza',
  distance: 'distanza',
  price: 'prezzo',
  price_desc: 'prezzo-decrescente',
  title: 'titolo',
  newest: 'recenti',
};

/** Where distances are measured from: a Comune's centre or the visitor's position. */
export type Origin = { comune: string } | { point: LatLng };

/** The catalogue's state, read from the query string. Prices are euros, as people type them. */
export interface CatalogueFilters {
  q: string;
  family: FamilySlug | null;
  categories: string[];
  themes: string[];
  targets: string[];
  comuni: string[];
  voucher: boolean;
  free: boolean;
  priceMin: number | null;
  priceMax: number | null;
  openNow: boolean;
  origin: Origin | null;
  radiusKm: number | null;
  sort: SearchSort | null;
  page: number;
  view: 'list' | 'map';
}

/**
 * Query parameter names, Italian: `?q=babysitter&comune=tradate,venegono-superiore&voucher=1`.
 * Lists are comma-separated, flags are `1`, prices are euros.
 */
export const PARAM = {
  q: 'q',
  family: 'famiglia',
  categories: 'categoria',
  themes: 'tema',
  targets: 'destinatari',
  comuni: 'comune',
  voucher: 'voucher',
  free: 'gratuito',
  priceMin: 'prezzoMin',
  priceMax: 'prezzoMax',
  openNow: 'aperto',
  origin: 'vicino',
  radiusKm: 'raggio',
  sort: 'ordine',
  page: 'pagina',
  view: 'vista',
} as const satisfies Record<keyof CatalogueFilters, string>;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const POINT = /^(-?\d{1,2}(?:\.\d+)?),(-?\d{1,3}(?:\.\d+)?)$/;

/** Reads the filters from the address; anything malformed is ignored rather than refused. */
export function readFilters(params: ParamMap): CatalogueFilters {
  const family = params.get(PARAM.family);
  const page = Number(params.get(PARAM.page));
  const sortParam = params.get(PARAM.sort);
  const sort = (Object.keys(SORT_PARAMS) as SearchSort[]).find((s) => SORT_PARAMS[s] === sortParam) ?? null;
  const radius = Number(params.get(PARAM.radiusKm));
  return {
    q: (params.get(PARAM.q) ?? '').trim(),
    family: isFamilySlug(family) ? family : null,
    categories: slugList(params.get(PARAM.categories)),
    themes: slugList(params.get(PARAM.themes)),
    targets: slugList(params.get(PARAM.targets)),
    comuni: slugList(params.get(PARAM.comuni)),
    voucher: params.get(PARAM.voucher) === '1',
    free: params.get(PARAM.free) === '1',
    priceMin: euros(params.get(PARAM.priceMin)),
    priceMax: euros(params.get(PARAM.priceMax)),
    openNow: params.get(PARAM.openNow) === '1',
    origin: origin(params.get(PARAM.origin)),
    radiusKm: Number.isFinite(radius) && radius > 0 ? radius : null,
    sort,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    view: params.get(PARAM.view) === 'mappa' ? 'map' : 'list',
  };
}

/**
 * The query parameters that change some filters: a value that is empty, false or default removes
 * its parameter, so the address stays short. Any change but the page starts again from page 1.
 */
export function filterParams(changes: Partial<CatalogueFilters>): Params {
  const params: Params = {};
  for (const [key, value] of Object.entries(changes) as [keyof CatalogueFilters, unknown][]) {
    params[PARAM[key]] = paramValue(key, value);
  }
  if (!('page' in changes)) params[PARAM.page] = null;
  return params;
}

/** The number of filters set in the sidebar (for the "Filtri (3)" button on phones). */
export function activeFilterCount(filters: CatalogueFilters): number {
  return (
    (filters.family ? 1 : 0) +
    filters.categories.length +
    filters.themes.length +
    filters.targets.length +
    filters.comuni.length +
    (filters.voucher ? 1 : 0) +
    (filters.free ? 1 : 0) +
    (filters.priceMin !== null || filters.priceMax !== null ? 1 : 0) +
    (filters.openNow ? 1 : 0) +
    (filters.origin ? 1 : 0)
  );
}

/** The filters as the search API takes them: lists of slugs, prices in cents. */
export function searchQuery(filters: CatalogueFilters): ServiceSearchQuery {
  const origin = filters.origin;
  return {
    q: filters.q || undefined,
    family: filters.family ?? undefined,
    category: filters.categories,
    theme: filters.themes,
    target: filters.targets,
    comune: filters.comuni,
    voucher: filters.voucher,
    free: filters.free,
    priceMin: filters.priceMin === null ? undefined : Math.round(filters.priceMin * 100),
    priceMax: filters.priceMax === null ? undefined : Math.round(filters.priceMax * 100),
    openNow: filters.openNow,
    near: origin && 'point' in origin ? origin.point : undefined,
    nearComune: origin && 'comune' in origin ? origin.comune : undefined,
    radiusKm: origin ? (filters.radiusKm ?? undefined) : undefined,
    sort: filters.sort ?? undefined,
    page: filters.page,
    pageSize: CATALOGUE_PAGE_SIZE,
  };
}

/**
 * A price as typed in Italian or English ("12,50", "12.50", "12"): euros, or null when it is not
 * a non-negative amount with at most two decimals.
 */
export function parseEuros(text: string): number | null {
  const normalised = text.trim().replace(/\s|€/g, '').replace(',', '.');
  if (!/^\d{1,6}(?:\.\d{1,2})?$/.test(normalised)) return null;
  return Number(normalised);
}

function paramValue(key: keyof CatalogueFilters, value: unknown): string | null {
  switch (key) {
    case 'categories':
    case 'themes':
    case 'targets':
    case 'comuni':
      return (value as string[]).length ? (value as string[]).join(',') : null;
    case 'voucher':
    case 'free':
    case 'openNow':
      return value ? '1' : null;
    case 'origin': {
      const origin = value as Origin | null;
      if (!origin) return null;
      if ('comune' in origin) return origin.comune;
      // Three decimals (about 100 m) are enough for distances and say less about where someone is.
      return `${origin.point.lat.toFixed(3)},${origin.point.lng.toFixed(3)}`;
    }
    case 'sort':
      return value ? SORT_PARAMS[value as SearchSort] : null;
    case 'page':
      return (value as number) > 1 ? String(value) : null;
    case 'view':
      return value === 'map' ? 'mappa' : null;
    default:
      return value === null || value === '' || value === undefined ? null : String(value);
  }
}

function slugList(value: string | null): string[] {
  if (!value) return [];
  return [...new Set(value.split(',').map((s) => s.trim()))].filter((s) => SLUG.test(s));
}

function euros(value: string | null): number | null {
  return value === null ? null : parseEuros(value);
}

function origin(value: string | null): Origin | null {
  if (!value) return null;
  const point = POINT.exec(value);
  if (point) return { point: { lat: Number(point[1]), lng: Number(point[2]) } };
  return SLUG.test(value) ? { comune: value } : null;
}
