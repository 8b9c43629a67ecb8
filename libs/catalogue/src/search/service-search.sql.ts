import { AMBITO_TIME_ZONE } from '@piazza/core';
import { SERVICE_FAMILIES } from '../entities/category.entity';
import { MAP_POINTS_LIMIT, type SearchSort, type ServiceSearchCriteria } from './search-criteria';
import type { LatLng } from './search.types';

/** A statement and its parameters, for `ctx.em.query(text, values)` or `pg`'s `client.query`. */
export interface SqlQuery {
  text: string;
  values: unknown[];
}

/**
 * The one row a search statement returns. `typos[i]` is null unless word i is a typo (no published
 * service has a word it is the start of), then the catalogue's closest word, if any.
 */
export interface SearchRow {
  version: string;
  total: string;
  voucher: string;
  free: string;
  open_now: string;
  items: unknown[] | null;
  families: unknown[] | null;
  categories: unknown[] | null;
  themes: unknown[] | null;
  target_groups: unknown[] | null;
  comuni: unknown[] | null;
  typos: (string | null)[] | null;
}

/** Where distances are measured from: the `near` point, or the centre of the `nearComune`. */
export type SearchOrigin = LatLng & { label: string | null };

export interface MapRow {
  version: string;
  total: string;
  points: unknown[] | null;
}

type FacetKey = 'family' | 'category' | 'theme' | 'target' | 'comune' | 'voucher' | 'free' | 'openNow';

class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** How many close words of the catalogue a typed word may also stand for. */
export const CLOSE_TERMS = 6;
/**
 * How close (trigram similarity, 0 to 1) a catalogue word must be to stand for a typed one. A swap of two
 * letters costs a long word fewer of its trigrams ("anzaini", "anziani": 0.5) than a short one.
 */
export function closeSimilarity(word: string): number {
  return [...word].length >= 7 ? 0.5 : 0.55;
}

/**
 * This minute of the week in the Ambito (Monday 00:00 = 0), once per statement (an InitPlan): the
 * weekday (ISODOW) and time of now() in Europe/Rome.
 */
const MINUTE_OF_WEEK = `(SELECT ((extract(isodow FROM t)::int - 1) * 1440
    + extract(hour FROM t)::int * 60 + extract(minute FROM t)::int)
    FROM (SELECT now() AT TIME ZONE '${AMBITO_TIME_ZONE}' AS t) clock)`;

/**
 * Open at this minute by its opening hours (`opening_week`, the hours as minutes of the week, kept by a
 * trigger from `opening_hours`); null without opening hours (by appointment).
 */
export function openNowSql(alias: string): string {
  return `(${alias}.opening_week @> ${MINUTE_OF_WEEK})`;
}

/** Latitude and longitude of a geography point as JSON, or null. */
export function latLngSql(expression: string): string {
  return `CASE WHEN ${expression} IS NULL THEN NULL
     ELSE json_build_object('lat', ST_Y(${expression}::geometry), 'lng', ST_X(${expression}::geometry)) END`;
}

/** The `ServiceCard` of service `s` (with its category `c` and organisation `o`) as JSON. */
export function serviceCardSql(openNow: string, distance: string): string {
  return `json_build_object(
    'id', s.id, 'slug', s.slug, 'title', s.title, 'summary', s.summary, 'family', c.family,
    'category', json_build_object('slug', c.slug, 'name', json_build_object('it', c.name_it, 'en', c.name_en)),
    'themes', coalesce((SELECT json_agg(json_build_object('slug', t.slug,
                 'name', json_build_object('it', t.name_it, 'en', t.name_en)) ORDER BY t.position, t.slug)
               FROM theme t WHERE t.id = ANY (s.theme_ids)), '[]'),
    'targetGroups', coalesce((SELECT json_agg(json_build_object('slug', g.slug,
                 'name', json_build_object('it', g.name_it, 'en', g.name_en)) ORDER BY g.position, g.slug)
               FROM target_group g WHERE g.id = ANY (s.target_group_ids)), '[]'),
    'organisation', json_build_object('slug', o.slug, 'name', o.name, 'kind', o.kind),
    'comuni', coalesce((SELECT json_agg(json_build_object('slug', cm.slug, 'name', cm.name) ORDER BY cm.name)
               FROM comune cm WHERE cm.id = ANY (s.comune_ids)), '[]'),
    'priceModel', s.price_model, 'priceCents', s.price_cents, 'voucherPayable', s.voucher_payable,
    'openNow', ${openNow},
    'location', ${latLngSql('s.location')},
    'distanceMeters', round(${distance})::bigint)`;
}

