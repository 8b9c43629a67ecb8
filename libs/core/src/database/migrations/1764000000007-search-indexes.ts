import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The join tables whose ids a service carries as an array for search: table, column, array. */
const FACET_ARRAYS = [
  { table: 'service_offer_theme', column: 'theme_id', array: 'theme_ids' },
  { table: 'service_offer_target_group', column: 'target_group_id', array: 'target_group_ids' },
  { table: 'service_offer_comune', column: 'comune_id', array: 'comune_ids' },
] as const;

/** Tables whose changes can change a public search answer (libs/catalogue, with Comuni and organisations). */
const VERSIONED_TABLES = [
  'service_offer',
  'service_offer_theme',
  'service_offer_target_group',
  'service_offer_comune',
  'category',
  'theme',
  'target_group',
  'comune',
] as const;

/**
 * Search of the public catalogue (libs/catalogue/src/search) at 100,000 services:
 * - each service carries the ids of its themes, target groups and Comuni as arrays kept by triggers, so
 *   that filters and facet counts read one row instead of joining three tables (measured on 100,000
 *   services: the whole catalogue's facet counts took ~900 ms with the joins, ~300 ms from the arrays);
 * - a covering partial index of published services holds every column filters, facets and sorting read,
 *   so a search without words is an index-only scan instead of a read of the wide table;
 * - opening hours as a multirange of minutes of the week, for "open now";
 * - search_vector and search_text stay in the row (no TOAST fetch per matched row);
 * - `search_term`, the words of published services, for typo tolerance by trigram similarity;
 * - `catalogue_version` changes in the same transaction as anything a search answer shows, so the API can
 *   cache answers and know, in its own snapshot, when they are stale.
 * Nothing here is written by application code: triggers keep it.
 */
