import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import { SERVICE_FAMILIES } from '../entities/category.entity';
import {
  type CatalogueChange,
  type CatalogueSnapshot,
  buildSnapshot,
  patchSnapshot,
  type ServiceLexeme,
  type ServiceRow,
  type TaxonomyRow,
} from './catalogue-snapshot';
import { CATALOGUE_READ, type VersionStamp } from './catalogue-version';
import { VISIBLE_SERVICE } from './service-search.sql';

/** A change of more services than this is read by a full build, not patched in. */
export const PATCH_LIMIT = 32;

/** Past this many retired ordinals (and this share of the live ones) a full build compacts the index. */
const RETIRED_LIMIT = 4096;
const RETIRED_SHARE = 0.1;

/** After a failed build, requests that could answer from the current snapshot do not retry for this long. */
const RETRY_AFTER_MS = 1_000;

const SERVICE_COLUMNS = `s.id, s.slug, s.title, s.summary, s.price_model, s.price_cents::text,
       o.name AS organisation, o.slug AS organisation_slug, o.kind AS organisation_kind, c.family,
       s.category_id, s.theme_ids, s.target_group_ids, s.comune_ids, s.voucher_payable,
       s.price_model = 'free' AS free, coalesce(s.price_cents, 0)::text AS price,
       ST_Y(s.location::geometry) AS lat, ST_X(s.location::geometry) AS lng, s.opening_week::text`;

const WEIGHT_BITS = `CASE WHEN 'A' = ANY (u.weights) THEN 8 ELSE 0 END
                 | CASE WHEN 'B' = ANY (u.weights) THEN 4 ELSE 0 END
                 | CASE WHEN 'C' = ANY (u.weights) THEN 2 ELSE 0 END
                 | CASE WHEN 'D' = ANY (u.weights) THEN 1 ELSE 0 END`;

/** How the index last caught up, for the logs and the benchmark. */
export interface IndexRefresh {
  kind: 'build' | 'patch';
  version: string;
  services: number;
  ms: number;
}

/**
 * The catalogue index: one CatalogueSnapshot, brought up to date when `catalogue_version` (bumped at
 * the commit of any change a search can show, migration 1764000000007) moves past it.
 *
 * Catching up reads the change log (`catalogue_change`, migration 1764000000009): when up to
 * PATCH_LIMIT services changed, it re-reads those and patches the snapshot (tens of milliseconds);
 * otherwise (a change of the taxonomy, a bulk import, a log already pruned) it reads the whole catalogue
 * again (seconds at 100,000 services). Either way requests keep answering from the previous snapshot
 * meanwhile, unless they must not: a request whose floor (see CatalogueVersion: what this process
 * wrote) is newer waits, so a service published a moment ago is found by the next search.
 */
@Injectable()
export class CatalogueIndex {
  private readonly logger = new Logger(CatalogueIndex.name);
  private current: CatalogueSnapshot | null = null;
  /** The newest version a request asked for. */
  private wanted = '0';
  private refreshing: Promise<void> | null = null;
  private failedAt = 0;
  /** The last full build and the last patch. */
  lastBuild: IndexRefresh | null = null;
  lastPatch: IndexRefresh | null = null;

  constructor(private readonly dataSource: DataSource) {}

  /**
   * A snapshot to answer a request of `stamp` from: at least as new as its floor, and as new as its
   * version if that is at hand; a newer one is brought in meanwhile.
   */
  async at(stamp: VersionStamp): Promise<CatalogueSnapshot> {
    if (BigInt(stamp.version) > BigInt(this.wanted)) this.wanted = stamp.version;
    for (;;) {
      const snapshot = this.current;
      if (snapshot && BigInt(snapshot.version) >= BigInt(this.wanted)) return snapshot;
      const mustWait = !snapshot || BigInt(snapshot.version) < BigInt(stamp.floor);
      if (!this.refreshing && (mustWait || Date.now() - this.failedAt > RETRY_AFTER_MS)) {
        this.refreshing = this.refresh().finally(() => (this.refreshing = null));
        // Requests that do not wait must not leave a failure unhandled; those that wait still see it.
        this.refreshing.catch(() => undefined);
      }
      if (!mustWait) return snapshot;
      await this.refreshing;
    }
  }

  /** Brings the snapshot up to the wanted version, by patches or a full build. */
  private async refresh(): Promise<void> {
    try {
      while (!this.current || BigInt(this.current.version) < BigInt(this.wanted)) {
        const next = await this.read(this.current);
        if (!this.current || BigInt(next.version) > BigInt(this.current.version)) this.current = next;
        // A version nobody will ever commit (a request's stale read) must not keep this loop going.
        if (BigInt(next.version) < BigInt(this.wanted)) this.wanted = next.version;
      }
    } catch (error) {
      this.failedAt = Date.now();
      this.logger.error(`catalogue index refresh failed: ${(error as Error).message}`);
      throw error;
    }
  }

