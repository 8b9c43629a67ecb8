import { AMBITO_TIME_ZONE } from '@piazza/core';
import {
  bitCount,
  type Bitset,
  type CatalogueSnapshot,
  emptyBitset,
  forEachBit,
  hasBit,
  type IndexedValue,
  popcount,
  popcountAnd,
  setBit,
  WEIGHT_A,
  WEIGHT_B,
  WEIGHT_C,
} from './catalogue-index';
import { MAP_POINTS_LIMIT, type ServiceSearchCriteria } from './search-criteria';
import type { FacetValue, MapPoint, Ref, SearchFacets, ServiceCard } from './search.types';
import type { SearchOrigin } from './service-search.sql';

/** Prefix lexemes that must all be in a service (a tsquery of one word: usually one lexeme). */
export interface LexemeQuery {
  prefixes: string[];
  /** 1 for the typed word itself, the trigram similarity for a close word of the catalogue. */
  factor: number;
}

/** What one typed word stands for, computed once per catalogue version (see WordAnalyser). */
export interface WordMatch {
  /** False for a stop word ("per"): it filters nothing. */
  active: boolean;
  /** The word itself first, then its close words. */
  alternatives: LexemeQuery[];
  /** The closest word of the catalogue when this one is a typo, else null. */
  typo: string | null;
}

/** What the index answers for a search: the page's ordinals, the total and the facets. */
export interface IndexAnswer {
  page: number[];
  total: number;
  facets: SearchFacets;
}

type FacetKey = 'family' | 'category' | 'theme' | 'target' | 'comune' | 'voucher' | 'free' | 'openNow';

/** Mean radius of the WGS 84 spheroid: what PostGIS's ST_Distance(geography, geography, false) uses. */
const EARTH_RADIUS_M = (2 * 6378137 + 6356752.314245179) / 3;
const RAD = Math.PI / 180;

const weekClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: AMBITO_TIME_ZONE,
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** This minute of the week in the Ambito (Monday 00:00 = 0), as `opening_week` counts. */
export function minuteOfWeek(now = new Date()): number {
  const parts = Object.fromEntries(weekClock.formatToParts(now).map((p) => [p.type, p.value]));
  return WEEKDAYS.indexOf(parts.weekday) * 1440 + Number(parts.hour) * 60 + Number(parts.minute);
}

const openNowCache = new WeakMap<CatalogueSnapshot, { minute: number; set: Bitset }>();

/** The services open at `minute` by their opening hours (kept per snapshot for the minute). */
function openAt(snapshot: CatalogueSnapshot, minute: number): Bitset {
  const cached = openNowCache.get(snapshot);
  if (cached && cached.minute === minute) return cached.set;
  const set = emptyBitset(snapshot.words);
  const { openingStarts: starts, openingRanges: ranges } = snapshot;
  for (let i = 0; i < snapshot.size; i++) {
    for (let r = starts[i]; r < starts[i + 1]; r += 2) {
      if (ranges[r] <= minute && minute < ranges[r + 1]) {
        setBit(set, i);
        break;
      }
    }
  }
  openNowCache.set(snapshot, { minute, set });
  return set;
}

/**
 * Scratch arrays reused by every search (searches run synchronously, one at a time): allocating a few
 * 100,000-entry arrays per request cost more in garbage collection than the search itself.
 */
const scratch = {
  f32: [new Float32Array(0), new Float32Array(0)],
  f64: [new Float64Array(0), new Float64Array(0)],
};

/** Scratch array `slot` of `kind` with at least `n` entries, all set to `fill`. */
function scratchF32(slot: number, n: number): Float32Array {
  if (scratch.f32[slot].length < n) scratch.f32[slot] = new Float32Array(n);
  const out = scratch.f32[slot].subarray(0, n);
  out.fill(0);
  return out;
}