export class SearchIndexes1764000000007 implements MigrationInterface {
  name = 'SearchIndexes1764000000007';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE service_offer
        ADD COLUMN theme_ids uuid[] NOT NULL DEFAULT '{}',
        ADD COLUMN target_group_ids uuid[] NOT NULL DEFAULT '{}',
        ADD COLUMN comune_ids uuid[] NOT NULL DEFAULT '{}'`);
    for (const { table, column, array } of FACET_ARRAYS) {
      await db.query(`
        UPDATE service_offer s SET ${array} = ARRAY(
          SELECT j.${column} FROM ${table} j WHERE j.service_offer_id = s.id ORDER BY 1)
         WHERE EXISTS (SELECT 1 FROM ${table} j WHERE j.service_offer_id = s.id)`);
      // Statement-level with transition tables: a bulk insert updates each service once.
      await db.query(`
        CREATE FUNCTION ${table}_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP IN ('INSERT', 'UPDATE') THEN
            UPDATE service_offer s SET ${array} = ARRAY(
              SELECT j.${column} FROM ${table} j WHERE j.service_offer_id = s.id ORDER BY 1)
             WHERE s.id IN (SELECT service_offer_id FROM new_rows);
          END IF;
          IF TG_OP IN ('DELETE', 'UPDATE') THEN
            UPDATE service_offer s SET ${array} = ARRAY(
              SELECT j.${column} FROM ${table} j WHERE j.service_offer_id = s.id ORDER BY 1)
             WHERE s.id IN (SELECT service_offer_id FROM old_rows);
          END IF;
          RETURN NULL;
        END $$`);
      await db.query(`
        CREATE TRIGGER ${table}_inserted AFTER INSERT ON ${table}
          REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${table}_changed()`);
      await db.query(`
        CREATE TRIGGER ${table}_updated AFTER UPDATE ON ${table}
          REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
          FOR EACH STATEMENT EXECUTE FUNCTION ${table}_changed()`);
      await db.query(`
        CREATE TRIGGER ${table}_deleted AFTER DELETE ON ${table}
          REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${table}_changed()`);
    }

    // Opening hours as minutes of the week (Monday 00:00 = 0): "open now" is one containment test of a
    // small value instead of a JSON path over the hours, for every row a search reads. Null: no hours.
    await db.query(`ALTER TABLE service_offer ADD COLUMN opening_week int4multirange`);
    await db.query(`
      CREATE FUNCTION opening_week(hours jsonb) RETURNS int4multirange LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT range_agg(int4range(
                 ((h->>'day')::int - 1) * 1440 + split_part(h->>'opens', ':', 1)::int * 60
                   + split_part(h->>'opens', ':', 2)::int,
                 ((h->>'day')::int - 1) * 1440 + split_part(h->>'closes', ':', 1)::int * 60
                   + split_part(h->>'closes', ':', 2)::int))
          FROM jsonb_array_elements(hours) h
      $$`);
    await db.query(`
      CREATE FUNCTION service_offer_opening_week_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.opening_week := opening_week(NEW.opening_hours);
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER service_offer_opening_week_refresh BEFORE INSERT OR UPDATE OF opening_hours ON service_offer
        FOR EACH ROW EXECUTE FUNCTION service_offer_opening_week_refresh()`);
    await db.query(
      `UPDATE service_offer SET opening_week = opening_week(opening_hours) WHERE opening_hours <> '[]'`,
    );

    // Search reads search_vector and search_text on every matched row: keep them in the row (compress
    // the description first) instead of a TOAST fetch per row, which tripled the buffers a search read.
    await db.query(`
      ALTER TABLE service_offer
        ALTER COLUMN search_vector SET STORAGE MAIN,
        ALTER COLUMN search_text SET STORAGE MAIN`);
    await db.query(`
      CREATE INDEX service_offer_published_search_idx ON service_offer (category_id)
        INCLUDE (id, organisation_id, price_model, price_cents, voucher_payable, theme_ids, target_group_ids,
                 comune_ids, opening_week, location, published_at, title)
        WHERE status = 'published'`);

    // The words of published services' titles, keywords, categories and organisations (their
    // search_text), with a trigram index: a typo is matched against these few thousand words, and the
    // close ones join the word's full text query. Checking every row's search_text by trigram instead
    // costs ~30 µs a row: 100 ms for a typo matching 3,000 services, seconds for a common word.
    await db.query(`CREATE TABLE search_term (term text COLLATE "C" PRIMARY KEY)`);
    await db.query(`CREATE INDEX search_term_trgm_idx ON search_term USING gin (term gin_trgm_ops)`);
    await db.query(`
      CREATE FUNCTION search_term_collect() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO search_term (term)
        SELECT DISTINCT t FROM new_rows n CROSS JOIN LATERAL regexp_split_to_table(n.search_text, '[^[:alnum:]]+') t
         WHERE n.status = 'published' AND length(t) BETWEEN 3 AND 40
        ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER service_offer_search_terms_inserted AFTER INSERT ON service_offer
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_term_collect()`);
    await db.query(`
      CREATE TRIGGER service_offer_search_terms_updated AFTER UPDATE ON service_offer
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_term_collect()`);
    await db.query(`
      INSERT INTO search_term (term)
      SELECT DISTINCT t FROM service_offer s CROSS JOIN LATERAL regexp_split_to_table(s.search_text, '[^[:alnum:]]+') t
       WHERE s.status = 'published' AND length(t) BETWEEN 3 AND 40`);

    await db.query(`
      CREATE TABLE catalogue_version (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        version bigint NOT NULL DEFAULT 1,
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`INSERT INTO catalogue_version DEFAULT VALUES`);
    // Deferred to commit, once per transaction: the bump holds the row lock only while committing (no
    // deadlock with the writer's other locks), and the new number becomes visible with the data.
    await db.query(`
      CREATE FUNCTION catalogue_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('piazza.catalogue_version_bumped', true) IS DISTINCT FROM 'yes' THEN
          UPDATE catalogue_version SET version = version + 1, changed_at = now();
          PERFORM set_config('piazza.catalogue_version_bumped', 'yes', true);
        END IF;
        RETURN NULL;
      END $$`);
    for (const table of VERSIONED_TABLES) {
      await db.query(`
        CREATE CONSTRAINT TRIGGER ${table}_catalogue_version AFTER INSERT OR UPDATE OR DELETE ON ${table}
          DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION catalogue_version_bump()`);
    }
    // An organisation's name, kind and accreditation show in (or hide from) search answers.
    await db.query(`
      CREATE CONSTRAINT TRIGGER organisation_catalogue_version
        AFTER INSERT OR DELETE OR UPDATE OF slug, name, kind, accreditation_status ON organisation
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION catalogue_version_bump()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER organisation_catalogue_version ON organisation`);
    for (const table of VERSIONED_TABLES) {
      await db.query(`DROP TRIGGER ${table}_catalogue_version ON ${table}`);
    }
    await db.query(`DROP FUNCTION catalogue_version_bump()`);
    await db.query(`DROP TABLE catalogue_version`);
    await db.query(`DROP TRIGGER service_offer_search_terms_inserted ON service_offer`);
    await db.query(`DROP TRIGGER service_offer_search_terms_updated ON service_offer`);
    await db.query(`DROP FUNCTION search_term_collect()`);
    await db.query(`DROP TABLE search_term`);
    await db.query(`DROP INDEX service_offer_published_search_idx`);
    await db.query(`DROP TRIGGER service_offer_opening_week_refresh ON service_offer`);
    await db.query(`DROP FUNCTION service_offer_opening_week_refresh()`);
    await db.query(`ALTER TABLE service_offer DROP COLUMN opening_week`);
    await db.query(`DROP FUNCTION opening_week(jsonb)`);
    await db.query(`
      ALTER TABLE service_offer
        ALTER COLUMN search_vector SET STORAGE EXTENDED,
        ALTER COLUMN search_text SET STORAGE EXTENDED`);
    for (const { table } of FACET_ARRAYS) {
      await db.query(`DROP TRIGGER ${table}_inserted ON ${table}`);
      await db.query(`DROP TRIGGER ${table}_updated ON ${table}`);
      await db.query(`DROP TRIGGER ${table}_deleted ON ${table}`);
      await db.query(`DROP FUNCTION ${table}_changed()`);
    }
    await db.query(`
      ALTER TABLE service_offer DROP COLUMN theme_ids, DROP COLUMN target_group_ids, DROP COLUMN comune_ids`);
  }
}
