import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_FAMILIES, type ServiceFamily } from '../entities/category.entity';
import type { PriceModel } from '../entities/service-offer.entity';
import type { OrganisationKind } from './search.types';
import { VISIBLE_SERVICE } from './service-search.sql';

/** A set of services as one bit per ordinal (Uint32Array of ceil(n / 32) words). */
export type Bitset = Uint32Array;

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

/** Weight bits of a lexeme in a service (setweight of the search_vector trigger). */
export const WEIGHT_A = 8;
export const WEIGHT_B = 4;
export const WEIGHT_C = 2;

/**
 * The visible services of the catalogue (published, by an accredited organisation) in memory, as of one
 * catalogue version: what search needs to filter, count facets, rank and sort without SQL. Ordinals are
 * the services' positions in id order, so "ties by id" is "ties by ordinal".
 */
export class CatalogueSnapshot {
  readonly words: number;

  constructor(
    readonly version: string,
    readonly ids: string[],
    readonly slugs: string[],
    readonly titles: string[],
    readonly organisationNames: string[],
    readonly families: ServiceFamily[],
    /** What a card shows beyond the arrays below. */
    readonly cardFields: {
      summary: string;
      priceModel: PriceModel;
      priceCents: number | null;
      organisation: { slug: string; name: string; kind: OrganisationKind };
    }[],
    /** Index in `categories` of each service's category. */
    readonly categoryOf: Uint16Array,
    /** Comuni by slug with their centre, for `nearComune`. */
    readonly comuneCentres: Map<string, { lat: number; lng: number; label: string }>,
    /** coalesce(price_cents, 0). */
    readonly prices: Float64Array,
    /** NaN without a location. */
    readonly lats: Float64Array,
    readonly lngs: Float64Array,
    /** cos(latitude), for haversine. */
    readonly cosLats: Float64Array,
    /** Opening intervals in minutes of the week: service i has openingStarts[i]..openingStarts[i+1]. */
    readonly openingStarts: Int32Array,
    readonly openingRanges: Int32Array,
    /** Ordinals in the order of each sort (ties by id). */
    readonly byTitle: Int32Array,
    readonly byNewest: Int32Array,
    readonly byPrice: Int32Array,
    readonly byPriceDesc: Int32Array,
    readonly categories: IndexedCategory[],
    readonly themes: IndexedValue[],
    readonly targetGroups: IndexedValue[],
    readonly comuni: IndexedValue[],
    /** Root categories in SERVICE_FAMILIES order: the families facet. */
    readonly familyRoots: { slug: ServiceFamily; name: { it: string; en: string } }[],
    readonly familyMembers: Map<ServiceFamily, Bitset>,
    readonly voucher: Bitset,
    readonly free: Bitset,
    readonly all: Bitset,
    /** Lexemes sorted by code unit, with per lexeme its postings: (ordinal << 4) | weight bits, by ordinal. */
    readonly lexemes: string[],
    readonly postings: Int32Array[],
  ) {
    this.words = all.length;
  }

  get size(): number {
    return this.ids.length;
  }

