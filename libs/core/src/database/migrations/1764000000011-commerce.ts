import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cart, checkout and orders (libs/commerce): a cart per household, checkouts that hold vouchers and
 * open a Stripe Checkout Session for the rest, one order per provider, bookings of slots, Stripe
 * events stored before they are acted on, refunds.
 */
export class Commerce1764000000011 implements MigrationInterface {
  name = 'Commerce1764000000011';

  async up(db: QueryRunner): Promise<void> {
    // Card money comes from outside the platform (Stripe): its clearing account may go negative, as a
    // Comune's treasury does.
    await db.query(`ALTER TABLE ledger_account DROP CONSTRAINT ledger_account_check1`);
    await db.query(`ALTER TABLE ledger_account ADD CONSTRAINT ledger_account_external_check
      CHECK (allow_negative = (kind IN ('treasury', 'card_clearing')))`);

    await db.query(`
      CREATE TABLE cart (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        household_id uuid NOT NULL UNIQUE REFERENCES household (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE cart_line (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cart_id uuid NOT NULL REFERENCES cart (id) ON DELETE CASCADE,
        service_offer_id uuid NOT NULL REFERENCES service_offer (id) ON DELETE CASCADE,
        slot_id uuid REFERENCES service_slot (id) ON DELETE CASCADE,
        quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 100),
        unit_price bigint NOT NULL CHECK (unit_price >= 0),
        price_model text NOT NULL,
        note text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX cart_line_cart_idx ON cart_line (cart_id)`);
    await db.query(`CREATE UNIQUE INDEX cart_line_item_key ON cart_line
      (cart_id, service_offer_id, coalesce(slot_id, '00000000-0000-0000-0000-000000000000'))`);

    // One checkout: the cart as it was paid, split into one order per provider, with one Stripe
    // Checkout Session for the part vouchers do not pay.
    await db.query(`
      CREATE TABLE checkout (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        household_id uuid NOT NULL REFERENCES household (id),
        user_id uuid REFERENCES user_account (id),
        idempotency_key text NOT NULL UNIQUE,
        request_hash text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending_payment', 'paid', 'expired')),
        total bigint NOT NULL CHECK (total >= 0),
        voucher_total bigint NOT NULL CHECK (voucher_total >= 0),
        card_total bigint NOT NULL CHECK (card_total >= 0),
        hold_account_id uuid REFERENCES ledger_account (id),
        stripe_session_id text UNIQUE,
        stripe_session_url text,
        stripe_payment_intent text,
        expires_at timestamptz,
        paid_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (total = voucher_total + card_total)
      )`);
    await db.query(`CREATE INDEX checkout_household_idx ON checkout (household_id, created_at DESC)`);
    await db.query(
      `CREATE INDEX checkout_pending_idx ON checkout (expires_at) WHERE status = 'pending_payment'`,
    );

    await db.query(`CREATE SEQUENCE customer_order_number_seq`);
    await db.query(`
      CREATE TABLE customer_order (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number text NOT NULL UNIQUE,
        checkout_id uuid NOT NULL REFERENCES checkout (id),
        household_id uuid NOT NULL REFERENCES household (id),
        provider_id uuid NOT NULL REFERENCES organisation (id),
        status text NOT NULL CHECK (status IN (
          'pending_payment', 'paid', 'confirmed', 'fulfilled', 'cancelled', 'declined', 'expired'
        )),
        total bigint NOT NULL CHECK (total >= 0),
        voucher_amount bigint NOT NULL CHECK (voucher_amount >= 0),
        card_amount bigint NOT NULL CHECK (card_amount >= 0),
        refunded_voucher bigint NOT NULL DEFAULT 0 CHECK (refunded_voucher >= 0),
        refunded_card bigint NOT NULL DEFAULT 0 CHECK (refunded_card >= 0),
        cancel_before timestamptz,
        reason text,
        paid_at timestamptz,
        confirmed_at timestamptz,
        fulfilled_at timestamptz,
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (total = voucher_amount + card_amount),
        CHECK (refunded_voucher <= voucher_amount AND refunded_card <= card_amount)
      )`);
    await db.query(
      `CREATE INDEX customer_order_household_idx ON customer_order (household_id, created_at DESC)`,
    );
    await db.query(
      `CREATE INDEX customer_order_provider_idx ON customer_order (provider_id, created_at DESC)`,
    );
    await db.query(`CREATE INDEX customer_order_checkout_idx ON customer_order (checkout_id)`);

    await db.query(`
      CREATE TABLE order_line (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES customer_order (id) ON DELETE CASCADE,
        service_offer_id uuid NOT NULL REFERENCES service_offer (id),
        slot_id uuid REFERENCES service_slot (id),
        title text NOT NULL,
        category_id uuid NOT NULL REFERENCES category (id),
        price_model text NOT NULL,
        quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 100),
        unit_price bigint NOT NULL CHECK (unit_price >= 0),
        line_total bigint NOT NULL CHECK (line_total = unit_price * quantity),
        booked boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX order_line_order_idx ON order_line (order_id)`);
    await db.query(`CREATE INDEX order_line_slot_idx ON order_line (slot_id) WHERE slot_id IS NOT NULL`);

    // What each voucher pays of an order: held at checkout, captured when paid, released otherwise.
    await db.query(`
      CREATE TABLE order_voucher (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES customer_order (id) ON DELETE CASCADE,
        voucher_id uuid NOT NULL REFERENCES voucher (id),
        amount bigint NOT NULL CHECK (amount > 0),
        status text NOT NULL CHECK (status IN ('held', 'captured', 'released', 'refunded')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (order_id, voucher_id)
      )`);
    await db.query(`CREATE INDEX order_voucher_voucher_idx ON order_voucher (voucher_id)`);

    // Stripe's events, stored before they are acted on: a duplicate or a replay finds its row.
    await db.query(`
      CREATE TABLE stripe_event (
        id text PRIMARY KEY,
        type text NOT NULL,
        payload jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz,
        outcome text
      )`);

    await db.query(`
      CREATE TABLE order_refund (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES customer_order (id),
        method text NOT NULL CHECK (method IN ('voucher', 'card')),
        amount bigint NOT NULL CHECK (amount > 0),
        stripe_refund_id text UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX order_refund_order_idx ON order_refund (order_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'order_refund',
      'stripe_event',
      'order_voucher',
      'order_line',
      'customer_order',
      'checkout',
      'cart_line',
      'cart',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
    await db.query(`DROP SEQUENCE customer_order_number_seq`);
    await db.query(`ALTER TABLE ledger_account DROP CONSTRAINT ledger_account_external_check`);
    await db.query(`ALTER TABLE ledger_account ADD CONSTRAINT ledger_account_check1
      CHECK (allow_negative = (kind = 'treasury'))`);
  }
}
