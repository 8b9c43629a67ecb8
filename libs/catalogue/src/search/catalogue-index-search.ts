import { AMBITO_TIME_ZONE } from '@piazza/core';
import {
  and,
  type Bitset,
  emptyBitset,
  forEachBit,
  hasBit,
  members,
  nonZeroWords,
  orInto,
  popcount,
  popcountAndIn,
  setBit,
} from './bitset';
import { SERVICE_FAMILIES } from '../entities/category.entity';
import {
  type CatalogueSnapshot,
  GRID_CELL_DEGREES,
  type IndexedValue,
  WEIGHT_A,
  WEIGHT_B,
  WEIGHT_C,
  type WordHits,
} from './catalogue-snapshot';
import { MAP_POINTS_LIMIT, type ServiceSearchCriteria } from './search-criteria';
import type { MapPoint, Ref, SearchFacets, ServiceCard } from './search.types';
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
  // Formatting a date costs more than a search's facets: once per minute (offsets change on the minute).
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute === lastMinute.minute) return lastMinute.ofWeek;
  const parts = Object.fromEntries(weekClock.formatToParts(now).map((p) => [p.type, p.value]));
  const ofWeek = WEEKDAYS.indexOf(parts.weekday) * 1440 + Number(parts.hour) * 60 + Number(parts.minute);
  lastMinute.minute = minute;
  lastMinute.ofWeek = ofWeek;
  return ofWeek;
}

const lastMinute = { minute: NaN, ofWeek: 0 };

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

/** Scratch array `slot` with at least `n` entries, all 0. */
function scratchF32(slot: number, n: number): Float32Array {
  if (scratch.f32[slot].length < n) scratch.f32[slot] = new Float32Array(n);
  const out = scratch.f32[slot].subarray(0, n);
  out.fill(0);
  return out;
}

/** Scratch array `slot` with at least `n` entries, left as they were: the caller writes what it reads. */
function scratchF64(slot: number, n: number): Float64Array {
  if (scratch.f64[slot].length < n) scratch.f64[slot] = new Float64Array(n);
  return scratch.f64[slot];
}

function weightOf(bits: number): number {
  return bits & WEIGHT_A ? 1 : bits & WEIGHT_B ? 0.4 : bits & WEIGHT_C ? 0.2 : 0.1;
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
 * What one word matches in a snapshot, remembered per snapshot: the services having, for one of its
 * alternatives, every prefix; and per service the word's score, the best weight of a matching lexeme (A
 * 1, B 0.4, C 0.2, D 0.1) times the alternative's factor. Visitors type the same few hundred words, and
 * walking the postings of a common word cost more than everything else a search does.
 */
function wordHits(snapshot: CatalogueSnapshot, word: WordMatch): WordHits {
  const key = JSON.stringify(word.alternatives);
  const cache = snapshot.wordHits;
  let hits = cache.get(key);
  if (hits) {
    cache.delete(key);
    cache.set(key, hits);
    return hits;
  }
  const matched = emptyBitset(snapshot.words);
  const wordScores = scratchF32(0, snapshot.size);
  for (const alternative of word.alternatives) {
    if (!alternative.prefixes.length) continue;
    const termScores = scratchF32(1, snapshot.size);
    let set: Bitset | null = null;
    for (const prefix of alternative.prefixes) {
      const one = prefixMatch(snapshot, prefix, termScores);
      set = set ? and(set, one) : one;
    }
    orInto(matched, set!);
    forEachBit(set!, (i) => {
      const s = termScores[i] * alternative.factor;
      if (s > wordScores[i]) wordScores[i] = s;
    });
  }
  // Postings keep the ordinals of services a patch retired.
  const all = snapshot.all;
  for (let w = 0; w < matched.length; w++) matched[w] &= all[w];
  const ordinals = members(matched, popcount(matched));
  hits = { set: matched, ordinals, scores: Float32Array.from(ordinals, (i) => wordScores[i]) };
  if (cache.size >= WORD_HITS_PER_SNAPSHOT) cache.delete(cache.keys().next().value!);
  cache.set(key, hits);
  return hits;
}

