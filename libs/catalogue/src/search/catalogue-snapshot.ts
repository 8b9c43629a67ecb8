import { SERVICE_FAMILIES, type ServiceFamily } from '../entities/category.entity';
import type { PriceModel } from '../entities/service-offer.entity';
import { type Bitset, clearBit, emptyBitset, hasBit, popcount, setBit } from './bitset';
import type { OrganisationKind, SearchFacets } from './search.types';

/** A value of a facet (category, theme, target group, Comune) with the services that have it. */
export interface IndexedValue {
  id: string;
  slug: string;
  name: { it: string; en: string } | string;
  members: Bitset;
}

export interface IndexedCategory extends IndexedValue {
  family: ServiceFamily;
  parentSlug: string | null;
  /** A family's root category: counted in its family, listed with no category. */
  root: boolean;
}

/** What a card shows beyond the per-service arrays. */
export interface CardFields {
  summary: string;
  priceModel: PriceModel;
  priceCents: number | null;
  organisation: { slug: string; name: string; kind: OrganisationKind };
}

/** Weight bits of a lexeme in a service (setweight of the search_vector trigger). */
export const WEIGHT_A = 8;
export const WEIGHT_B = 4;
export const WEIGHT_C = 2;

/** A service as the index reads it (catalogue-index.ts): one row per visible service. */
export interface ServiceRow {
  id: string;
  slug: string;
  title: string;
  summary: string;
  price_model: PriceModel;
  price_cents: string | null;
  organisation: string;
  organisation_slug: string;
  organisation_kind: OrganisationKind;
  family: ServiceFamily;
  category_id: string;
  theme_ids: string[];
  target_group_ids: string[];
  comune_ids: string[];
  voucher_payable: boolean;
  free: boolean;
  price: string;
  lat: number | null;
  lng: number | null;
  opening_week: string | null;
  /**
   * Its place among the visible services in the title order (`ORDER BY title, id`) and in the newest
   * order (`ORDER BY published_at DESC NULLS LAST, id`): how many visible services come before it.
   * PostgreSQL counts them, so that titles compare by the database's collation.
   */
  title_rank: string;
  newest_rank: string;
}

export interface TaxonomyRow {
  kind: 'category' | 'theme' | 'target' | 'comune';
  id: string;
  slug: string;
  name_it: string;
  name_en: string | null;
  family: ServiceFamily | null;
  parent_slug: string | null;
  root: boolean;
  lat: number | null;
  lng: number | null;
}

/** A lexeme of a changed service with its weight bits (A 8, B 4, C 2, D 1). */
export interface ServiceLexeme {
  lexeme: string;
  bits: number;
}

/** Grid cells of this many degrees: a search within a radius reads only the cells around its origin. */
export const GRID_CELL_DEGREES = 0.01;
const GRID_COLUMNS = Math.ceil(360 / GRID_CELL_DEGREES) + 1;

/**
 * The located services by grid cell: `keys` ascending (row * GRID_COLUMNS + column) with `ordinals`
 * and their points on the unit sphere (`xs`, `ys`, `zs`) beside them, as of the full build, so a search
 * reads a cell's services in a row; `extra` holds the located services added by later patches.
 */
export interface SpatialGrid {
  keys: Int32Array;
  ordinals: Int32Array;
  xs: Float64Array;
  ys: Float64Array;
  zs: Float64Array;
  extra: Int32Array;
}

/** A grid cell's corner (its smallest latitude and longitude) and its entries [from, to) in the grid. */
export interface GridCell {
  lat: number;
  lng: number;
  from: number;
  to: number;
}

function gridRow(lat: number): number {
  return Math.floor((lat + 90) / GRID_CELL_DEGREES);
}

function gridColumn(lng: number): number {
  return Math.floor((lng + 180) / GRID_CELL_DEGREES);
}

