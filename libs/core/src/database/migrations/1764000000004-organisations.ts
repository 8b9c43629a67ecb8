import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Accreditation decisions and invitations of staff (libs/identity). */
export class Organisations1764000000004 implements MigrationInterface {
  name = 'Organisations1764000000004';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE organisation
        ADD COLUMN accreditation_status text NOT NULL DEFAULT 'pending'
          CHECK (accreditation_status IN ('pending', 'accredited', 'rejected')),
        ADD COLUMN accreditation_note text`);
    await db.query(
      `UPDATE organisation SET accreditation_status = 'accredited' WHERE accredited_at IS NOT NULL`,
    );
    await db.query(`
      ALTER TABLE organisation ADD CONSTRAINT organisation_accredited_at_check
        CHECK ((accreditation_status = 'accredited') = (accredited_at IS NOT NULL))`);
    await db.query(`CREATE INDEX organisation_accreditation_idx ON organisation (accreditation_status)`);

    await db.query(`
      CREATE TABLE organisation_invitation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
        email text NOT NULL,
        role text NOT NULL CHECK (role IN ('owner', 'staff')),
        token_hash bytea NOT NULL UNIQUE,
        invited_by uuid REFERENCES user_account (id) ON DELETE SET NULL,
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX organisation_invitation_organisation_idx ON organisation_invitation (organisation_id)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE organisation_invitation`);
    await db.query(`ALTER TABLE organisation DROP CONSTRAINT organisation_accredited_at_check`);
    await db.query(
      `ALTER TABLE organisation DROP COLUMN accreditation_note, DROP COLUMN accreditation_status`,
    );
  }
}