function scratchF64(slot: number, n: number, fill: number): Float64Array {
  if (scratch.f64[slot].length < n) scratch.f64[slot] = new Float64Array(n);
  const out = scratch.f64[slot].subarray(0, n);
  out.fill(fill);
  return out;
}

function weightOf(bits: number): number {
  return bits & WEIGHT_A ? 1 : bits & WEIGHT_B ? 0.4 : bits & WEIGHT_C ? 0.2 : 0.1;
}

function and(a: Bitset, b: Bitset): Bitset {
  const out = new Uint32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] & b[i];
  return out;
}

function orInto(target: Bitset, source: Bitset): void {
  for (let i = 0; i < target.length; i++) target[i] |= source[i];
}

/** The services having a lexeme that starts with `prefix`, with the best weight of such a lexeme. */
function prefixMatch(snapshot: CatalogueSnapshot, prefix: string, scores: Float32Array | null): Bitset {
  const set = emptyBitset(snapshot.words);
  const [from, to] = snapshot.lexemeRange(prefix);
  for (let l = from; l < to; l++) {
    const list = snapshot.postings[l];
    for (let p = 0; p < list.length; p++) {
      const ord = list[p] >>> 4;
      set[ord >>> 5] |= 1 << (ord & 31);
      if (scores) {
        const w = weightOf(list[p] & 15);
        if (w > scores[ord]) scores[ord] = w;
      }
    }
  }
  return set;
}

/**
 * The services matching every active word, and when `scores` is given, adds to it each word's score:
 * the best weight of a matching lexeme (A 1, B 0.4, C 0.2, D 0.1) times the alternative's factor.
 */
function textMatch(
  snapshot: CatalogueSnapshot,
  words: WordMatch[],
  scores: Float64Array | null,
): Bitset | null {
  let result: Bitset | null = null;
  for (const word of words) {
    if (!word.active) continue;
    const matched = emptyBitset(snapshot.words);
    const wordScores = scores ? scratchF32(0, snapshot.size) : null;
    for (const alternative of word.alternatives) {
      if (!alternative.prefixes.length) continue;
      const termScores = scores ? scratchF32(1, snapshot.size) : null;
      let set: Bitset | null = null;
      for (const prefix of alternative.prefixes) {
        const one = prefixMatch(snapshot, prefix, termScores);
        set = set ? and(set, one) : one;
      }
      orInto(matched, set!);
      if (wordScores && termScores) {
        forEachBit(set!, (i) => {
          const s = termScores[i] * alternative.factor;
          if (s > wordScores[i]) wordScores[i] = s;
        });
      }
    }
    if (scores && wordScores) forEachBit(matched, (i) => (scores[i] += wordScores[i]));
    result = result ? and(result, matched) : matched;
  }
  return result;
}

/** The first `k` of `candidates` in the order of `before` (a strict total order), by a bounded heap. */
function topK(candidates: Int32Array, k: number, before: (a: number, b: number) => boolean): number[] {
  if (k <= 0) return [];
  const heap: number[] = [];
  // A heap of the best k, the worst at the top.
  const up = (i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[parent], heap[i])) break;
      [heap[parent], heap[i]] = [heap[i], heap[parent]];
      i = parent;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < heap.length && before(heap[worst], heap[l])) worst = l;
      if (r < heap.length && before(heap[worst], heap[r])) worst = r;
      if (worst === i) return;
      [heap[worst], heap[i]] = [heap[i], heap[worst]];
      i = worst;
    }
  };
  for (let c = 0; c < candidates.length; c++) {
    const x = candidates[c];
    if (heap.length < k) {
      heap.push(x);
      up(heap.length - 1);
    } else if (before(x, heap[0])) {
      heap[0] = x;
      down(0);
    }
  }
  return heap.sort((a, b) => (before(a, b) ? -1 : 1));
}

function members(set: Bitset, count: number): Int32Array {
  const out = new Int32Array(count);
  let j = 0;
  forEachBit(set, (i) => (out[j++] = i));
  return out;
}