  /** Index range [from, to) of the lexemes starting with `prefix`. */
  lexemeRange(prefix: string): [number, number] {
    const lower = (value: string) => {
      let lo = 0;
      let hi = this.lexemes.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (this.lexemes[mid] < value) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    const from = lower(prefix);
    let to = from;
    while (to < this.lexemes.length && this.lexemes[to].startsWith(prefix)) to++;
    return [from, to];
  }

  /** Approximate bytes held by the typed arrays, the strings and the postings. */
  memoryBytes(): number {
    let bytes = 0;
    const typed = [
      this.prices,
      this.lats,
      this.lngs,
      this.openingStarts,
      this.openingRanges,
      this.byTitle,
      this.byNewest,
      this.byPrice,
      this.byPriceDesc,
      this.voucher,
      this.free,
      this.all,
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

export function emptyBitset(words: number): Bitset {
  return new Uint32Array(words);
}

export function setBit(set: Bitset, i: number): void {
  set[i >>> 5] |= 1 << (i & 31);
}

export function hasBit(set: Bitset, i: number): boolean {
  return (set[i >>> 5] & (1 << (i & 31))) !== 0;
}

export function popcount(set: Bitset): number {
  let n = 0;
  for (let i = 0; i < set.length; i++) n += bitCount(set[i]);
  return n;
}

/** popcount(a AND b) without allocating. */
export function popcountAnd(a: Bitset, b: Bitset): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) n += bitCount(a[i] & b[i]);
  return n;
}

export function bitCount(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Calls `fn` with each ordinal of the set, ascending. */
export function forEachBit(set: Bitset, fn: (i: number) => void): void {
  for (let w = 0; w < set.length; w++) {
    let word = set[w];
    while (word !== 0) {
      const low = word & -word;
      fn((w << 5) + (31 - Math.clz32(low)));
      word ^= low;
    }
  }
}

interface ServiceRow {
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
  title_rank: string;
  newest_rank: string;
}

interface TaxonomyRow {
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

/**
 * The catalogue index: one CatalogueSnapshot, rebuilt when `catalogue_version` (bumped in the same
 * transaction as any change a search can show, migration 1764000000007) moves past it. Concurrent
 * requests that need a newer snapshot await the same build; a request never answers from an older one,
 * so a service published a moment ago is found at once.
 */
@Injectable()
export class CatalogueIndex {
  private readonly logger = new Logger(CatalogueIndex.name);
  private current: CatalogueSnapshot | null = null;
  private building: Promise<CatalogueSnapshot> | null = null;
  /** Milliseconds the last build took, for the bench and the logs. */
  lastBuildMs = 0;

  constructor(private readonly dataSource: DataSource) {}

  /** A snapshot at least as new as `version` (the one the request read). */
  async at(version: string): Promise<CatalogueSnapshot> {
    for (;;) {
      const snapshot = this.current;
      if (snapshot && BigInt(snapshot.version) >= BigInt(version)) return snapshot;
      if (!this.building) {
        this.building = this.build().finally(() => (this.building = null));
      }
      const built = await this.building;
      if (!this.current || BigInt(built.version) > BigInt(this.current.version)) this.current = built;
      if (BigInt(built.version) >= BigInt(version)) return built;
    }
  }

  /** Reads the visible catalogue in one snapshot (a REPEATABLE READ transaction) and indexes it. */
  private async build(): Promise<CatalogueSnapshot> {
    const started = performance.now();
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      const [{ version }]: { version: string }[] = await runner.query(
        `SELECT version::text AS version FROM catalogue_version`,
      );
      const services: ServiceRow[] = await runner.query(`
        SELECT s.id, s.slug, s.title, s.summary, s.price_model, s.price_cents::text,
               o.name AS organisation, o.slug AS organisation_slug, o.kind AS organisation_kind, c.family, s.category_id, s.theme_ids,
               s.target_group_ids, s.comune_ids, s.voucher_payable, s.price_model = 'free' AS free,
               coalesce(s.price_cents, 0)::text AS price,
               ST_Y(s.location::geometry) AS lat, ST_X(s.location::geometry) AS lng, s.opening_week::text,
               (row_number() OVER (ORDER BY s.title, s.id) - 1)::text AS title_rank,
               (row_number() OVER (ORDER BY s.published_at DESC NULLS LAST, s.id) - 1)::text AS newest_rank
          FROM service_offer s JOIN category c ON c.id = s.category_id
          JOIN organisation o ON o.id = s.organisation_id
         WHERE ${VISIBLE_SERVICE}
         ORDER BY s.id`);
      // Postings as one bytea per lexeme: big-endian int4 of (ordinal << 4 | weight bits), sorted here
      // (an ORDER BY inside the aggregate made the statement six times slower: 7 s at 100,000).
      await runner.query(`SET LOCAL work_mem = '256MB'`);
      const lexemeRows: { lexeme: string; postings: Buffer }[] = await runner.query(`
        WITH v AS (
          SELECT (row_number() OVER (ORDER BY s.id) - 1)::int AS ord, s.search_vector
            FROM service_offer s WHERE ${VISIBLE_SERVICE}
        )
        SELECT u.lexeme, string_agg(int4send((v.ord << 4)
                 | CASE WHEN 'A' = ANY (u.weights) THEN 8 ELSE 0 END
                 | CASE WHEN 'B' = ANY (u.weights) THEN 4 ELSE 0 END
                 | CASE WHEN 'C' = ANY (u.weights) THEN 2 ELSE 0 END
                 | CASE WHEN 'D' = ANY (u.weights) THEN 1 ELSE 0 END), ''::bytea) AS postings
          FROM v CROSS JOIN LATERAL unnest(v.search_vector) u
         GROUP BY u.lexeme`);
      const taxonomy: TaxonomyRow[] = await runner.query(`
        SELECT * FROM (
          SELECT 'category' AS kind, k.id, k.slug, k.name_it, k.name_en, k.family, kp.slug AS parent_slug,
                 k.parent_id IS NULL AS root, NULL::float8 AS lat, NULL::float8 AS lng,
                 row_number() OVER (ORDER BY array_position(ARRAY[${SERVICE_FAMILIES.map((f) => `'${f}'`).join(', ')}], k.family),
                                    k.position, k.slug) AS n
            FROM category k LEFT JOIN category kp ON kp.id = k.parent_id
          UNION ALL
          SELECT 'theme', t.id, t.slug, t.name_it, t.name_en, NULL, NULL, false, NULL, NULL,
                 row_number() OVER (ORDER BY t.position, t.slug) FROM theme t
          UNION ALL
          SELECT 'target', g.id, g.slug, g.name_it, g.name_en, NULL, NULL, false, NULL, NULL,
                 row_number() OVER (ORDER BY g.position, g.slug) FROM target_group g
          UNION ALL
          SELECT 'comune', cm.id, cm.slug, cm.name, NULL, NULL, NULL, false,
                 ST_Y(cm.location::geometry), ST_X(cm.location::geometry),
                 row_number() OVER (ORDER BY cm.name) FROM comune cm
        ) x ORDER BY kind, n`);
      await runner.commitTransaction();
      const snapshot = buildSnapshot(version, services, lexemeRows, taxonomy);
      this.lastBuildMs = Math.round(performance.now() - started);
      this.logger.log(
        `catalogue index v${version}: ${snapshot.size} services, ${snapshot.lexemes.length} lexemes, ` +
          `${Math.round(snapshot.memoryBytes() / 1048576)} MB, built in ${this.lastBuildMs} ms`,
      );
      return snapshot;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }
}

function buildSnapshot(
  version: string,
  rows: ServiceRow[],
  lexemeRows: { lexeme: string; postings: Buffer }[],
  taxonomy: TaxonomyRow[],
): CatalogueSnapshot {
  const n = rows.length;
  const words = Math.ceil(n / 32);
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
  const byId = (values: IndexedValue[]) => new Map(values.map((v) => [v.id, v.members]));
  const categoryById = byId(categories);
  const themeById = byId(themes);
  const targetById = byId(targetGroups);
  const comuneById = byId(comuni);
  const familyMembers = new Map<ServiceFamily, Bitset>(SERVICE_FAMILIES.map((f) => [f, emptyBitset(words)]));

  const prices = new Float64Array(n);
  const lats = new Float64Array(n);
  const lngs = new Float64Array(n);
  const openingStarts = new Int32Array(n + 1);
  const ranges: number[] = [];
  const byTitle = new Int32Array(n);
  const byNewest = new Int32Array(n);
  const voucher = emptyBitset(words);
  const free = emptyBitset(words);
  const all = emptyBitset(words);
  const ids: string[] = new Array(n);
  const slugs: string[] = new Array(n);
  const titles: string[] = new Array(n);
  const organisationNames: string[] = new Array(n);
  const families: ServiceFamily[] = new Array(n);
  const cardFields: CatalogueSnapshot['cardFields'] = new Array(n);
  const categoryOf = new Uint16Array(n);
  const categoryIndex = new Map(categories.map((k, i) => [k.id, i]));

  for (let i = 0; i < n; i++) {
    const r = rows[i];
    ids[i] = r.id;
    slugs[i] = r.slug;
    titles[i] = r.title;
    organisationNames[i] = r.organisation;
    families[i] = r.family;
    cardFields[i] = {
      summary: r.summary,
      priceModel: r.price_model,
      priceCents: r.price_cents === null ? null : Number(r.price_cents),
      organisation: { slug: r.organisation_slug, name: r.organisation, kind: r.organisation_kind },
    };
    categoryOf[i] = categoryIndex.get(r.category_id) ?? 0;
    prices[i] = Number(r.price);
    lats[i] = r.lat ?? NaN;
    lngs[i] = r.lng ?? NaN;
    openingStarts[i] = ranges.length;
    parseRanges(r.opening_week, ranges);
    byTitle[Number(r.title_rank)] = i;
    byNewest[Number(r.newest_rank)] = i;
    setBit(all, i);
    if (r.voucher_payable) setBit(voucher, i);
    if (r.free) setBit(free, i);
    const category = categoryById.get(r.category_id);
    if (category) setBit(category, i);
    const family = familyMembers.get(r.family);
    if (family) setBit(family, i);
    for (const id of r.theme_ids) {
      const set = themeById.get(id);
      if (set) setBit(set, i);
    }
    for (const id of r.target_group_ids) {
      const set = targetById.get(id);
      if (set) setBit(set, i);
    }
    for (const id of r.comune_ids) {
      const set = comuneById.get(id);
      if (set) setBit(set, i);
    }
  }
  openingStarts[n] = ranges.length;
  const ordinals = Int32Array.from({ length: n }, (_, i) => i);
  const byPrice = ordinals.slice().sort((a, b) => prices[a] - prices[b] || a - b);
  const byPriceDesc = ordinals.slice().sort((a, b) => prices[b] - prices[a] || a - b);

  const lexemes = lexemeRows.map((r) => r.lexeme).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const postingsByLexeme = new Map<string, Buffer>(lexemeRows.map((r) => [r.lexeme, r.postings]));
  const postings = lexemes.map((lexeme) => {
    const buffer = postingsByLexeme.get(lexeme)!;
    const list = new Int32Array(buffer.length >>> 2);
    for (let i = 0; i < list.length; i++) list[i] = buffer.readInt32BE(i << 2);
    return list.sort();
  });

  const familyRoots = SERVICE_FAMILIES.flatMap((family) => {
    const root = categories.find((k) => k.root && k.family === family);
    return root ? [{ slug: family, name: root.name as { it: string; en: string } }] : [];
  });

  return new CatalogueSnapshot(
    version,
    ids,
    slugs,
    titles,
    organisationNames,
    families,
    cardFields,
    categoryOf,
    new Map(
      taxonomy
        .filter((t) => t.kind === 'comune')
        .map((t) => [t.slug, { lat: t.lat as number, lng: t.lng as number, label: t.name_it }]),
    ),
    prices,
    lats,
    lngs,
    lats.map((lat) => Math.cos((lat * Math.PI) / 180)),
    openingStarts,
    Int32Array.from(ranges),
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
    voucher,
    free,
    all,
    lexemes,
    postings,
  );
}