/** Visible in the catalogue: published, by an organisation that is (still) accredited. */
export const VISIBLE_SERVICE = `s.status = 'published'
     AND NOT EXISTS (SELECT 1 FROM organisation x
                      WHERE x.id = s.organisation_id AND x.accreditation_status <> 'accredited')`;

/** ORDER BY of a sort, on the columns the filtered set carries. The id breaks ties: pages never overlap. */
function orderBy(sort: SearchSort, alias: string): string {
  switch (sort) {
    case 'relevance':
      return `${alias}.rank DESC, ${alias}.id`;
    case 'distance':
      return `${alias}.distance NULLS LAST, ${alias}.id`;
    case 'price':
      return `coalesce(${alias}.price_cents, 0), ${alias}.id`;
    case 'price_desc':
      return `coalesce(${alias}.price_cents, 0) DESC, ${alias}.id`;
    case 'newest':
      return `${alias}.published_at DESC NULLS LAST, ${alias}.id`;
    case 'title':
      return `${alias}.title, ${alias}.id`;
  }
}

/** Columns of `s` the sort reads, carried by the filtered set. */
function sortColumns(sort: SearchSort): string[] {
  switch (sort) {
    case 'price':
    case 'price_desc':
      return ['s.price_cents'];
    case 'newest':
      return ['s.published_at'];
    case 'title':
      return ['s.title'];
    default:
      return [];
  }
}

/** What both statements share: the filters' SQL and the derived columns, with their parameters. */
class SearchParts {
  readonly params = new Params();
  /** Conditions on `s` that every row of the set meets (text, price, radius, visibility). */
  readonly where: string[] = [VISIBLE_SERVICE];
  /** Facet filters: a condition on `s` each, applied as flags (search) or in WHERE (map). */
  readonly facetFilters: { key: FacetKey; sql: string }[] = [];
  readonly origin: string | null;
  readonly rank: string | null = null;
  /** Per word: its suggestion when it is a typo, else null. */
  readonly typos: string[] = [];
  /** CTEs the statement starts with (the close words of each typed word). */
  readonly ctes: string[] = [];