function lowerBound(keys: Int32Array, key: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Per service, `stride` words of bits over a facet's values. */
export interface FacetMasks {
  stride: number;
  bits: Uint32Array;
}

function newMasks(values: number, capacity: number): FacetMasks {
  const stride = Math.max(1, Math.ceil(values / 32));
  return { stride, bits: new Uint32Array(stride * capacity) };
}

/** What a snapshot is made of (its data fields). */
export type SnapshotParts = Omit<
  {
    [
      K in keyof CatalogueSnapshot as CatalogueSnapshot[K] extends (...args: never[]) => unknown ? never : K
    ]: CatalogueSnapshot[K];
  },
  'words' | 'live' | 'wordHits' | 'facets' | 'capacity'
>;

/** What a search remembers per typed word and snapshot (see catalogue-index-search.ts). */
export interface WordHits {
  set: Bitset;
  /** The matching services, ascending, and each one's score for this word. */
  ordinals: Int32Array;
  scores: Float32Array;
}

/**
 * The visible services of the catalogue (published, by an accredited organisation) in memory, as of one
 * catalogue version: what search needs to filter, count facets, rank and sort without SQL.
 *
 * Services are numbered by ordinal. A full build numbers them in id order; a patch (one or a few
 * services changed) retires the changed services' ordinals (clears their bits: a "tombstone") and
 * appends them again at the end. So ordinals below `ordered` are in id order and ties by id compare
 * ordinals there, ids beyond. The per-service arrays are shared by a snapshot and the patches built on
 * it: a patch only writes past the older snapshot's `size`, which that one never reads.
 */
export class CatalogueSnapshot {
  readonly version!: string;
  /** Ordinals in use, live or retired. */
  readonly size!: number;
  /** Ordinals below this are in id order. */
  readonly ordered!: number;
  readonly ids!: string[];
  readonly slugs!: string[];
  readonly titles!: string[];
  readonly organisationNames!: string[];
  readonly families!: ServiceFamily[];
  readonly cardFields!: CardFields[];
  /** Index in `categories` of each service's category. */
  readonly categoryOf!: Uint16Array;
  /** Index in SERVICE_FAMILIES of each service's family. */
  readonly familyOf!: Uint8Array;
  /**
   * Each service's themes, target groups and Comuni as bit masks over `themes`, `targetGroups` and
   * `comuni`: `stride` words per service (one per 32 values), for counting the facets of a small set.
   */
  readonly themeMasks!: FacetMasks;
  readonly targetMasks!: FacetMasks;
  readonly comuneMasks!: FacetMasks;
  /** Comuni by slug with their centre, for `nearComune`. */
  readonly comuneCentres!: Map<string, { lat: number; lng: number; label: string }>;
  /** coalesce(price_cents, 0). */
  readonly prices!: Float64Array;
  /** NaN without a location. */
  readonly lats!: Float64Array;
  readonly lngs!: Float64Array;
  /** The location as a point of the unit sphere, for distances without trigonometry. */
  readonly xs!: Float64Array;
  readonly ys!: Float64Array;
  readonly zs!: Float64Array;
  /** Opening intervals in minutes of the week: service i has openingStarts[i]..openingStarts[i+1]. */
  readonly openingStarts!: Int32Array;
  readonly openingRanges!: Int32Array;
  /** Ordinals in the order of each sort (ties by id); retired ordinals stay, out of every set. */
  readonly byTitle!: Int32Array;
  readonly byNewest!: Int32Array;
  readonly byPrice!: Int32Array;
  readonly byPriceDesc!: Int32Array;
  readonly categories!: IndexedCategory[];
  readonly themes!: IndexedValue[];
  readonly targetGroups!: IndexedValue[];
  readonly comuni!: IndexedValue[];
  /** Root categories in SERVICE_FAMILIES order: the families facet. */
  readonly familyRoots!: { slug: ServiceFamily; name: { it: string; en: string } }[];
  readonly familyMembers!: Map<ServiceFamily, Bitset>;
  readonly voucher!: Bitset;
  readonly free!: Bitset;
  /** The visible services. */
  readonly all!: Bitset;
  /** Lexemes sorted by code unit, with per lexeme its postings: (ordinal << 4) | weight bits, ascending. */
  readonly lexemes!: string[];
  readonly postings!: Int32Array[];
  readonly grid!: SpatialGrid;

  /** Words of every bitset: room for `capacity` ordinals. */
  readonly words: number;
  /** Visible services (ordinals in `all`). */
  readonly live: number;
  /** Per-snapshot memory of each word's matches (catalogue-index-search.ts), least recently used first. */
  readonly wordHits = new Map<string, WordHits>();
  /** Per-snapshot memory of facet counts by words and filters (catalogue-index-search.ts). */
  readonly facets = new Map<string, SearchFacets>();
  private positions: Map<Int32Array, Int32Array> | null = null;

  constructor(parts: SnapshotParts) {
    Object.assign(this, parts);
    this.words = parts.all.length;
    this.live = popcount(parts.all);
  }

  /** Ordinals the per-service arrays have room for. */
  get capacity(): number {
    return this.words * 32;
  }

  /** Whether service `a` comes before service `b` by id. */
  idBefore(a: number, b: number): boolean {
    return a < this.ordered && b < this.ordered ? a < b : this.ids[a] < this.ids[b];
  }

  /** The ordinal of a visible service, or -1. */
  ordinalOf(id: string): number {
    let lo = 0;
    let hi = this.ordered;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ids[mid] < id) lo = mid + 1;
      else hi = mid;
    }
    if (lo < this.ordered && this.ids[lo] === id && hasBit(this.all, lo)) return lo;
    for (let i = this.size - 1; i >= this.ordered; i--) {
      if (this.ids[i] === id && hasBit(this.all, i)) return i;
    }
    return -1;
  }

  /** Index range [from, to) of the lexemes starting with `prefix`. */
  lexemeRange(prefix: string): [number, number] {
    let lo = 0;
    let hi = this.lexemes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.lexemes[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    const from = lo;
    let to = from;
    while (to < this.lexemes.length && this.lexemes[to].startsWith(prefix)) to++;
    return [from, to];
  }

  /** position[ordinal] = index of the ordinal in `order` (one of the by* arrays), computed once. */
  positionsIn(order: Int32Array): Int32Array {
    this.positions ??= new Map();
    let positions = this.positions.get(order);
    if (!positions) {
      positions = new Int32Array(this.size);
      for (let j = 0; j < order.length; j++) positions[order[j]] = j;
      this.positions.set(order, positions);
    }
    return positions;
  }

  /**
   * The grid cells with services covering latitudes [latMin, latMax] and longitudes [lngMin, lngMax]
   * (degrees, lngMin <= lngMax, no wrap), and how many services they and `grid.extra` (the patched
   * ones, always candidates) hold.
   */
  gridCells(
    latMin: number,
    latMax: number,
    lngMin: number,
    lngMax: number,
  ): { cells: GridCell[]; count: number } {
    const { keys, extra } = this.grid;
    const c0 = gridColumn(lngMin);
    const c1 = gridColumn(lngMax);
    const cells: GridCell[] = [];
    let count = extra.length;
    for (let row = gridRow(latMin), last = gridRow(latMax); row <= last; row++) {
      const end = lowerBound(keys, row * GRID_COLUMNS + c1 + 1);
      for (let j = lowerBound(keys, row * GRID_COLUMNS + c0); j < end;) {
        const key = keys[j];
        const from = j;
        while (j < end && keys[j] === key) j++;
        const column = key - row * GRID_COLUMNS;
        cells.push({
          lat: row * GRID_CELL_DEGREES - 90,
          lng: column * GRID_CELL_DEGREES - 180,
          from,
          to: j,
        });
        count += j - from;
      }
    }
    return { cells, count };
  }

  /** Approximate bytes held by the typed arrays, the strings and the postings. */
  memoryBytes(): number {
    let bytes = 0;
    const typed = [
      this.prices,
      this.lats,
      this.lngs,
      this.xs,
      this.ys,
      this.zs,
      this.categoryOf,
      this.familyOf,
      this.themeMasks.bits,
      this.targetMasks.bits,
      this.comuneMasks.bits,
      this.openingStarts,
      this.openingRanges,
      this.byTitle,
      this.byNewest,
      this.byPrice,
      this.byPriceDesc,
      this.voucher,
      this.free,
      this.all,
      this.grid.keys,
      this.grid.ordinals,
      this.grid.xs,
      this.grid.ys,
      this.grid.zs,
      ...this.postings,
      ...[...this.categories, ...this.themes, ...this.targetGroups, ...this.comuni].map((v) => v.members),
      ...this.familyMembers.values(),
    ];
    for (const array of typed) bytes += array.byteLength;
    for (const list of [this.ids, this.slugs, this.titles, this.organisationNames, this.lexemes]) {
      for (const s of list) bytes += 2 * s.length + 16;
    }
    return bytes;
  }
}

