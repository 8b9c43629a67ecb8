import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Extensions, the Ambito's settings and Comuni, and the transactional outbox. */
export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS postgis`);
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await db.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    // unaccent() is only STABLE (it depends on the dictionary setting); an IMMUTABLE wrapper with the
    // dictionary named explicitly can be used in indexes for accent-insensitive search.
    await db.query(`
      CREATE FUNCTION f_unaccent(text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$`);

    await db.query(`
      CREATE TABLE ambito_settings (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        name text NOT NULL,
        short_name text NOT NULL,
        tagline jsonb NOT NULL DEFAULT '{"it": "", "en": ""}',
        logo_url text,
        primary_color text NOT NULL DEFAULT '#0066cc' CHECK (primary_color ~ '^#[0-9a-fA-F]{6}$'),
        contacts jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`
      CREATE TABLE comune (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        name text NOT NULL,
        istat_code char(6) NOT NULL UNIQUE CHECK (istat_code ~ '^[0-9]{6}$'),
        province char(2) NOT NULL,
        postal_code char(5) NOT NULL,
        population integer NOT NULL DEFAULT 0 CHECK (population >= 0),
        location geography(Point, 4326) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`
      CREATE TABLE outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        queue text NOT NULL,
        name text NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        relayed_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    // The relay only ever scans rows still waiting; keep that index small.
    await db.query(`CREATE INDEX outbox_pending_idx ON outbox (id) WHERE relayed_at IS NULL`);
    await db.query(`CREATE INDEX outbox_relayed_at_idx ON outbox (relayed_at) WHERE relayed_at IS NOT NULL`);
    // Wake the relay as soon as a row commits, instead of waiting for its next poll.
    await db.query(`
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('outbox', '');
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER outbox_notify AFTER INSERT ON outbox
      FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE outbox`);
    await db.query(`DROP FUNCTION outbox_notify`);
    await db.query(`DROP TABLE comune`);
    await db.query(`DROP TABLE ambito_settings`);
    await db.query(`DROP FUNCTION f_unaccent`);
  }
}