  constructor(
    readonly criteria: ServiceSearchCriteria,
    origin: SearchOrigin | null,
  ) {
    const p = this.params;
    const c = criteria;

    // Italian full text, word by word, each a prefix ("babysit" finds "babysitter") of the unaccented
    // text, so every word must match. Typo tolerance: the published services' words closest to the word
    // by trigram similarity (search_term, GIN trigram index; `%>` is `<%` with its operands swapped)
    // join its query as alternatives, so "babysiter" also looks for "babysitter", and "sitter" for
    // "babysitter": every match stays a full text index lookup, with no per-row trigram recheck.
    // A stop word ("per") is skipped: `numnode` of its query is 0, which the planner folds away.
    const expanded: string[] = [];
    const wordScores: string[] = [];
    c.words.forEach((word, i) => {
      const w = p.add(word);
      // Unaccenting can turn a letter into punctuation ("ʼ" into "'", "ŉ" into "'n"): keep letters and
      // digits only, so the text given to to_tsquery is always one plain word (or none).
      const plain = `regexp_replace(f_unaccent(${w}::text), '[^[:alnum:]]+', '', 'g')`;
      const exact = `to_tsquery('italian', coalesce(nullif(${plain}, '') || ':*', ''))`;
      if ([...word].length < 3) {
        this.where.push(`(numnode(${exact}) = 0 OR s.search_vector @@ ${exact})`);
        expanded.push(exact);
        wordScores.push('1');
        this.typos.push('NULL::text');
        return;
      }
      const close = `close${i}`;
      const normalized = `lower(${plain})`;
      // Close: similar as a whole ("babisitter", "babysitter": 0.57) or as a part ("sitter" in
      // "babysitter": 0.71); both operators use the trigram index of the few thousand words.
      this.ctes.push(`${close} AS MATERIALIZED (
    SELECT t.term, t.sim FROM (
      SELECT st.term, greatest(similarity(st.term, ${normalized}), word_similarity(${normalized}, st.term)) AS sim
        FROM search_term st WHERE st.term % ${normalized} OR st.term %> ${normalized}) t
     WHERE t.sim >= ${closeSimilarity(word)} ORDER BY t.sim DESC, t.term LIMIT ${CLOSE_TERMS})`);
      const query = `(SELECT CASE WHEN count(*) = 0 THEN ${exact}
          ELSE ${exact} || to_tsquery('italian', string_agg(e.term || ':*', ' | ')) END FROM ${close} e)`;
      this.where.push(`(numnode(${exact}) = 0 OR s.search_vector @@ ${query})`);
      expanded.push(query);
      wordScores.push(`CASE WHEN numnode(${exact}) = 0 OR s.search_vector @@ ${exact} THEN 1
            ELSE (SELECT coalesce(max(e.sim), 0) FROM ${close} e) END`);
      // A typo: no published service has a word starting with its stem. Suggest the closest word.
      const stem = `(ts_lexize('italian_stem', lower(${plain})))[1]`;
      this.typos.push(`CASE WHEN numnode(${exact}) > 0 AND NOT EXISTS (
            SELECT 1 FROM search_term st WHERE st.term >= ${stem} AND st.term < ${stem} || chr(1114111))
          THEN (SELECT e.term FROM ${close} e ORDER BY e.sim DESC, e.term LIMIT 1) END`);
    });
    if (c.words.length) {
      const any = expanded.length === 1 ? expanded[0] : `(${expanded.join(' || ')})`;
      this.rank = `CASE WHEN numnode(${any}) = 0 THEN 0 ELSE ts_rank_cd(s.search_vector, ${any}) END
          + (${wordScores.join(' + ')}) / ${c.words.length}`;
    }

    if (c.priceMin !== null) this.where.push(`coalesce(s.price_cents, 0) >= ${p.add(c.priceMin)}::bigint`);
    if (c.priceMax !== null) this.where.push(`coalesce(s.price_cents, 0) <= ${p.add(c.priceMax)}::bigint`);

    // The origin as constants, never a subquery: the planner then knows how many rows a radius keeps
    // (with a Comune looked up inside the statement it guessed, and read 50,000 rows by the GiST index).
    this.origin = origin
      ? `ST_SetSRID(ST_MakePoint(${p.add(origin.lng)}::float8, ${p.add(origin.lat)}::float8), 4326)::geography`
      : null;
    // On the sphere: a few metres off the spheroid, and several times cheaper per row.
    if (this.origin && c.radiusKm !== null) {
      this.where.push(`ST_DWithin(s.location, ${this.origin}, ${p.add(c.radiusKm * 1000)}::float8, false)`);
    }

    if (c.family) {
      this.facetFilters.push({
        key: 'family',
        sql: `s.category_id = ANY (ARRAY(SELECT id FROM category WHERE family = ${p.add(c.family)}::text))`,
      });
    }
    if (c.categories.length) {
      // A family's own slug selects its whole subtree.
      const slugs = p.add(c.categories);
      this.facetFilters.push({
        key: 'category',
        sql: `s.category_id = ANY (ARRAY(SELECT k.id FROM category k LEFT JOIN category kp ON kp.id = k.parent_id
                WHERE k.slug = ANY (${slugs}::text[]) OR kp.slug = ANY (${slugs}::text[])))`,
      });
    }
    if (c.themes.length) {
      this.facetFilters.push({
        key: 'theme',
        sql: `s.theme_ids && ARRAY(SELECT id FROM theme WHERE slug = ANY (${p.add(c.themes)}::text[]))`,
      });
    }
    if (c.targets.length) {
      this.facetFilters.push({
        key: 'target',
        sql: `s.target_group_ids && ARRAY(SELECT id FROM target_group WHERE slug = ANY (${p.add(c.targets)}::text[]))`,
      });
    }
    if (c.comuni.length) {
      this.facetFilters.push({
        key: 'comune',
        sql: `s.comune_ids && ARRAY(SELECT id FROM comune WHERE slug = ANY (${p.add(c.comuni)}::text[]))`,
      });
    }
    if (c.voucher) this.facetFilters.push({ key: 'voucher', sql: 's.voucher_payable' });
    if (c.free) this.facetFilters.push({ key: 'free', sql: `s.price_model = 'free'` });
    if (c.openNow) this.facetFilters.push({ key: 'openNow', sql: `coalesce(${openNowSql('s')}, false)` });
  }

  distance(): string {
    return this.origin ? `ST_Distance(s.location, ${this.origin}, false)` : 'NULL::float8';
  }
}