/** Words remembered per snapshot (wordHits); past this many the least recently used leave. */
const WORD_HITS_PER_SNAPSHOT = 512;

/** The hits of the active words (a stop word filters nothing). */
function activeHits(snapshot: CatalogueSnapshot, words: WordMatch[]): WordHits[] {
  return words.filter((w) => w.active).map((w) => wordHits(snapshot, w));
}

/**
 * Each service's relevance, for the services of `set` (which match every word): the sum of the words'
 * scores, added in the words' order.
 */
function relevance(snapshot: CatalogueSnapshot, hits: WordHits[], set: Bitset): Float64Array {
  const scores = scratchF64(0, snapshot.size);
  hits.forEach(({ ordinals, scores: wordScores }, k) => {
    for (let j = 0; j < ordinals.length; j++) {
      const i = ordinals[j];
      if ((set[i >>> 5] & (1 << (i & 31))) === 0) continue;
      scores[i] = k === 0 ? wordScores[j] : scores[i] + wordScores[j];
    }
  });
  return scores;
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

/** A point of the unit sphere. */
interface UnitPoint {
  x: number;
  y: number;
  z: number;
}

/**
 * Haversine's h, sin² of half the central angle between the origin and service `i` (NaN without a
 * location), as a quarter of their squared chord on the unit sphere: no trigonometry per service. It
 * orders as the distance does; cards show PostGIS's metres.
 */
function chordH(x: number, y: number, z: number, o: UnitPoint): number {
  const dx = x - o.x;
  const dy = y - o.y;
  const dz = z - o.z;
  return (dx * dx + dy * dy + dz * dz) / 4;
}

/** chordH of a point given in degrees. */
function cornerH(lat: number, lng: number, o: UnitPoint): number {
  const cosLat = Math.cos(lat * RAD);
  return chordH(cosLat * Math.cos(lng * RAD), cosLat * Math.sin(lng * RAD), Math.sin(lat * RAD), o);
}

/** Below this share of the catalogue, a sorted page sorts its members instead of walking the order. */
const SPARSE_SORT_SHARE = 1 / 16;

/** The set of a search without its facet filters, the facet filters, and the sort. */
class IndexQuery {
  readonly base: Bitset;
  readonly filters = new Map<FacetKey, Bitset>();
  private readonly hits: WordHits[];

  private readonly origin: (UnitPoint & { lat: number; lng: number }) | null;

  constructor(
    readonly snapshot: CatalogueSnapshot,
    readonly criteria: ServiceSearchCriteria,
    origin: SearchOrigin | null,
    words: WordMatch[],
    minute: number,
  ) {
    const c = criteria;
    const s = snapshot;
    this.hits = activeHits(s, words);
    let base: Bitset;
    if (!this.hits.length) base = s.all.slice();
    else if (this.hits.length === 1) base = this.hits[0].set.slice();
    else base = this.hits.reduce<Bitset | null>((set, h) => (set ? and(set, h.set) : h.set), null)!;
    if (c.priceMin !== null || c.priceMax !== null) {
      const min = c.priceMin ?? -Infinity;
      const max = c.priceMax ?? Infinity;
      const prices = s.prices;
      for (let w = 0; w < base.length; w++) {
        for (let word = base[w]; word !== 0;) {
          const low = word & -word;
          word ^= low;
          const i = (w << 5) + (31 - Math.clz32(low));
          if (!(prices[i] >= min && prices[i] <= max)) base[w] &= ~low;
        }
      }
    }
    this.origin = origin
      ? {
          lat: origin.lat,
          lng: origin.lng,
          x: Math.cos(origin.lat * RAD) * Math.cos(origin.lng * RAD),
          y: Math.cos(origin.lat * RAD) * Math.sin(origin.lng * RAD),
          z: Math.sin(origin.lat * RAD),
        }
      : null;
    if (this.origin && c.radiusKm !== null) base = this.withinRadius(base, c.radiusKm);
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

  /**
   * The services of `base` within `radiusKm` of the origin. Either each service of `base` is measured,
   * or only those in the grid cells around the origin, whichever are fewer; a cell whose four corners
   * are well within the radius (so is all of it: on a sphere, the farthest point of a small cell from
   * a point is a corner) is taken without measuring its services.
   */
  private withinRadius(base: Bitset, radiusKm: number): Bitset {
    const s = this.snapshot;
    const o = this.origin!;
    const angle = (radiusKm * 1000) / EARTH_RADIUS_M;
    const maxH = Math.sin(angle / 2) ** 2;
    // Every point within the angle lies within these latitudes, and within these longitudes unless a
    // pole is that close (then every longitude). The margin absorbs rounding (about a centimetre).
    const margin = 1e-7;
    const latSpan = angle / RAD;
    const lngSpan =
      Math.abs(o.lat * RAD) + angle < Math.PI / 2
        ? Math.asin(Math.min(1, Math.sin(angle) / Math.cos(o.lat * RAD))) / RAD
        : 360;
    let lngMin = o.lng - lngSpan - margin;
    let lngMax = o.lng + lngSpan + margin;
    if (lngMin < -180 || lngMax > 180) {
      lngMin = -180;
      lngMax = 180;
    }
    const box = s.gridCells(
      Math.max(-90, o.lat - latSpan - margin),
      Math.min(90, o.lat + latSpan + margin),
      lngMin,
      lngMax,
    );
    const within = emptyBitset(s.words);
    if (popcount(base) <= box.count) {
      const { xs, ys, zs } = s;
      for (let w = 0; w < base.length; w++) {
        for (let word = base[w]; word !== 0;) {
          const low = word & -word;
          word ^= low;
          const i = (w << 5) + (31 - Math.clz32(low));
          // NaN (no location) is never within.
          if (chordH(xs[i], ys[i], zs[i], o) <= maxH) within[w] |= low;
        }
      }
      return within;
    }
    const { ordinals, xs, ys, zs, extra } = s.grid;
    // A corner well within (a millionth of the radius' h to spare) leaves no doubt about any point.
    const interiorH = maxH * (1 - 1e-6);
    const inside = (lat: number, lng: number) => cornerH(lat, lng, o) <= interiorH;
    const edge = 1e-9;
    for (const { lat, lng, from, to } of box.cells) {
      const top = lat + GRID_CELL_DEGREES + edge;
      const right = lng + GRID_CELL_DEGREES + edge;
      const whole =
        inside(lat - edge, lng - edge) &&
        inside(lat - edge, right) &&
        inside(top, lng - edge) &&
        inside(top, right);
      for (let j = from; j < to; j++) {
        const i = ordinals[j];
        if ((base[i >>> 5] & (1 << (i & 31))) === 0) continue;
        if (whole || chordH(xs[j], ys[j], zs[j], o) <= maxH) within[i >>> 5] |= 1 << (i & 31);
      }
    }
    for (let j = 0; j < extra.length; j++) {
      const i = extra[j];
      if ((base[i >>> 5] & (1 << (i & 31))) === 0) continue;
      if (chordH(s.xs[i], s.ys[i], s.zs[i], o) <= maxH) within[i >>> 5] |= 1 << (i & 31);
    }
    return within;
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

  /** Strict order of the sort over the services of `set`, ties by id. */
  private before(set: Bitset): (a: number, b: number) => boolean {
    const s = this.snapshot;
    const idBefore =
      s.ordered === s.size ? (a: number, b: number) => a < b : (a: number, b: number) => s.idBefore(a, b);
    if (this.criteria.sort === 'relevance') {
      if (!this.hits.length) return idBefore;
      const scores = relevance(s, this.hits, set);
      return (a, b) => scores[a] > scores[b] || (scores[a] === scores[b] && idBefore(a, b));
    }
    // Without an origin every distance is null: the order is the id's.
    if (!this.origin) return idBefore;
    const o = this.origin;
    const d = scratchF64(1, s.size);
    const { xs, ys, zs } = s;
    for (let w = 0; w < set.length; w++) {
      for (let word = set[w]; word !== 0;) {
        const low = word & -word;
        word ^= low;
        const i = (w << 5) + (31 - Math.clz32(low));
        d[i] = chordH(xs[i], ys[i], zs[i], o);
      }
    }
    return (a, b) => {
      const da = d[a];
      const db = d[b];
      if (Number.isNaN(da)) return Number.isNaN(db) && idBefore(a, b);
      if (Number.isNaN(db)) return true;
      return da < db || (da === db && idBefore(a, b));
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
    if (order && count >= order.length * SPARSE_SORT_SHARE) {
      const out: number[] = [];
      let skipped = 0;
      for (let j = 0; j < order.length && out.length < limit; j++) {
        const i = order[j];
        if ((set[i >>> 5] & (1 << (i & 31))) === 0 || (keep && !keep(i))) continue;
        if (skipped < offset) skipped++;
        else out.push(i);
      }
      return out;
    }
    let candidates = members(set, count);
    if (keep) candidates = candidates.filter(keep);
    if (offset >= candidates.length) return [];
    if (order) {
      const position = s.positionsIn(order);
      return Array.from(
        candidates.sort((a, b) => position[a] - position[b]).subarray(offset, offset + limit),
      );
    }
    return topK(candidates, offset + limit, this.before(set)).slice(offset);
  }
}

/** The facet groups of a search answer, each counted over the search without its own filter. */
const FACET_KEYS: FacetKey[] = [
  'family',
  'category',
  'theme',
  'target',
  'comune',
  'voucher',
  'free',
  'openNow',
];

/** Counts per facet group: one per value (per family in SERVICE_FAMILIES order), or one number. */
type FacetTally = Record<FacetKey, Int32Array>;

/**
 * What counting a service costs next to AND-and-popcount of one word: a group is counted service by
 * service (its category, family or mask) when that is cheaper than a popcount per word and value.
 */
const SERVICE_COST = 2;

/** Facet counts remembered per snapshot; past this many the least recently used leave. */
const FACETS_PER_SNAPSHOT = 1024;

/**
 * The facets of a search, remembered per snapshot and minute: they depend on the words and filters,
 * not on the order or the page, which visitors change more often than the filters.
 */
function cachedFacets(
  s: CatalogueSnapshot,
  criteria: ServiceSearchCriteria,
  minute: number,
  count: () => SearchFacets,
): SearchFacets {
  const { sort: _sort, page: _page, pageSize: _pageSize, ...filters } = criteria;
  const key = `${minute}:${JSON.stringify(filters)}`;
  const cache = s.facets;
  let facets = cache.get(key);
  if (facets) {
    cache.delete(key);
  } else {
    facets = count();
    if (cache.size >= FACETS_PER_SNAPSHOT) cache.delete(cache.keys().next().value!);
  }
  cache.set(key, facets);
  return facets;
}

/** Disjunctive facet counts: each group over the base with every other group's filter. */
function facetCounts(q: IndexQuery, s: CatalogueSnapshot, minute: number): SearchFacets {
  const open = openAt(s, minute);
  const tally: FacetTally = {
    family: new Int32Array(SERVICE_FAMILIES.length),
    category: new Int32Array(s.categories.length),
    theme: new Int32Array(s.themes.length),
    target: new Int32Array(s.targetGroups.length),
    comune: new Int32Array(s.comuni.length),
    voucher: new Int32Array(1),
    free: new Int32Array(1),
    openNow: new Int32Array(1),
  };
  // Groups without a filter of their own share one set: read it once.
  const bySet = new Map<Bitset, FacetKey[]>();
  for (const key of FACET_KEYS) {
    const set = q.without(key);
    const keys = bySet.get(set);
    if (keys) keys.push(key);
    else bySet.set(set, [key]);
  }
  const valuesOf: Record<FacetKey, number> = {
    family: SERVICE_FAMILIES.length,
    category: s.categories.length,
    theme: s.themes.length,
    target: s.targetGroups.length,
    comune: s.comuni.length,
    voucher: 1,
    free: 1,
    openNow: 1,
  };
  for (const [set, keys] of bySet) {
    const words = nonZeroWords(set);
    const count = popcount(set);
    const byService = keys.filter(
      (key) => valuesOf[key] > 1 && count * SERVICE_COST < words.length * valuesOf[key],
    );
    if (byService.length) countByService(s, members(set, count), byService, tally);
    countByBitset(
      s,
      set,
      words,
      keys.filter((key) => !byService.includes(key)),
      open,
      tally,
    );
  }
  const values = (list: IndexedValue[], counts: Int32Array, wanted: (i: number) => boolean = () => true) =>
    list.flatMap((v, i) => (wanted(i) ? [{ slug: v.slug, name: v.name, count: counts[i] }] : []));
  return {
    families: s.familyRoots.map((f) => ({
      slug: f.slug,
      name: f.name,
      count: tally.family[SERVICE_FAMILIES.indexOf(f.slug)],
    })),
    categories: values(s.categories, tally.category, (i) => !s.categories[i].root),
    themes: values(s.themes, tally.theme),
    targetGroups: values(s.targetGroups, tally.target),
    comuni: values(s.comuni, tally.comune),
    voucherPayable: tally.voucher[0],
    free: tally.free[0],
    openNow: tally.openNow[0],
  };
}

/** Adds each service of `ordinals` to the counts of `keys`' values it has (families, categories, masks). */
function countByService(
  s: CatalogueSnapshot,
  ordinals: Int32Array,
  keys: FacetKey[],
  tally: FacetTally,
): void {
  for (const key of keys) {
    const counts = tally[key];
    if (key === 'family' || key === 'category') {
      const of = key === 'family' ? s.familyOf : s.categoryOf;
      for (let j = 0; j < ordinals.length; j++) counts[of[ordinals[j]]]++;
      continue;
    }
    const { stride, bits } =
      key === 'theme' ? s.themeMasks : key === 'target' ? s.targetMasks : s.comuneMasks;
    for (let j = 0; j < ordinals.length; j++) {
      const at = ordinals[j] * stride;
      for (let k = 0; k < stride; k++) {
        for (let word = bits[at + k]; word !== 0;) {
          const low = word & -word;
          word ^= low;
          counts[(k << 5) + (31 - Math.clz32(low))]++;
        }
      }
    }
  }
}

/** Counts `set` AND each value's bitset, over the words of `set` that are not 0. */
function countByBitset(
  s: CatalogueSnapshot,
  set: Bitset,
  words: Int32Array,
  keys: FacetKey[],
  open: Bitset,
  tally: FacetTally,
): void {
  const count = (values: { members: Bitset }[], counts: Int32Array) =>
    values.forEach((v, i) => (counts[i] = popcountAndIn(set, v.members, words)));
  for (const key of keys) {
    switch (key) {
      case 'family':
        SERVICE_FAMILIES.forEach(
          (f, i) => (tally.family[i] = popcountAndIn(set, s.familyMembers.get(f)!, words)),
        );
        break;
      case 'category':
        count(s.categories, tally.category);
        break;
      case 'theme':
        count(s.themes, tally.theme);
        break;
      case 'target':
        count(s.targetGroups, tally.target);
        break;
      case 'comune':
        count(s.comuni, tally.comune);
        break;
      case 'voucher':
        tally.voucher[0] = popcountAndIn(set, s.voucher, words);
        break;
      case 'free':
        tally.free[0] = popcountAndIn(set, s.free, words);
        break;
      case 'openNow':
        tally.openNow[0] = popcountAndIn(set, open, words);
        break;
    }
  }
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
  const facets = cachedFacets(snapshot, criteria, minute, () => facetCounts(q, snapshot, minute));
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
