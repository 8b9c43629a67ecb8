import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The directory (libs/catalogue, with organisation profile columns of libs/identity): themes and target
 * groups beside the category tree, public bodies, organisation pages and logos, places, full text search,
 * moderation of first publication, bookable slots, events and Social Point appointment slots.
 */
export class Directory1764000000006 implements MigrationInterface {
  name = 'Directory1764000000006';

  async up(db: QueryRunner): Promise<void> {
    // Public bodies (Comuni, ASST, consultori) list free public services beside the third sector.
    await db.query(`ALTER TABLE organisation DROP CONSTRAINT organisation_kind_check`);
    await db.query(`
      ALTER TABLE organisation ADD CONSTRAINT organisation_kind_check
        CHECK (kind IN ('cooperative', 'association', 'shop', 'public_body'))`);
    await db.query(`
      ALTER TABLE organisation
        ADD COLUMN history text NOT NULL DEFAULT '',
        ADD COLUMN pec text,
        ADD COLUMN logo_updated_at timestamptz`);
    await db.query(`
      CREATE TABLE organisation_logo (
        organisation_id uuid PRIMARY KEY REFERENCES organisation (id) ON DELETE CASCADE,
        content_type text NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/webp')),
        image bytea NOT NULL,
        width integer NOT NULL CHECK (width > 0),
        height integer NOT NULL CHECK (height > 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    // The Lodi themes: a second axis beside the category tree.
    await db.query(`
      CREATE TABLE theme (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        name_it text NOT NULL,
        name_en text NOT NULL,
        description_it text NOT NULL DEFAULT '',
        description_en text NOT NULL DEFAULT '',
        position integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE target_group (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        name_it text NOT NULL,
        name_en text NOT NULL,
        position integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE service_offer_theme (
        service_offer_id uuid NOT NULL REFERENCES service_offer (id) ON DELETE CASCADE,
        theme_id uuid NOT NULL REFERENCES theme (id),
        PRIMARY KEY (service_offer_id, theme_id)
      )`);
    await db.query(`CREATE INDEX service_offer_theme_theme_idx ON service_offer_theme (theme_id)`);
    await db.query(`
      CREATE TABLE service_offer_target_group (
        service_offer_id uuid NOT NULL REFERENCES service_offer (id) ON DELETE CASCADE,
        target_group_id uuid NOT NULL REFERENCES target_group (id),
        PRIMARY KEY (service_offer_id, target_group_id)
      )`);
    await db.query(
      `CREATE INDEX service_offer_target_group_group_idx ON service_offer_target_group (target_group_id)`,
    );

    // Places: an organisation's sites, where its services happen and its events take place.
    await db.query(`
      CREATE TABLE place (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
        name text NOT NULL,
        address text NOT NULL,
        comune_id uuid NOT NULL REFERENCES comune (id),
        location geography(Point, 4326) NOT NULL,
        opening_hours jsonb NOT NULL DEFAULT '[]',
        accessibility text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX place_organisation_idx ON place (organisation_id)`);
    await db.query(`CREATE INDEX place_comune_idx ON place (comune_id)`);
    await db.query(`
      CREATE TABLE service_offer_place (
        service_offer_id uuid NOT NULL REFERENCES service_offer (id) ON DELETE CASCADE,
        place_id uuid NOT NULL REFERENCES place (id) ON DELETE CASCADE,
        position integer NOT NULL DEFAULT 0,
        PRIMARY KEY (service_offer_id, place_id)
      )`);
    await db.query(`CREATE INDEX service_offer_place_place_idx ON service_offer_place (place_id)`);

    // Services: moderation of the first publication, opening hours, and what search reads.
    await db.query(`ALTER TABLE service_offer DROP CONSTRAINT service_offer_status_check`);
    await db.query(`
      ALTER TABLE service_offer ADD CONSTRAINT service_offer_status_check
        CHECK (status IN ('draft', 'pending_review', 'published', 'archived'))`);
    await db.query(`
      ALTER TABLE service_offer
        ADD COLUMN submitted_at timestamptz,
        ADD COLUMN first_approved_at timestamptz,
        ADD COLUMN review_note text,
        ADD COLUMN opening_hours jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN search_text text NOT NULL DEFAULT '',
        ADD COLUMN search_vector tsvector NOT NULL DEFAULT ''::tsvector`);
    // Published once means an administrator approved it once (what was published before counts as approved).
    await db.query(
      `UPDATE service_offer SET first_approved_at = coalesce(published_at, now()) WHERE status = 'published'`,
    );
    await db.query(`
      ALTER TABLE service_offer ADD CONSTRAINT service_offer_published_approved_check
        CHECK (status <> 'published' OR first_approved_at IS NOT NULL)`);
    await db.query(`DROP INDEX service_offer_title_trgm_idx`);
    await db.query(`CREATE INDEX service_offer_search_vector_idx ON service_offer USING gin (search_vector)`);
    await db.query(
      `CREATE INDEX service_offer_search_text_trgm_idx ON service_offer USING gin (search_text gin_trgm_ops)`,
    );
    await db.query(`CREATE INDEX service_offer_location_idx ON service_offer USING gist (location)`);
    await db.query(
      `CREATE INDEX service_offer_published_price_idx ON service_offer (price_cents) WHERE status = 'published'`,
    );

    // search_vector and search_text follow the service, its category and its organisation's name.
    await db.query(`
      CREATE FUNCTION service_offer_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        org_name text;
        cat_names text;
      BEGIN
        SELECT o.name INTO org_name FROM organisation o WHERE o.id = NEW.organisation_id;
        SELECT concat_ws(' ', c.name_it, c.name_en, p.name_it, p.name_en) INTO cat_names
          FROM category c LEFT JOIN category p ON p.id = c.parent_id WHERE c.id = NEW.category_id;
        NEW.search_vector :=
             setweight(to_tsvector('italian', f_unaccent(coalesce(NEW.title, ''))), 'A')
          || setweight(to_tsvector('italian', f_unaccent(
               concat_ws(' ', array_to_string(NEW.keywords, ' '), cat_names, org_name))), 'B')
          || setweight(to_tsvector('italian', f_unaccent(coalesce(NEW.summary, ''))), 'C')
          || setweight(to_tsvector('italian', f_unaccent(coalesce(NEW.description, ''))), 'D');
        NEW.search_text := lower(f_unaccent(
          concat_ws(' ', NEW.title, array_to_string(NEW.keywords, ' '), cat_names, org_name)));
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER service_offer_search_refresh BEFORE INSERT OR UPDATE OF
        title, summary, description, keywords, category_id, organisation_id, search_text
        ON service_offer FOR EACH ROW EXECUTE FUNCTION service_offer_search_refresh()`);
    await db.query(`
      CREATE FUNCTION organisation_name_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE service_offer SET search_text = '' WHERE organisation_id = NEW.id;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER organisation_name_search_refresh AFTER UPDATE OF name ON organisation
        FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
        EXECUTE FUNCTION organisation_name_search_refresh()`);
    await db.query(`UPDATE service_offer SET search_text = ''`);

    // A service's point on the map: its first place, else its organisation's address.
    await db.query(`
      CREATE FUNCTION service_offer_location_refresh(service uuid) RETURNS void LANGUAGE sql AS $$
        UPDATE service_offer s SET location = coalesce(
          (SELECT p.location FROM service_offer_place sp JOIN place p ON p.id = sp.place_id
            WHERE sp.service_offer_id = s.id ORDER BY sp.position, p.created_at LIMIT 1),
          (SELECT o.location FROM organisation o WHERE o.id = s.organisation_id))
        WHERE s.id = service
      $$`);
    await db.query(`
      CREATE FUNCTION service_offer_place_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          PERFORM service_offer_location_refresh(OLD.service_offer_id);
        ELSE
          PERFORM service_offer_location_refresh(NEW.service_offer_id);
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER service_offer_place_changed AFTER INSERT OR UPDATE OR DELETE ON service_offer_place
        FOR EACH ROW EXECUTE FUNCTION service_offer_place_changed()`);
    await db.query(`
      CREATE FUNCTION place_location_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM service_offer_location_refresh(sp.service_offer_id)
           FROM service_offer_place sp WHERE sp.place_id = NEW.id;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER place_location_changed AFTER UPDATE OF location ON place
        FOR EACH ROW EXECUTE FUNCTION place_location_changed()`);
    await db.query(`
      CREATE FUNCTION service_offer_default_location() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.location IS NULL THEN
          SELECT o.location INTO NEW.location FROM organisation o WHERE o.id = NEW.organisation_id;
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER service_offer_default_location BEFORE INSERT ON service_offer
        FOR EACH ROW EXECUTE FUNCTION service_offer_default_location()`);
    await db.query(`
      UPDATE service_offer s SET location = o.location
        FROM organisation o WHERE o.id = s.organisation_id AND s.location IS NULL`);

    // Bookable slots with a capacity; bookings (issue: checkout) move "booked", never past capacity.
    await db.query(`
      CREATE TABLE service_slot (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        service_offer_id uuid NOT NULL REFERENCES service_offer (id) ON DELETE CASCADE,
        place_id uuid REFERENCES place (id) ON DELETE SET NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        capacity integer NOT NULL CHECK (capacity > 0),
        booked integer NOT NULL DEFAULT 0 CHECK (booked >= 0),
        note text NOT NULL DEFAULT '',
        cancelled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at),
        CHECK (booked <= capacity)
      )`);
    await db.query(`CREATE INDEX service_slot_service_idx ON service_slot (service_offer_id, starts_at)`);

    // Events published by organisations: a public calendar and iCalendar feeds.
    await db.query(`
      CREATE TABLE event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
        title text NOT NULL,
        summary text NOT NULL DEFAULT '',
        description text NOT NULL DEFAULT '',
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        all_day boolean NOT NULL DEFAULT false,
        place_id uuid REFERENCES place (id) ON DELETE SET NULL,
        venue text NOT NULL,
        address text NOT NULL,
        comune_id uuid NOT NULL REFERENCES comune (id),
        location geography(Point, 4326),
        price_cents bigint CHECK (price_cents > 0),
        registration_url text,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'cancelled')),
        published_at timestamptz,
        sequence integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at >= starts_at)
      )`);
    await db.query(`CREATE INDEX event_organisation_idx ON event (organisation_id, starts_at)`);
    await db.query(
      `CREATE INDEX event_public_idx ON event (starts_at) WHERE status IN ('published', 'cancelled')`,
    );
    await db.query(`CREATE INDEX event_comune_idx ON event (comune_id)`);

    // Social Points: appointment slots (booking comes with applications).
    await db.query(`
      ALTER TABLE social_point
        ADD COLUMN languages text[] NOT NULL DEFAULT '{it}',
        ADD COLUMN accessibility text NOT NULL DEFAULT ''`);
    await db.query(`
      CREATE TABLE social_point_slot (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        social_point_id uuid NOT NULL REFERENCES social_point (id) ON DELETE CASCADE,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        capacity integer NOT NULL DEFAULT 1 CHECK (capacity > 0),
        booked integer NOT NULL DEFAULT 0 CHECK (booked >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at),
        CHECK (booked <= capacity),
        UNIQUE (social_point_id, starts_at)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE social_point_slot`);
    await db.query(`ALTER TABLE social_point DROP COLUMN languages, DROP COLUMN accessibility`);
    await db.query(`DROP TABLE event`);
    await db.query(`DROP TABLE service_slot`);
    await db.query(`DROP TRIGGER service_offer_default_location ON service_offer`);
    await db.query(`DROP FUNCTION service_offer_default_location()`);
    await db.query(`DROP TRIGGER place_location_changed ON place`);
    await db.query(`DROP FUNCTION place_location_changed()`);
    await db.query(`DROP TRIGGER service_offer_place_changed ON service_offer_place`);
    await db.query(`DROP FUNCTION service_offer_place_changed()`);
    await db.query(`DROP FUNCTION service_offer_location_refresh(uuid)`);
    await db.query(`DROP TRIGGER organisation_name_search_refresh ON organisation`);
    await db.query(`DROP FUNCTION organisation_name_search_refresh()`);
    await db.query(`DROP TRIGGER service_offer_search_refresh ON service_offer`);
    await db.query(`DROP FUNCTION service_offer_search_refresh()`);
    await db.query(`DROP INDEX service_offer_published_price_idx`);
    await db.query(`DROP INDEX service_offer_location_idx`);
    await db.query(`DROP INDEX service_offer_search_text_trgm_idx`);
    await db.query(`DROP INDEX service_offer_search_vector_idx`);
    await db.query(
      `CREATE INDEX service_offer_title_trgm_idx ON service_offer USING gin (f_unaccent(lower(title)) gin_trgm_ops)`,
    );
    await db.query(`ALTER TABLE service_offer DROP CONSTRAINT service_offer_published_approved_check`);
    await db.query(`
      ALTER TABLE service_offer
        DROP COLUMN submitted_at, DROP COLUMN first_approved_at, DROP COLUMN review_note,
        DROP COLUMN opening_hours, DROP COLUMN search_text, DROP COLUMN search_vector`);
    await db.query(`ALTER TABLE service_offer DROP CONSTRAINT service_offer_status_check`);
    await db.query(`
      ALTER TABLE service_offer ADD CONSTRAINT service_offer_status_check
        CHECK (status IN ('draft', 'published', 'archived'))`);
    await db.query(`DROP TABLE service_offer_place`);
    await db.query(`DROP TABLE place`);
    await db.query(`DROP TABLE service_offer_target_group`);
    await db.query(`DROP TABLE service_offer_theme`);
    await db.query(`DROP TABLE target_group`);
    await db.query(`DROP TABLE theme`);
    await db.query(`DROP TABLE organisation_logo`);
    await db.query(
      `ALTER TABLE organisation DROP COLUMN history, DROP COLUMN pec, DROP COLUMN logo_updated_at`,
    );
    await db.query(`ALTER TABLE organisation DROP CONSTRAINT organisation_kind_check`);
    await db.query(`
      ALTER TABLE organisation ADD CONSTRAINT organisation_kind_check
        CHECK (kind IN ('cooperative', 'association', 'shop'))`);
  }
}