/** `int4multirange` text ("{[0,600),[1440,2000)}") as pairs of minutes. */
function parseRanges(text: string | null, into: number[]): void {
  if (!text) return;
  const re = /([[(])(-?\d*),(-?\d*)([\])])/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const lo = Number(m[2]) + (m[1] === '(' ? 1 : 0);
    const hi = Number(m[3]) + (m[4] === ']' ? 1 : 0);
    into.push(lo, hi);
  }
}

/** Room for services published after a full build: patches append until it is full. */
function capacityFor(n: number): number {
  return Math.ceil((n + Math.max(4096, n >>> 3)) / 32) * 32;
}

/** Lets other callbacks (requests answering from the previous snapshot) run. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Rows (or postings) a full build handles between two yields: a few milliseconds of work. */
const BUILD_CHUNK = 4096;

/**
 * The snapshot of a full read: `rows` in id order with their title and newest ranks, the postings of
 * each lexeme as big-endian int4 (ordinal << 4 | weight bits) in any order, and the taxonomy. It yields
 * to the event loop every BUILD_CHUNK rows: at 100,000 services the build takes most of a second of
 * CPU, which requests answering from the previous snapshot should not wait for.
 */
export async function buildSnapshot(
  version: string,
  rows: ServiceRow[],
  lexemeRows: { lexeme: string; postings: Buffer }[],
  taxonomy: TaxonomyRow[],
): Promise<CatalogueSnapshot> {
  const n = rows.length;
  const capacity = capacityFor(n);
  const words = capacity / 32;
  const valuesOf = (kind: TaxonomyRow['kind']) =>
    taxonomy
      .filter((t) => t.kind === kind)
      .map((t) => ({
        id: t.id,
        slug: t.slug,
        name: kind === 'comune' ? t.name_it : { it: t.name_it, en: t.name_en ?? '' },
        members: emptyBitset(words),
        family: t.family as ServiceFamily,
        parentSlug: t.parent_slug,
        root: t.root,
      }));
  const categories: IndexedCategory[] = valuesOf('category');
  const themes: IndexedValue[] = valuesOf('theme');
  const targetGroups: IndexedValue[] = valuesOf('target');
  const comuni: IndexedValue[] = valuesOf('comune');
  const familyMembers = new Map<ServiceFamily, Bitset>(SERVICE_FAMILIES.map((f) => [f, emptyBitset(words)]));
  const columns = newColumns(capacity, themes.length, targetGroups.length, comuni.length);
  const sets: ServiceSets = {
    all: emptyBitset(words),
    voucher: emptyBitset(words),
    free: emptyBitset(words),
    familyMembers,
    categories,
    themes,
    targetGroups,
    comuni,
    writable: (set) => set,
  };
  const lookups = valueLookups(categories, themes, targetGroups, comuni);
  const byTitle = new Int32Array(n);
  const byNewest = new Int32Array(n);
  const ranges: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i % BUILD_CHUNK === BUILD_CHUNK - 1) await yieldToEventLoop();
    const r = rows[i];
    writeService(columns, sets, lookups, i, r, ranges);
    byTitle[Number(r.title_rank)] = i;
    byNewest[Number(r.newest_rank)] = i;
  }
  columns.openingStarts[n] = ranges.length;
  const byPrice = priceOrder(columns.prices, n, 1);
  await yieldToEventLoop();
  const byPriceDesc = priceOrder(columns.prices, n, -1);
  await yieldToEventLoop();

  const lexemes = lexemeRows.map((r) => r.lexeme).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const postingsByLexeme = new Map<string, Buffer>(lexemeRows.map((r) => [r.lexeme, r.postings]));
  const postings: Int32Array[] = [];
  let decoded = 0;
  for (const lexeme of lexemes) {
    const buffer = postingsByLexeme.get(lexeme)!;
    const list = new Int32Array(buffer.length >>> 2);
    for (let i = 0; i < list.length; i++) list[i] = buffer.readInt32BE(i << 2);
    postings.push(list.sort());
    decoded += list.length;
    if (decoded > BUILD_CHUNK * 32) {
      decoded = 0;
      await yieldToEventLoop();
    }
  }

  const familyRoots = SERVICE_FAMILIES.flatMap((family) => {
    const root = categories.find((k) => k.root && k.family === family);
    return root ? [{ slug: family, name: root.name as { it: string; en: string } }] : [];
  });

  return new CatalogueSnapshot({
    version,
    size: n,
    ordered: n,
    ...columns,
    comuneCentres: new Map(
      taxonomy
        .filter((t) => t.kind === 'comune')
        .map((t) => [t.slug, { lat: t.lat as number, lng: t.lng as number, label: t.name_it }]),
    ),
    openingRanges: Int32Array.from(ranges),
    byTitle,
    byNewest,
    byPrice,
    byPriceDesc,
    categories,
    themes,
    targetGroups,
    comuni,
    familyRoots,
    familyMembers,
    voucher: sets.voucher,
    free: sets.free,
    all: sets.all,
    lexemes,
    postings,
    grid: buildGrid(columns, n),
  });
}