/** The set of a search without its facet filters, the facet filters, and the sort. */
class IndexQuery {
  readonly base: Bitset;
  readonly filters = new Map<FacetKey, Bitset>();
  readonly scores: Float64Array | null;
  readonly distances: Float64Array | null;

  constructor(
    readonly snapshot: CatalogueSnapshot,
    readonly criteria: ServiceSearchCriteria,
    origin: SearchOrigin | null,
    words: WordMatch[],
    minute: number,
  ) {
    const c = criteria;
    const s = snapshot;
    this.scores = c.sort === 'relevance' ? scratchF64(0, s.size, 0) : null;
    const text = textMatch(s, words, this.scores);
    const base = text ?? s.all.slice();
    if (c.priceMin !== null || c.priceMax !== null) {
      const min = c.priceMin ?? -Infinity;
      const max = c.priceMax ?? Infinity;
      forEachBit(base, (i) => {
        if (!(s.prices[i] >= min && s.prices[i] <= max)) base[i >>> 5] &= ~(1 << (i & 31));
      });
    }
    if (origin) {
      // Haversine's h (sin² of half the central angle) orders as the distance does and needs neither
      // the square root nor the arc: sorting and the radius read it; cards show PostGIS's metres.
      const keys = scratchF64(1, s.size, NaN);
      const maxH = c.radiusKm !== null ? Math.sin((c.radiusKm * 1000) / EARTH_RADIUS_M / 2) ** 2 : Infinity;
      const lat0 = origin.lat * RAD;
      const lng0 = origin.lng * RAD;
      const cos0 = Math.cos(lat0);
      forEachBit(base, (i) => {
        const lat = s.lats[i];
        if (Number.isNaN(lat)) {
          if (maxH !== Infinity) base[i >>> 5] &= ~(1 << (i & 31));
          return;
        }
        const sinLat = Math.sin((lat * RAD - lat0) / 2);
        const sinLng = Math.sin((s.lngs[i] * RAD - lng0) / 2);
        const h = sinLat * sinLat + cos0 * s.cosLats[i] * sinLng * sinLng;
        keys[i] = h;
        if (h > maxH) base[i >>> 5] &= ~(1 << (i & 31));
      });
      this.distances = keys;
    } else {
      this.distances = null;
    }
    this.base = base;

    const union = <V extends IndexedValue>(values: V[], wanted: (v: V) => boolean) => {
      const set = emptyBitset(s.words);
      for (const v of values) if (wanted(v)) orInto(set, v.members);
      return set;
    };
    if (c.family) this.filters.set('family', s.familyMembers.get(c.family) ?? emptyBitset(s.words));
    if (c.categories.length) {
      // A family's own slug selects its whole subtree.
      this.filters.set(
        'category',
        union(
          s.categories,
          (k) =>
            c.categories.includes(k.slug) || (k.parentSlug !== null && c.categories.includes(k.parentSlug)),
        ),
      );
    }
    if (c.themes.length)
      this.filters.set(
        'theme',
        union(s.themes, (v) => c.themes.includes(v.slug)),
      );
    if (c.targets.length)
      this.filters.set(
        'target',
        union(s.targetGroups, (v) => c.targets.includes(v.slug)),
      );
    if (c.comuni.length)
      this.filters.set(
        'comune',
        union(s.comuni, (v) => c.comuni.includes(v.slug)),
      );
    if (c.voucher) this.filters.set('voucher', s.voucher);
    if (c.free) this.filters.set('free', s.free);
    if (c.openNow) this.filters.set('openNow', openAt(s, minute));
  }

  private readonly except = new Map<string, Bitset>();

  /** The base set with every facet filter but `key`'s (all of them for null). */
  without(key: FacetKey | null): Bitset {
    const keys = [...this.filters.keys()].filter((k) => k !== key);
    const memo = keys.join(',');
    let set = this.except.get(memo);
    if (!set) {
      set = this.base;
      for (const k of keys) set = and(set, this.filters.get(k)!);
      this.except.set(memo, set);
    }
    return set;
  }

