import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Households and their members, sessions, single-use tokens and the audit log (libs/identity). */
export class Accounts1764000000003 implements MigrationInterface {
  name = 'Accounts1764000000003';

  async up(db: QueryRunner): Promise<void> {
    // The fiscal code links a SPID/CIE login to an existing citizen.
    await db.query(`ALTER TABLE user_account ADD COLUMN fiscal_code char(16) UNIQUE`);

    await db.query(`
      CREATE TABLE household (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        comune_id uuid NOT NULL REFERENCES comune (id),
        owner_user_id uuid UNIQUE REFERENCES user_account (id) ON DELETE SET NULL,
        address text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX household_comune_idx ON household (comune_id)`);

    await db.query(`
      CREATE TABLE household_member (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        household_id uuid NOT NULL REFERENCES household (id) ON DELETE CASCADE,
        first_name text NOT NULL,
        last_name text NOT NULL,
        fiscal_code char(16) NOT NULL,
        date_of_birth date NOT NULL,
        relation text NOT NULL
          CHECK (relation IN ('self', 'spouse', 'partner', 'child', 'parent', 'sibling', 'grandparent', 'other')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (household_id, fiscal_code)
      )`);
    await db.query(`CREATE INDEX household_member_household_idx ON household_member (household_id)`);
    await db.query(
      `CREATE UNIQUE INDEX household_member_self_key ON household_member (household_id) WHERE relation = 'self'`,
    );

    await db.query(`
      CREATE TABLE user_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
        token_hash bytea NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        absolute_expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        ip text,
        user_agent text
      )`);
    await db.query(`CREATE INDEX user_session_user_idx ON user_session (user_id) WHERE revoked_at IS NULL`);

    await db.query(`
      CREATE TABLE user_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
        token_hash bytea NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX user_token_user_idx ON user_token (user_id)`);

    await db.query(`
      CREATE TABLE audit_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_user_id uuid REFERENCES user_account (id) ON DELETE SET NULL,
        action text NOT NULL,
        subject_type text,
        subject_id text,
        ip text,
        user_agent text,
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await db.query(`CREATE INDEX audit_event_actor_idx ON audit_event (actor_user_id, at)`);
    await db.query(`CREATE INDEX audit_event_subject_idx ON audit_event (subject_type, subject_id, at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_event`);
    await db.query(`DROP TABLE user_token`);
    await db.query(`DROP TABLE user_session`);
    await db.query(`DROP TABLE household_member`);
    await db.query(`DROP TABLE household`);
    await db.query(`ALTER TABLE user_account DROP COLUMN fiscal_code`);
  }
}