/** Ordinals 0..n-1 by price (`direction` 1 ascending, -1 descending), ties by ordinal (the id). */
function priceOrder(prices: Float64Array, n: number, direction: 1 | -1): Int32Array {
  // Whole cents below 2^31 and up to 2^21 ordinals make one exact number (below 2^53) of price and
  // ordinal, sorted natively without a comparator.
  const ordinalBits = 2 ** Math.max(1, Math.ceil(Math.log2(n + 1)));
  let plain = true;
  for (let i = 0; i < n && plain; i++) plain = Number.isInteger(prices[i]) && Math.abs(prices[i]) < 2 ** 31;
  if (!plain || ordinalBits > 2 ** 21) {
    return Int32Array.from({ length: n }, (_, i) => i).sort(
      (a, b) => direction * (prices[a] - prices[b]) || a - b,
    );
  }
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = (direction * prices[i] + 2 ** 31) * ordinalBits + i;
  keys.sort();
  return Int32Array.from(keys, (key) => key % ordinalBits);
}

function buildGrid(columns: Columns, n: number): SpatialGrid {
  const { lats, lngs, xs, ys, zs } = columns;
  const located: number[] = [];
  const cellOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(lats[i])) continue;
    located.push(i);
    cellOf[i] = gridRow(lats[i]) * GRID_COLUMNS + gridColumn(lngs[i]);
  }
  // Cell and ordinal as one number (cells below 2^30, ordinals below 2^22), sorted natively.
  const keys = Float64Array.from(located, (i) => cellOf[i] * 2 ** 22 + i).sort();
  const ordinals = Int32Array.from(keys, (key) => key % 2 ** 22);
  return {
    keys: ordinals.map((i) => cellOf[i]),
    ordinals,
    xs: Float64Array.from(ordinals, (i) => xs[i]),
    ys: Float64Array.from(ordinals, (i) => ys[i]),
    zs: Float64Array.from(ordinals, (i) => zs[i]),
    extra: new Int32Array(0),
  };
}

