import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Accounts, organisations and their members (libs/identity). */
export class Identity1764000000001 implements MigrationInterface {
  name = 'Identity1764000000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE user_account (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text,
        password_hash text,
        display_name text NOT NULL,
        roles text[] NOT NULL DEFAULT '{}'
          CHECK (roles <@ ARRAY['citizen', 'provider', 'merchant', 'social_worker', 'admin']::text[]),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
        email_verified_at timestamptz,
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX user_account_email_key ON user_account (lower(email))`);

    // A social worker acts for one or more Comuni.
    await db.query(`
      CREATE TABLE user_comune (
        user_id uuid NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
        comune_id uuid NOT NULL REFERENCES comune (id),
        PRIMARY KEY (user_id, comune_id)
      )`);
    await db.query(`CREATE INDEX user_comune_comune_idx ON user_comune (comune_id)`);

    await db.query(`
      CREATE TABLE organisation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        kind text NOT NULL CHECK (kind IN ('cooperative', 'association', 'shop')),
        name text NOT NULL,
        legal_name text NOT NULL,
        vat_number char(11) UNIQUE CHECK (vat_number ~ '^[0-9]{11}$'),
        fiscal_code text NOT NULL,
        description text NOT NULL DEFAULT '',
        email text NOT NULL,
        phone text,
        website text,
        comune_id uuid NOT NULL REFERENCES comune (id),
        address text NOT NULL,
        location geography(Point, 4326),
        opening_hours jsonb NOT NULL DEFAULT '[]',
        shop_category text,
        accredited_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'shop') = (shop_category IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX organisation_comune_idx ON organisation (comune_id)`);
    await db.query(`CREATE INDEX organisation_kind_idx ON organisation (kind)`);

    await db.query(`
      CREATE TABLE organisation_member (
        organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('owner', 'staff')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, user_id)
      )`);
    await db.query(`CREATE INDEX organisation_member_user_idx ON organisation_member (user_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE organisation_member`);
    await db.query(`DROP TABLE organisation`);
    await db.query(`DROP TABLE user_comune`);
    await db.query(`DROP TABLE user_account`);
  }
}
