import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger (libs/ledger): accounts with balances and append-only transfers; and the vouchers
 * (libs/vouchers): funds, voucher kinds and campaigns, assignments, vouchers, their signing keys,
 * redemptions, merchant settlements; and the in-app inbox (libs/notifications).
 */
export class LedgerVouchers1764000000008 implements MigrationInterface {
  name = 'LedgerVouchers1764000000008';

  async up(db: QueryRunner): Promise<void> {
    // Accounts. A transfer debits one account (its balance goes down) and credits another (goes up).
    // Only accounts that stand for money outside the platform (a Comune's treasury) may go negative;
    // every other balance is kept >= 0 by a CHECK, beside the conditional update of the ledger service.
    await db.query(`
      CREATE TABLE ledger_account (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN (
          'treasury', 'fund', 'assignment', 'voucher', 'merchant', 'provider', 'card_clearing', 'hold',
          'payout'
        )),
        owner_id uuid,
        label text NOT NULL,
        balance bigint NOT NULL DEFAULT 0,
        allow_negative boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (allow_negative OR balance >= 0),
        CHECK (allow_negative = (kind = 'treasury'))
      )`);
    await db.query(`CREATE UNIQUE INDEX ledger_account_owner_key ON ledger_account (kind, owner_id)`);

    await db.query(`
      CREATE TABLE ledger_transfer (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        debit_account_id uuid NOT NULL REFERENCES ledger_account (id),
        credit_account_id uuid NOT NULL REFERENCES ledger_account (id),
        amount bigint NOT NULL CHECK (amount > 0),
        kind text NOT NULL,
        idempotency_key text NOT NULL UNIQUE,
        reference text NOT NULL,
        reverses_id bigint UNIQUE REFERENCES ledger_transfer (id),
        created_by uuid REFERENCES user_account (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (debit_account_id <> credit_account_id)
      )`);
    await db.query(`CREATE INDEX ledger_transfer_debit_idx ON ledger_transfer (debit_account_id, id)`);
    await db.query(`CREATE INDEX ledger_transfer_credit_idx ON ledger_transfer (credit_account_id, id)`);
    await db.query(`CREATE INDEX ledger_transfer_reference_idx ON ledger_transfer (reference)`);
    // Append-only: a mistake is undone by a reversing transfer, never by an edit.
    await db.query(`
      CREATE FUNCTION ledger_transfer_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ledger_transfer is append-only: reverse a transfer instead of changing it'
          USING ERRCODE = 'restrict_violation';
      END $$`);
    await db.query(`
      CREATE TRIGGER ledger_transfer_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger_transfer
      FOR EACH STATEMENT EXECUTE FUNCTION ledger_transfer_append_only()`);

    // Funds of a Comune: money a Comune sets aside for vouchers. Budget = what was topped up.
    await db.query(`
      CREATE TABLE fund (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        comune_id uuid NOT NULL REFERENCES comune (id),
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        account_id uuid NOT NULL UNIQUE REFERENCES ledger_account (id),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (comune_id, name)
      )`);

    // Kinds of voucher: service vouchers (categories they pay for) and spending vouchers (shop
    // categories). A kind may be a local-shopping campaign: limited to a list of shops and a period.
    await db.query(`
      CREATE TABLE voucher_kind (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        kind text NOT NULL CHECK (kind IN ('service', 'spending')),
        name jsonb NOT NULL,
        description jsonb NOT NULL DEFAULT '{"it": "", "en": ""}',
        comune_id uuid REFERENCES comune (id),
        category_ids uuid[] NOT NULL DEFAULT '{}',
        shop_categories text[] NOT NULL DEFAULT '{}',
        shop_ids uuid[] NOT NULL DEFAULT '{}',
        campaign boolean NOT NULL DEFAULT false,
        starts_on date,
        ends_on date,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (kind = 'service' OR cardinality(category_ids) = 0),
        CHECK (kind = 'spending' OR (cardinality(shop_categories) = 0 AND cardinality(shop_ids) = 0)),
        CHECK (starts_on IS NULL OR ends_on IS NULL OR starts_on <= ends_on)
      )`);

    // A social worker's decision: this household gets these amounts from this fund. The total leaves the
    // fund at once (into the assignment's account), so a fund can never assign more than it holds; the
    // worker then issues one voucher per amount.
    await db.query(`
      CREATE TABLE voucher_assignment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fund_id uuid NOT NULL REFERENCES fund (id),
        kind_id uuid NOT NULL REFERENCES voucher_kind (id),
        household_id uuid NOT NULL REFERENCES household (id),
        comune_id uuid NOT NULL REFERENCES comune (id),
        amounts bigint[] NOT NULL CHECK (cardinality(amounts) BETWEEN 1 AND 20 AND 0 < ALL (amounts)),
        total bigint NOT NULL CHECK (total > 0),
        valid_from timestamptz NOT NULL,
        valid_until timestamptz NOT NULL,
        note text NOT NULL DEFAULT '',
        account_id uuid NOT NULL UNIQUE REFERENCES ledger_account (id),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'issued')),
        idempotency_key text NOT NULL UNIQUE,
        source text,
        assigned_by uuid REFERENCES user_account (id),
        issued_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (valid_from < valid_until)
      )`);
    await db.query(`CREATE INDEX voucher_assignment_household_idx ON voucher_assignment (household_id)`);
    await db.query(`CREATE INDEX voucher_assignment_fund_idx ON voucher_assignment (fund_id)`);
    await db.query(`CREATE INDEX voucher_assignment_pending_idx ON voucher_assignment (created_at)
      WHERE status = 'pending'`);

    // Ed25519 keys that sign the vouchers' QR tokens. The private key never leaves the database and the
    // worker; the API serves the public ones at /api/.well-known/voucher-keys.
    await db.query(`
      CREATE TABLE voucher_signing_key (
        key_id text PRIMARY KEY CHECK (key_id ~ '^[A-Z0-9]{1,4}$'),
        public_key bytea NOT NULL,
        private_key bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz
      )`);

    await db.query(`
      CREATE TABLE voucher (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        assignment_id uuid NOT NULL REFERENCES voucher_assignment (id),
        position smallint NOT NULL,
        kind_id uuid NOT NULL REFERENCES voucher_kind (id),
        fund_id uuid NOT NULL REFERENCES fund (id),
        comune_id uuid NOT NULL REFERENCES comune (id),
        household_id uuid NOT NULL REFERENCES household (id),
        face_value bigint NOT NULL CHECK (face_value > 0),
        account_id uuid NOT NULL UNIQUE REFERENCES ledger_account (id),
        valid_from timestamptz NOT NULL,
        valid_until timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'active'
          CHECK (status IN ('active', 'exhausted', 'expired', 'revoked')),
        key_id text NOT NULL REFERENCES voucher_signing_key (key_id),
        token text NOT NULL,
        pdf bytea,
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (assignment_id, position)
      )`);
    await db.query(`CREATE INDEX voucher_household_idx ON voucher (household_id, created_at DESC)`);
    await db.query(`CREATE INDEX voucher_fund_idx ON voucher (fund_id)`);
    await db.query(`CREATE INDEX voucher_comune_idx ON voucher (comune_id)`);
    await db.query(
      `CREATE INDEX voucher_expiring_idx ON voucher (valid_until) WHERE status IN ('active', 'exhausted')`,
    );

    // A shop takes part of a voucher. The shop's key makes a retried confirmation return the first
    // answer; request_hash tells a retry from a different request under the same key.
    await db.query(`
      CREATE TABLE voucher_redemption (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        voucher_id uuid NOT NULL REFERENCES voucher (id),
        merchant_id uuid NOT NULL REFERENCES organisation (id),
        cashier_id uuid REFERENCES user_account (id),
        amount bigint NOT NULL CHECK (amount > 0),
        balance_after bigint NOT NULL CHECK (balance_after >= 0),
        transfer_id bigint NOT NULL UNIQUE REFERENCES ledger_transfer (id),
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        voided_at timestamptz,
        void_transfer_id bigint UNIQUE REFERENCES ledger_transfer (id),
        voided_by uuid REFERENCES user_account (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (merchant_id, idempotency_key),
        CHECK ((voided_at IS NULL) = (void_transfer_id IS NULL))
      )`);
    await db.query(
      `CREATE INDEX voucher_redemption_voucher_idx ON voucher_redemption (voucher_id, created_at)`,
    );
    await db.query(
      `CREATE INDEX voucher_redemption_merchant_idx ON voucher_redemption (merchant_id, created_at)`,
    );

    // What the Comuni paid a shop: one row per shop and period, with the transfer merchant -> payout.
    await db.query(`
      CREATE TABLE merchant_settlement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        merchant_id uuid NOT NULL REFERENCES organisation (id),
        period_start date NOT NULL,
        period_end date NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        transfer_id bigint NOT NULL UNIQUE REFERENCES ledger_transfer (id),
        reference text NOT NULL DEFAULT '',
        paid_by uuid REFERENCES user_account (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (period_start <= period_end)
      )`);
    await db.query(
      `CREATE INDEX merchant_settlement_merchant_idx ON merchant_settlement (merchant_id, period_start)`,
    );

    // In-app notices: what a person finds in the bell of the header.
    await db.query(`
      CREATE TABLE notice (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
        template text NOT NULL,
        params jsonb NOT NULL DEFAULT '{}',
        link text,
        dedupe_key text NOT NULL,
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (user_id, dedupe_key)
      )`);
    await db.query(`CREATE INDEX notice_user_idx ON notice (user_id, created_at DESC)`);
    await db.query(`CREATE INDEX notice_unread_idx ON notice (user_id) WHERE read_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'notice',
      'merchant_settlement',
      'voucher_redemption',
      'voucher',
      'voucher_signing_key',
      'voucher_assignment',
      'voucher_kind',
      'fund',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
    await db.query(`DROP TRIGGER ledger_transfer_append_only ON ledger_transfer`);
    await db.query(`DROP TABLE ledger_transfer`);
    await db.query(`DROP FUNCTION ledger_transfer_append_only`);
    await db.query(`DROP TABLE ledger_account`);
  }
}