  /** Strict order of the sort, ties by ordinal (= by id). */
  before(): (a: number, b: number) => boolean {
    const scores = this.scores;
    const distances = this.distances;
    if (this.criteria.sort === 'relevance' && scores) {
      return (a, b) => scores[a] > scores[b] || (scores[a] === scores[b] && a < b);
    }
    // Without an origin every distance is null: the order is the id's.
    if (!distances) return (a, b) => a < b;
    const d = distances;
    return (a, b) => {
      const da = d[a];
      const db = d[b];
      if (Number.isNaN(da)) return Number.isNaN(db) && a < b;
      if (Number.isNaN(db)) return true;
      return da < db || (da === db && a < b);
    };
  }

  /** Ordinals `offset`..`offset + limit` of `set` in the sort's order; `keep` filters candidates. */
  slice(set: Bitset, count: number, offset: number, limit: number, keep?: (i: number) => boolean): number[] {
    const s = this.snapshot;
    const order =
      this.criteria.sort === 'title'
        ? s.byTitle
        : this.criteria.sort === 'newest'
          ? s.byNewest
          : this.criteria.sort === 'price'
            ? s.byPrice
            : this.criteria.sort === 'price_desc'
              ? s.byPriceDesc
              : null;
    if (order) {
      const out: number[] = [];
      let skipped = 0;
      for (let j = 0; j < order.length && out.length < limit; j++) {
        const i = order[j];
        if (!hasBit(set, i) || (keep && !keep(i))) continue;
        if (skipped < offset) skipped++;
        else out.push(i);
      }
      return out;
    }
    let candidates = members(set, count);
    if (keep) candidates = candidates.filter(keep);
    if (offset >= candidates.length) return [];
    return topK(candidates, offset + limit, this.before()).slice(offset);
  }
}

/** The indexes of the words of `set` that are not 0: a text search's set is mostly empty words. */
function nonZeroWords(set: Bitset): Int32Array {
  const out = new Int32Array(set.length);
  let n = 0;
  for (let w = 0; w < set.length; w++) if (set[w] !== 0) out[n++] = w;
  return out.subarray(0, n);
}

function countIn(set: Bitset, words: Int32Array, members: Bitset): number {
  if (words.length === set.length) return popcountAnd(set, members);
  let n = 0;
  for (let j = 0; j < words.length; j++) n += bitCount(set[words[j]] & members[words[j]]);
  return n;
}

function facetValues(values: IndexedValue[], set: Bitset): FacetValue[] {
  const words = nonZeroWords(set);
  return values.map((v) => ({ slug: v.slug, name: v.name, count: countIn(set, words, v.members) }));
}

/**
 * Great-circle distance in metres as PostGIS computes it for ST_Distance(geography, geography, false)
 * (sphere_distance: atan2 of the chord components, on the sphere of the WGS 84 mean radius).
 */
export function postgisSphereDistance(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const latS = lat1 * RAD;
  const latE = lat2 * RAD;
  const dLng = (lng2 - lng1) * RAD;
  const cosLatE = Math.cos(latE);
  const sinLatE = Math.sin(latE);
  const cosLatS = Math.cos(latS);
  const sinLatS = Math.sin(latS);
  const cosDLng = Math.cos(dLng);
  const a1 = (cosLatE * Math.sin(dLng)) ** 2;
  const a2 = (cosLatS * sinLatE - sinLatS * cosLatE * cosDLng) ** 2;
  return Math.atan2(Math.sqrt(a1 + a2), sinLatS * sinLatE + cosLatS * cosLatE * cosDLng) * EARTH_RADIUS_M;
}

function refsOf(values: IndexedValue[], i: number): Ref[] {
  const out: Ref[] = [];
  for (const v of values) if (hasBit(v.members, i)) out.push({ slug: v.slug, name: v.name as Ref['name'] });
  return out;
}

