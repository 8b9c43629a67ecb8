import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Categories, services (offers) and Social Points (libs/catalogue). */
export class Catalogue1764000000002 implements MigrationInterface {
  name = 'Catalogue1764000000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE category (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        family text NOT NULL CHECK (family IN ('youcare', 'childcare', 'silvercare', 'familycare', 'housepetcare')),
        parent_id uuid REFERENCES category (id),
        name_it text NOT NULL,
        name_en text NOT NULL,
        description_it text NOT NULL DEFAULT '',
        description_en text NOT NULL DEFAULT '',
        position integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX category_parent_idx ON category (parent_id)`);
    // One top-level category per family: the family itself.
    await db.query(
      `CREATE UNIQUE INDEX category_family_root_key ON category (family) WHERE parent_id IS NULL`,
    );

    await db.query(`
      CREATE TABLE service_offer (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        category_id uuid NOT NULL REFERENCES category (id),
        title text NOT NULL,
        summary text NOT NULL DEFAULT '',
        description text NOT NULL DEFAULT '',
        price_model text NOT NULL CHECK (price_model IN ('free', 'fixed', 'per_hour', 'per_session', 'per_month')),
        price_cents bigint CHECK (price_cents >= 0),
        voucher_payable boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'archived')),
        keywords text[] NOT NULL DEFAULT '{}',
        location geography(Point, 4326),
        published_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((price_model = 'free') = (price_cents IS NULL))
      )`);
    await db.query(`CREATE INDEX service_offer_organisation_idx ON service_offer (organisation_id)`);
    await db.query(`CREATE INDEX service_offer_category_idx ON service_offer (category_id)`);
    await db.query(`CREATE INDEX service_offer_status_idx ON service_offer (status)`);
    await db.query(
      `CREATE INDEX service_offer_title_trgm_idx ON service_offer USING gin (f_unaccent(lower(title)) gin_trgm_ops)`,
    );

    await db.query(`
      CREATE TABLE service_offer_comune (
        service_offer_id uuid NOT NULL REFERENCES service_offer (id) ON DELETE CASCADE,
        comune_id uuid NOT NULL REFERENCES comune (id),
        PRIMARY KEY (service_offer_id, comune_id)
      )`);
    await db.query(`CREATE INDEX service_offer_comune_comune_idx ON service_offer_comune (comune_id)`);

    await db.query(`
      CREATE TABLE social_point (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        name text NOT NULL,
        comune_id uuid NOT NULL REFERENCES comune (id),
        address text NOT NULL,
        location geography(Point, 4326) NOT NULL,
        phone text,
        email text,
        description text NOT NULL DEFAULT '',
        opening_hours jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX social_point_comune_idx ON social_point (comune_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE social_point`);
    await db.query(`DROP TABLE service_offer_comune`);
    await db.query(`DROP TABLE service_offer`);
    await db.query(`DROP TABLE category`);
  }
}
