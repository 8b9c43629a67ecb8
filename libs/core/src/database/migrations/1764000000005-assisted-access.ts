import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Citizens registered at a Social Point without e-mail sign in with a username and a one-time code. */
export class AssistedAccess1764000000005 implements MigrationInterface {
  name = 'AssistedAccess1764000000005';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE user_account ADD COLUMN username text UNIQUE CHECK (username ~ '^[a-z0-9.-]{4,40}$')`,
    );
    await db.query(`ALTER TABLE user_token DROP CONSTRAINT user_token_purpose_check`);
    await db.query(`
      ALTER TABLE user_token ADD CONSTRAINT user_token_purpose_check
        CHECK (purpose IN ('verify_email', 'reset_password', 'first_access'))`);
    // Who registered an assisted household, so the social worker's acts on it can be traced.
    await db.query(
      `ALTER TABLE household ADD COLUMN registered_by uuid REFERENCES user_account (id) ON DELETE SET NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE household DROP COLUMN registered_by`);
    await db.query(`DELETE FROM user_token WHERE purpose = 'first_access'`);
    await db.query(`ALTER TABLE user_token DROP CONSTRAINT user_token_purpose_check`);
    await db.query(
      `ALTER TABLE user_token ADD CONSTRAINT user_token_purpose_check CHECK (purpose IN ('verify_email', 'reset_password'))`,
    );
    await db.query(`ALTER TABLE user_account DROP COLUMN username`);
  }
}