/** The per-service arrays, with room for `capacity` services; a patch appends to them in place. */
type Columns = Pick<
  SnapshotParts,
  | 'ids'
  | 'slugs'
  | 'titles'
  | 'organisationNames'
  | 'families'
  | 'cardFields'
  | 'categoryOf'
  | 'familyOf'
  | 'themeMasks'
  | 'targetMasks'
  | 'comuneMasks'
  | 'prices'
  | 'lats'
  | 'lngs'
  | 'xs'
  | 'ys'
  | 'zs'
  | 'openingStarts'
>;

function newColumns(capacity: number, themes: number, targets: number, comuni: number): Columns {
  return {
    ids: [],
    slugs: [],
    titles: [],
    organisationNames: [],
    families: [],
    cardFields: [],
    categoryOf: new Uint16Array(capacity),
    familyOf: new Uint8Array(capacity),
    themeMasks: newMasks(themes, capacity),
    targetMasks: newMasks(targets, capacity),
    comuneMasks: newMasks(comuni, capacity),
    prices: new Float64Array(capacity),
    lats: new Float64Array(capacity),
    lngs: new Float64Array(capacity),
    xs: new Float64Array(capacity),
    ys: new Float64Array(capacity),
    zs: new Float64Array(capacity),
    openingStarts: new Int32Array(capacity + 1),
  };
}