/** The cards of services by ordinal, as the SQL search renders them (serviceCardSql). */
export function cardsOf(
  snapshot: CatalogueSnapshot,
  ordinals: number[],
  origin: SearchOrigin | null,
  minute = minuteOfWeek(),
): ServiceCard[] {
  const s = snapshot;
  const open = openAt(s, minute);
  return ordinals.map((i) => {
    const fields = s.cardFields[i];
    const category = s.categories[s.categoryOf[i]];
    const located = !Number.isNaN(s.lats[i]);
    return {
      id: s.ids[i],
      slug: s.slugs[i],
      title: s.titles[i],
      summary: fields.summary,
      family: s.families[i],
      category: { slug: category.slug, name: category.name as Ref['name'] },
      themes: refsOf(s.themes, i),
      targetGroups: refsOf(s.targetGroups, i),
      organisation: { ...fields.organisation },
      comuni: s.comuni
        .filter((c) => hasBit(c.members, i))
        .map((c) => ({ slug: c.slug, name: c.name as string })),
      priceModel: fields.priceModel,
      priceCents: fields.priceCents,
      voucherPayable: hasBit(s.voucher, i),
      openNow: s.openingStarts[i + 1] > s.openingStarts[i] ? hasBit(open, i) : null,
      location: located ? { lat: s.lats[i], lng: s.lngs[i] } : null,
      distanceMeters:
        origin && located
          ? Math.round(postgisSphereDistance(origin.lat, origin.lng, s.lats[i], s.lngs[i]))
          : null,
    };
  });
}

/** One page of a search, its total and the disjunctive facet counts, from the index alone. */
export function searchIndex(
  snapshot: CatalogueSnapshot,
  criteria: ServiceSearchCriteria,
  origin: SearchOrigin | null,
  words: WordMatch[],
  minute = minuteOfWeek(),
): IndexAnswer {
  const q = new IndexQuery(snapshot, criteria, origin, words, minute);
  const all = q.without(null);
  const total = popcount(all);
  const offset = (criteria.page - 1) * criteria.pageSize;
  const page = q.slice(all, total, offset, criteria.pageSize);
  const s = snapshot;
  const familySet = q.without('family');
  const facets: SearchFacets = {
    families: s.familyRoots.map((f) => ({
      slug: f.slug,
      name: f.name,
      count: popcountAnd(familySet, s.familyMembers.get(f.slug)!),
    })),
    categories: facetValues(
      s.categories.filter((k) => !k.root),
      q.without('category'),
    ),
    themes: facetValues(s.themes, q.without('theme')),
    targetGroups: facetValues(s.targetGroups, q.without('target')),
    comuni: facetValues(s.comuni, q.without('comune')),
    voucherPayable: popcountAnd(q.without('voucher'), s.voucher),
    free: popcountAnd(q.without('free'), s.free),
    openNow: popcountAnd(q.without('openNow'), openAt(s, minute)),
  };
  return { page, total, facets };
}

/** Map points of a search (every filter applies): the first MAP_POINTS_LIMIT located, and the total. */
export function mapIndex(
  snapshot: CatalogueSnapshot,
  criteria: ServiceSearchCriteria,
  origin: SearchOrigin | null,
  words: WordMatch[],
  minute = minuteOfWeek(),
): { points: MapPoint[]; total: number } {
  const q = new IndexQuery(snapshot, criteria, origin, words, minute);
  const all = q.without(null);
  const total = popcount(all);
  const s = snapshot;
  const located = (i: number) => !Number.isNaN(s.lats[i]);
  const points = q.slice(all, total, 0, MAP_POINTS_LIMIT, located).map((i) => ({
    slug: s.slugs[i],
    title: s.titles[i],
    family: s.families[i],
    location: { lat: s.lats[i], lng: s.lngs[i] },
    organisation: s.organisationNames[i],
  }));
  return { points, total };
}