/**
 * One statement for one search: the filtered set once (a materialized CTE), then from it the page, the
 * total and every facet count, and the answer assembled as JSON, in one round trip.
 *
 * Facets are disjunctive: each counts with every other filter but its own. The set therefore holds the
 * rows that fail at most one facet filter, with one boolean per active facet filter; a facet counts the
 * rows whose other flags are all true. Text, price and radius are not facets and filter the set itself.
 */
export function serviceSearchSql(criteria: ServiceSearchCriteria, origin: SearchOrigin | null): SqlQuery {
  const parts = new SearchParts(criteria, origin);
  const p = parts.params;
  const flags = parts.facetFilters.map((f, i) => ({ key: f.key, sql: f.sql, column: `f${i}` }));
  const all = flags.length ? flags.map((f) => `m.${f.column}`).join(' AND ') : 'true';
  const except = (key: FacetKey) =>
    flags
      .filter((f) => f.key !== key)
      .map((f) => `m.${f.column}`)
      .join(' AND ') || 'true';
  const rank = parts.rank && criteria.sort === 'relevance' ? parts.rank : '0::float8';

  const inner = `SELECT s.id, s.category_id, s.theme_ids, s.target_group_ids, s.comune_ids, s.voucher_payable,
           s.price_model = 'free' AS free, ${openNowSql('s')} AS open_now, ${rank} AS rank,
           ${parts.distance()} AS distance${sortColumns(criteria.sort)
             .map((column) => `, ${column}`)
             .join('')}${flags.map((f) => `,\n           ${f.sql} AS ${f.column}`).join('')}
      FROM service_offer s
     WHERE ${parts.where.join('\n       AND ')}`;
  // Rows failing two facet filters count nowhere: leave them out of the set.
  const prune =
    flags.length >= 2 ? `WHERE ${flags.map((f) => `(NOT m.${f.column})::int`).join(' + ')} <= 1` : '';
  const grouped = (key: string, value: string, from: string, where: string) =>
    `SELECT '${key}'::text AS k, ${value} AS id, count(*) AS n FROM ${from} WHERE ${where} GROUP BY 2`;
  // Services share few distinct sets of themes (or Comuni): count the sets, then spread each set's count
  // over its members. Unnesting every row's array costs about five times as much.
  const groupedArray = (key: string, array: string, where: string) =>
    `SELECT '${key}'::text AS k, u AS id, sum(g.n) AS n
       FROM (SELECT m.${array} AS a, count(*) AS n FROM m WHERE ${where} GROUP BY 1) g
      CROSS JOIN LATERAL unnest(g.a) AS u GROUP BY 2`;
  const familyCondition = except('family');
  const categoryCondition = except('category');
  const facetGroups = [
    grouped('c', 'm.category_id', 'm', categoryCondition),
    ...(familyCondition === categoryCondition ? [] : [grouped('f', 'm.category_id', 'm', familyCondition)]),
    groupedArray('t', 'theme_ids', except('theme')),
    groupedArray('g', 'target_group_ids', except('target')),
    groupedArray('m', 'comune_ids', except('comune')),
  ];
  const familyKey = familyCondition === categoryCondition ? 'c' : 'f';
  const families = `ARRAY[${SERVICE_FAMILIES.map((f) => `'${f}'`).join(', ')}]`;
  const limit = p.add(criteria.pageSize);
  const offset = p.add((criteria.page - 1) * criteria.pageSize);
  const pageColumns = [
    'id',
    'open_now',
    'distance',
    'rank',
    ...sortColumns(criteria.sort).map((c) => c.slice(2)),
  ];

  const text = `
WITH ${parts.ctes.map((cte) => `${cte},\n`).join('')}m AS MATERIALIZED (
  SELECT * FROM (${inner}
    OFFSET 0) m
  ${prune}
), page AS MATERIALIZED (
  SELECT ${pageColumns.map((c) => `m.${c}`).join(', ')} FROM m WHERE ${all}
   ORDER BY ${orderBy(criteria.sort, 'm')} LIMIT ${limit} OFFSET ${offset}
), fc AS (
  ${facetGroups.join('\n  UNION ALL ')}
), counts AS (
  SELECT count(*) FILTER (WHERE ${all}) AS total,
         count(*) FILTER (WHERE m.voucher_payable AND ${except('voucher')}) AS voucher,
         count(*) FILTER (WHERE m.free AND ${except('free')}) AS free,
         count(*) FILTER (WHERE m.open_now AND ${except('openNow')}) AS open_now
    FROM m
)
SELECT (SELECT version FROM catalogue_version)::text AS version,
       counts.total::text, counts.voucher::text, counts.free::text, counts.open_now::text,
       (SELECT json_agg(${serviceCardSql('p.open_now', 'p.distance')} ORDER BY ${orderBy(criteria.sort, 'p')})
          FROM page p JOIN service_offer s ON s.id = p.id
          JOIN category c ON c.id = s.category_id JOIN organisation o ON o.id = s.organisation_id) AS items,
       (SELECT json_agg(json_build_object('slug', f.family, 'name', json_build_object('it', f.name_it, 'en', f.name_en),
                 'count', coalesce(x.n, 0)) ORDER BY array_position(${families}, f.family))
          FROM category f
          LEFT JOIN (SELECT k.family, sum(fc.n) AS n FROM fc JOIN category k ON k.id = fc.id
                      WHERE fc.k = '${familyKey}' GROUP BY k.family) x ON x.family = f.family
         WHERE f.parent_id IS NULL) AS families,
       (SELECT json_agg(json_build_object('slug', k.slug, 'name', json_build_object('it', k.name_it, 'en', k.name_en),
                 'count', coalesce(fc.n, 0)) ORDER BY array_position(${families}, k.family), k.position, k.slug)
          FROM category k LEFT JOIN fc ON fc.k = 'c' AND fc.id = k.id
         WHERE k.parent_id IS NOT NULL) AS categories,
       (SELECT json_agg(json_build_object('slug', t.slug, 'name', json_build_object('it', t.name_it, 'en', t.name_en),
                 'count', coalesce(fc.n, 0)) ORDER BY t.position, t.slug)
          FROM theme t LEFT JOIN fc ON fc.k = 't' AND fc.id = t.id) AS themes,
       (SELECT json_agg(json_build_object('slug', g.slug, 'name', json_build_object('it', g.name_it, 'en', g.name_en),
                 'count', coalesce(fc.n, 0)) ORDER BY g.position, g.slug)
          FROM target_group g LEFT JOIN fc ON fc.k = 'g' AND fc.id = g.id) AS target_groups,
       (SELECT json_agg(json_build_object('slug', cm.slug, 'name', cm.name, 'count', coalesce(fc.n, 0))
                 ORDER BY cm.name)
          FROM comune cm LEFT JOIN fc ON fc.k = 'm' AND fc.id = cm.id) AS comuni,
       ${parts.typos.length ? `ARRAY[${parts.typos.join(',\n       ')}]` : 'NULL::text[]'} AS typos
  FROM counts`;
  return { text, values: p.values };
}