function columnsOf(snapshot: CatalogueSnapshot): Columns {
  const { ids, slugs, titles, organisationNames, families, cardFields, categoryOf, familyOf } = snapshot;
  const { themeMasks, targetMasks, comuneMasks, prices, lats, lngs, xs, ys, zs, openingStarts } = snapshot;
  return {
    ...{ ids, slugs, titles, organisationNames, families, cardFields, categoryOf, familyOf },
    ...{ themeMasks, targetMasks, comuneMasks, prices, lats, lngs, xs, ys, zs, openingStarts },
  };
}

/** The bitsets a service's row sets; `writable` gives the copy a patch may change. */
interface ServiceSets {
  all: Bitset;
  voucher: Bitset;
  free: Bitset;
  familyMembers: Map<ServiceFamily, Bitset>;
  categories: IndexedCategory[];
  themes: IndexedValue[];
  targetGroups: IndexedValue[];
  comuni: IndexedValue[];
  writable: (set: Bitset) => Bitset;
}

interface ValueLookups {
  categoryIndex: Map<string, number>;
  theme: Map<string, number>;
  target: Map<string, number>;
  comune: Map<string, number>;
}

function valueLookups(
  categories: IndexedCategory[],
  themes: IndexedValue[],
  targetGroups: IndexedValue[],
  comuni: IndexedValue[],
): ValueLookups {
  const indexOf = (values: IndexedValue[]) => new Map(values.map((v, i) => [v.id, i]));
  return {
    categoryIndex: indexOf(categories),
    theme: indexOf(themes),
    target: indexOf(targetGroups),
    comune: indexOf(comuni),
  };
}

const RAD = Math.PI / 180;

/** Writes service `i` (a new ordinal) into the arrays and sets its bits. */
function writeService(
  columns: Columns,
  sets: ServiceSets,
  lookups: ValueLookups,
  i: number,
  r: ServiceRow,
  ranges: number[],
): void {
  columns.ids[i] = r.id;
  columns.slugs[i] = r.slug;
  columns.titles[i] = r.title;
  columns.organisationNames[i] = r.organisation;
  columns.families[i] = r.family;
  columns.cardFields[i] = {
    summary: r.summary,
    priceModel: r.price_model,
    priceCents: r.price_cents === null ? null : Number(r.price_cents),
    organisation: { slug: r.organisation_slug, name: r.organisation, kind: r.organisation_kind },
  };
  const category = lookups.categoryIndex.get(r.category_id);
  columns.categoryOf[i] = category ?? 0;
  columns.familyOf[i] = SERVICE_FAMILIES.indexOf(r.family);
  columns.prices[i] = Number(r.price);
  const lat = r.lat ?? NaN;
  const lng = r.lng ?? NaN;
  columns.lats[i] = lat;
  columns.lngs[i] = lng;
  columns.xs[i] = Math.cos(lat * RAD) * Math.cos(lng * RAD);
  columns.ys[i] = Math.cos(lat * RAD) * Math.sin(lng * RAD);
  columns.zs[i] = Math.sin(lat * RAD);
  columns.openingStarts[i] = ranges.length;
  parseRanges(r.opening_week, ranges);
  const w = sets.writable;
  setBit(w(sets.all), i);
  if (r.voucher_payable) setBit(w(sets.voucher), i);
  if (r.free) setBit(w(sets.free), i);
  if (category !== undefined) setBit(w(sets.categories[category].members), i);
  const family = sets.familyMembers.get(r.family);
  if (family) setBit(w(family), i);
  for (const [ids, index, values, masks] of [
    [r.theme_ids, lookups.theme, sets.themes, columns.themeMasks],
    [r.target_group_ids, lookups.target, sets.targetGroups, columns.targetMasks],
    [r.comune_ids, lookups.comune, sets.comuni, columns.comuneMasks],
  ] as const) {
    const at = i * masks.stride;
    masks.bits.fill(0, at, at + masks.stride);
    for (const id of ids) {
      const v = index.get(id);
      if (v === undefined) continue;
      setBit(w(values[v].members), i);
      masks.bits[at + (v >>> 5)] |= 1 << (v & 31);
    }
  }
}