  /** A snapshot of the latest committed version, patched from `base` when the change log allows. */
  private async read(base: CatalogueSnapshot | null): Promise<CatalogueSnapshot> {
    const started = performance.now();
    const runner = this.dataSource.createQueryRunner();
    runner.data = { [CATALOGUE_READ]: true };
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      const [{ version }]: { version: string }[] = await runner.query(
        `SELECT version::text AS version FROM catalogue_version`,
      );
      if (base && base.version === version) {
        await runner.commitTransaction();
        return base;
      }
      const changed = base ? await changedServices(runner, base, version) : null;
      if (base && changed) {
        const change = await readChange(runner, changed);
        await runner.commitTransaction();
        const patched = patchSnapshot(base, version, change);
        if (patched) {
          this.lastPatch = done('patch', version, changed.length, started);
          this.logger.log(
            `catalogue index v${version}: patched ${changed.length} service(s) in ${this.lastPatch.ms} ms`,
          );
          return patched;
        }
        // Unknown taxonomy or no room left: read everything, in a new snapshot of the database.
        return this.read(null);
      }
      const snapshot = await readAll(runner, version);
      await runner.commitTransaction();
      this.lastBuild = done('build', version, snapshot.live, started);
      this.logger.log(
        `catalogue index v${version}: ${snapshot.live} services, ${snapshot.lexemes.length} lexemes, ` +
          `${Math.round(snapshot.memoryBytes() / 1048576)} MB, built in ${this.lastBuild.ms} ms`,
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

function done(kind: IndexRefresh['kind'], version: string, services: number, started: number): IndexRefresh {
  return { kind, version, services, ms: Math.round(performance.now() - started) };
}

/**
 * The services changed after `base` up to `version`, or null when a patch cannot tell: a version missing
 * from the log (pruned, or bumped by hand), a change of the taxonomy (logged without a service), too
 * many services, or a base with too many retired ordinals already.
 */
async function changedServices(
  runner: QueryRunner,
  base: CatalogueSnapshot,
  version: string,
): Promise<string[] | null> {
  if (base.size - base.live > Math.max(RETIRED_LIMIT, base.live * RETIRED_SHARE)) return null;
  const [log]: { versions: number; everything: boolean; ids: string[] | null }[] = await runner.query(
    `SELECT count(DISTINCT version)::int AS versions, coalesce(bool_or(everything), false) AS everything,
            array_agg(DISTINCT service_offer_id::text) FILTER (WHERE service_offer_id IS NOT NULL) AS ids
       FROM catalogue_change WHERE version > $1 AND version <= $2`,
    [base.version, version],
  );
  const ids = log.ids ?? [];
  if (BigInt(log.versions) !== BigInt(version) - BigInt(base.version) || log.everything) return null;
  return ids.length <= PATCH_LIMIT ? ids : null;
}

/** The changed services that are visible, with their ranks among all visible ones, and their lexemes. */
async function readChange(runner: QueryRunner, ids: string[]): Promise<CatalogueChange> {
  // Titles compare by the database's collation, so PostgreSQL counts who comes first.
  const rows: ServiceRow[] = await runner.query(
    `WITH visible AS MATERIALIZED (
       SELECT s.id, s.title, s.published_at FROM service_offer s WHERE ${VISIBLE_SERVICE}
     )
     SELECT ${SERVICE_COLUMNS},
            (SELECT count(*) FROM visible v WHERE (v.title, v.id) < (s.title, s.id))::text AS title_rank,
            (SELECT count(*) FROM visible v
              WHERE v.published_at > s.published_at
                 OR (v.published_at IS NOT DISTINCT FROM s.published_at AND v.id < s.id)
                 OR (s.published_at IS NULL AND v.published_at IS NOT NULL))::text AS newest_rank
       FROM service_offer s JOIN category c ON c.id = s.category_id
       JOIN organisation o ON o.id = s.organisation_id
      WHERE s.id = ANY ($1::uuid[]) AND ${VISIBLE_SERVICE}
      ORDER BY s.id`,
    [ids],
  );
  const lexemes = new Map<string, ServiceLexeme[]>();
  if (rows.length) {
    const lexemeRows: { id: string; lexeme: string; bits: number }[] = await runner.query(
      `SELECT s.id, u.lexeme, (${WEIGHT_BITS})::int AS bits
         FROM service_offer s CROSS JOIN LATERAL unnest(s.search_vector) u
        WHERE s.id = ANY ($1::uuid[])`,
      [rows.map((r) => r.id)],
    );
    for (const { id, lexeme, bits } of lexemeRows) {
      let list = lexemes.get(id);
      if (!list) lexemes.set(id, (list = []));
      list.push({ lexeme, bits });
    }
  }
  return { ids, rows, lexemes };
}

/** The whole visible catalogue, in the transaction's snapshot. */
async function readAll(runner: QueryRunner, version: string): Promise<CatalogueSnapshot> {
  const services: ServiceRow[] = await runner.query(`
    SELECT ${SERVICE_COLUMNS},
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
    SELECT u.lexeme, string_agg(int4send((v.ord << 4) | ${WEIGHT_BITS}), ''::bytea) AS postings
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
  return await buildSnapshot(version, services, lexemeRows, taxonomy);
}
