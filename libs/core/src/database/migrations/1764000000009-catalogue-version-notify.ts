import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Services a transaction logs one by one; past this many it logs "everything" once (a full re-read). */
const LOGGED_SERVICES = 64;

/** catalogue_version_bump() as migration 1764000000007 made it, for down(). */
const BUMP_0007 = `
  CREATE OR REPLACE FUNCTION catalogue_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF current_setting('piazza.catalogue_version_bumped', true) IS DISTINCT FROM 'yes' THEN
      UPDATE catalogue_version SET version = version + 1, changed_at = now();
      PERFORM set_config('piazza.catalogue_version_bumped', 'yes', true);
    END IF;
    RETURN NULL;
  END $$`;

/**
 * Catalogue changes made cheap to follow for the in-process search index (libs/catalogue/src/search):
 * - the version bump, at commit, notifies the new version on the `catalogue_version` channel, so an API
 *   process knows the version without reading it per request (CatalogueVersion);
 * - `catalogue_change` logs which services each version changed, so the index re-reads those few
 *   services instead of the whole catalogue (CatalogueIndex). Each version has one row of its own (no
 *   service), one per changed service row (an organisation's change logs its services), and a row
 *   marked `everything` when anything may have changed: a category, theme, target group or Comune, or
 *   more than LOGGED_SERVICES services in one transaction (a bulk import). The log keeps the last 1,000
 *   versions; an index older than that, or one that sees a version missing, reads everything again.
 * The bump still runs once per transaction (deferred constraint triggers of 0007, at commit); the log
 * rows come from the same trigger, once per changed row.
 */
export class CatalogueVersionNotify1764000000009 implements MigrationInterface {
  name = 'CatalogueVersionNotify1764000000009';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE catalogue_change (
        version bigint NOT NULL,
        service_offer_id uuid,
        everything boolean NOT NULL DEFAULT false
      )`);
    await db.query(`CREATE INDEX catalogue_change_version_idx ON catalogue_change (version)`);
    await db.query(`
      CREATE OR REPLACE FUNCTION catalogue_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v bigint;
        logged int;
        added int;
      BEGIN
        IF current_setting('piazza.catalogue_version_bumped', true) IS DISTINCT FROM 'yes' THEN
          UPDATE catalogue_version SET version = version + 1, changed_at = now() RETURNING version INTO v;
          PERFORM set_config('piazza.catalogue_version_bumped', 'yes', true);
          PERFORM set_config('piazza.catalogue_version', v::text, true);
          PERFORM set_config('piazza.catalogue_logged', '0', true);
          -- Delivered when the transaction commits, to every session listening.
          PERFORM pg_notify('catalogue_version', v::text);
          -- Every version has a row, so a reader can tell a version missing from the log.
          INSERT INTO catalogue_change (version) VALUES (v);
          IF v % 1000 = 0 THEN
            DELETE FROM catalogue_change WHERE version <= v - 1000;
          END IF;
        ELSE
          v := current_setting('piazza.catalogue_version')::bigint;
        END IF;
        logged := current_setting('piazza.catalogue_logged')::int;
        IF logged > ${LOGGED_SERVICES} THEN
          RETURN NULL;
        END IF;
        IF TG_TABLE_NAME = 'service_offer' THEN
          INSERT INTO catalogue_change (version, service_offer_id)
          VALUES (v, CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
          added := 1;
        ELSIF TG_TABLE_NAME IN ('service_offer_theme', 'service_offer_target_group', 'service_offer_comune') THEN
          INSERT INTO catalogue_change (version, service_offer_id)
          VALUES (v, CASE WHEN TG_OP = 'DELETE' THEN OLD.service_offer_id ELSE NEW.service_offer_id END);
          added := 1;
        ELSIF TG_TABLE_NAME = 'organisation' THEN
          INSERT INTO catalogue_change (version, service_offer_id)
          SELECT v, s.id FROM service_offer s
           WHERE s.organisation_id = CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END;
          GET DIAGNOSTICS added = ROW_COUNT;
        ELSE
          added := ${LOGGED_SERVICES} + 1;
        END IF;
        logged := logged + added;
        IF logged > ${LOGGED_SERVICES} THEN
          INSERT INTO catalogue_change (version, everything) VALUES (v, true);
        END IF;
        PERFORM set_config('piazza.catalogue_logged', logged::text, true);
        RETURN NULL;
      END $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(BUMP_0007);
    await db.query(`DROP TABLE catalogue_change`);
  }
}