/** What changed between two versions: the changed services' ids and the visible ones among them. */
export interface CatalogueChange {
  ids: string[];
  /** The visible ones, with their ranks among all visible services after the change. */
  rows: ServiceRow[];
  lexemes: Map<string, ServiceLexeme[]>;
}

/**
 * A snapshot of `version` from `base` and the services that changed since: each changed service's
 * ordinal is retired and the visible ones are appended. Null when the change needs a full build (it
 * names a category, theme, target group or Comune the base does not know, or the room is used up).
 */
export function patchSnapshot(
  base: CatalogueSnapshot,
  version: string,
  change: CatalogueChange,
): CatalogueSnapshot | null {
  const lookups = valueLookups(base.categories, base.themes, base.targetGroups, base.comuni);
  const known = (ids: string[], values: Map<string, unknown>) => ids.every((id) => values.has(id));
  for (const r of change.rows) {
    if (
      !lookups.categoryIndex.has(r.category_id) ||
      !known(r.theme_ids, lookups.theme) ||
      !known(r.target_group_ids, lookups.target) ||
      !known(r.comune_ids, lookups.comune) ||
      !base.familyMembers.has(r.family)
    ) {
      return null;
    }
  }
  if (base.size + change.rows.length > base.capacity) return null;

  // Copy on write: a set is copied the first time this patch changes it.
  const copies = new Map<Bitset, Bitset>();
  const writable = (set: Bitset): Bitset => {
    let copy = copies.get(set);
    if (!copy) {
      copy = set.slice();
      copies.set(set, copy);
      copies.set(copy, copy);
    }
    return copy;
  };
  const current = (set: Bitset): Bitset => copies.get(set) ?? set;

  // Retire the changed services' ordinals.
  const valueSets = [...base.categories, ...base.themes, ...base.targetGroups, ...base.comuni];
  for (const id of new Set(change.ids)) {
    const i = base.ordinalOf(id);
    if (i < 0) continue;
    for (const set of [base.all, base.voucher, base.free, ...base.familyMembers.values()]) {
      if (hasBit(set, i)) clearBit(writable(set), i);
    }
    for (const value of valueSets) if (hasBit(value.members, i)) clearBit(writable(value.members), i);
  }

  // Append the visible ones.
  const columns = columnsOf(base);
  const sets: ServiceSets = {
    all: base.all,
    voucher: base.voucher,
    free: base.free,
    familyMembers: base.familyMembers,
    categories: base.categories,
    themes: base.themes,
    targetGroups: base.targetGroups,
    comuni: base.comuni,
    writable,
  };
  const ranges: number[] = Array.from(base.openingRanges.subarray(0, base.openingStarts[base.size]));
  const appended: { row: ServiceRow; i: number }[] = [];
  let size = base.size;
  for (const row of change.rows) {
    const i = size++;
    writeService(columns, sets, lookups, i, row, ranges);
    appended.push({ row, i });
  }
  columns.openingStarts[size] = ranges.length;
  const all = current(base.all);

  // Sorted orders: title and newest by PostgreSQL's ranks, price by value and id.
  const byRank = (order: Int32Array, rankOf: (row: ServiceRow) => number) => {
    let out = order;
    for (const { row, i } of [...appended].sort((a, b) => rankOf(a.row) - rankOf(b.row))) {
      out = insertAtLiveRank(out, all, i, rankOf(row));
    }
    return out;
  };
  const { prices } = columns;
  const idBefore = (a: number, b: number) =>
    a < base.ordered && b < base.ordered ? a < b : columns.ids[a] < columns.ids[b];
  let byPrice = base.byPrice;
  let byPriceDesc = base.byPriceDesc;
  for (const { i } of appended) {
    byPrice = insertSorted(
      byPrice,
      i,
      (a, b) => prices[a] < prices[b] || (prices[a] === prices[b] && idBefore(a, b)),
    );
    byPriceDesc = insertSorted(
      byPriceDesc,
      i,
      (a, b) => prices[a] > prices[b] || (prices[a] === prices[b] && idBefore(a, b)),
    );
  }

  // Postings: appended ordinals are the largest, so each list stays sorted by appending.
  const added = new Map<string, number[]>();
  for (const { row, i } of appended) {
    for (const { lexeme, bits } of change.lexemes.get(row.id) ?? []) {
      let list = added.get(lexeme);
      if (!list) added.set(lexeme, (list = []));
      list.push((i << 4) | bits);
    }
  }
  let lexemes = base.lexemes;
  let postings = base.postings;
  if (added.size) {
    const merged = new Map<string, Int32Array>();
    for (const [lexeme, entries] of added) {
      const [from] = base.lexemeRange(lexeme);
      const old = base.lexemes[from] === lexeme ? base.postings[from] : new Int32Array(0);
      const list = new Int32Array(old.length + entries.length);
      list.set(old);
      list.set(
        entries.sort((a, b) => a - b),
        old.length,
      );
      merged.set(lexeme, list);
    }
    lexemes = [...new Set([...base.lexemes, ...merged.keys()])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const oldIndex = new Map(base.lexemes.map((lexeme, i) => [lexeme, i]));
    postings = lexemes.map((lexeme) => merged.get(lexeme) ?? base.postings[oldIndex.get(lexeme)!]);
  }

  const located = appended.filter(({ i }) => !Number.isNaN(columns.lats[i])).map(({ i }) => i);
  const withMembers = <V extends IndexedValue>(values: V[]): V[] =>
    values.map((v) => (copies.has(v.members) ? { ...v, members: current(v.members) } : v));

  return new CatalogueSnapshot({
    version,
    size,
    ordered: base.ordered,
    ...columns,
    comuneCentres: base.comuneCentres,
    openingRanges: Int32Array.from(ranges),
    byTitle: byRank(base.byTitle, (row) => Number(row.title_rank)),
    byNewest: byRank(base.byNewest, (row) => Number(row.newest_rank)),
    byPrice,
    byPriceDesc,
    categories: withMembers(base.categories),
    themes: withMembers(base.themes),
    targetGroups: withMembers(base.targetGroups),
    comuni: withMembers(base.comuni),
    familyRoots: base.familyRoots,
    familyMembers: new Map([...base.familyMembers].map(([family, set]) => [family, current(set)])),
    voucher: current(base.voucher),
    free: current(base.free),
    all,
    lexemes,
    postings,
    grid: located.length
      ? { ...base.grid, extra: Int32Array.from([...base.grid.extra, ...located]) }
      : base.grid,
  });
}

/** `order` with `i` inserted after its `rank`-th member of `live` (retired ordinals are skipped). */
function insertAtLiveRank(order: Int32Array, live: Bitset, i: number, rank: number): Int32Array {
  let at = 0;
  if (rank > 0) {
    let seen = 0;
    for (; at < order.length; at++) {
      const o = order[at];
      if (o !== i && hasBit(live, o) && ++seen === rank) {
        at++;
        break;
      }
    }
  }
  return insertAt(order, at, i);
}

/** `order` (sorted by `before`) with `i` inserted in its place. */
function insertSorted(order: Int32Array, i: number, before: (a: number, b: number) => boolean): Int32Array {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(order[mid], i)) lo = mid + 1;
    else hi = mid;
  }
  return insertAt(order, lo, i);
}

function insertAt(order: Int32Array, at: number, i: number): Int32Array {
  const out = new Int32Array(order.length + 1);
  out.set(order.subarray(0, at));
  out[at] = i;
  out.set(order.subarray(at), at + 1);
  return out;
}