/**
 * Map points for the same filters: every facet filter applies, the set is counted, and the first
 * MAP_POINTS_LIMIT located services (in the search's order) are returned.
 */
export function serviceMapSql(criteria: ServiceSearchCriteria, origin: SearchOrigin | null): SqlQuery {
  const parts = new SearchParts(criteria, origin);
  const rank = parts.rank && criteria.sort === 'relevance' ? parts.rank : '0::float8';
  const columns = ['s.id', 's.location', `${rank} AS rank`, `${parts.distance()} AS distance`];
  const text = `
WITH ${parts.ctes.map((cte) => `${cte},\n`).join('')}m AS MATERIALIZED (
  SELECT ${[...columns, ...sortColumns(criteria.sort)].join(', ')}
    FROM service_offer s
   WHERE ${[...parts.where, ...parts.facetFilters.map((f) => f.sql)].join('\n     AND ')}
)
SELECT (SELECT version FROM catalogue_version)::text AS version,
       (SELECT count(*) FROM m)::text AS total,
       (SELECT json_agg(json_build_object('slug', s.slug, 'title', s.title, 'family', c.family,
                 'location', ${latLngSql('s.location')}, 'organisation', o.name) ORDER BY ${orderBy(criteria.sort, 'p')})
          FROM (SELECT * FROM m WHERE m.location IS NOT NULL ORDER BY ${orderBy(criteria.sort, 'm')}
                 LIMIT ${MAP_POINTS_LIMIT}) p
          JOIN service_offer s ON s.id = p.id JOIN category c ON c.id = s.category_id
          JOIN organisation o ON o.id = s.organisation_id) AS points`;
  return { text, values: parts.params.values };
}
