// Seeds a large catalogue for the search benchmark: the demo Ambito's 8 Comuni and category tree, the
// themes and target groups, 2,000 organisations with a place each, and N services written by SQL
// (generate_series) from the demo services' Italian texts, so full text search has real words to chew.
// Deterministic: the same numbers give the same rows (setseed).

export const THEMES = ['casa', 'lavoro', 'cibo', 'cura', 'formazione', 'tirocini', 'ascolto'];
export const TARGET_GROUPS = [
  'famiglie',
  'bambini',
  'giovani',
  'anziani',
  'donne',
  'disabilita',
  'stranieri',
  'caregiver',
];

const ORGANISATION_NAMES = [
  'Il Girasole',
  'La Quercia',
  'Arcobaleno',
  'Il Melograno',
  'Primavera',
  'La Rondine',
  'Il Sentiero',
  'Insieme',
  'Il Ponte',
  'La Goccia',
  'Solidarietà',
  'Mani Amiche',
  'Il Faro',
  'La Bussola',
  'Il Seme',
  'Casa Aperta',
  'Il Cerchio',
  'La Tenda',
  'Orizzonti',
  'Il Pozzo',
  'Il Glicine',
  'La Lanterna',
  'Terra Buona',
  'Il Mosaico',
  'Filo di Seta',
];
const ORGANISATION_PREFIXES = [
  'Cooperativa sociale',
  'Associazione',
  'Cooperativa',
  'Fondazione',
  'Consorzio',
];
const TITLE_SUFFIXES = [
  '',
  '',
  '',
  'per tutta la famiglia',
  'con educatori qualificati',
  'nel quartiere',
  'in centro paese',
  'solidale',
  'convenzionato con il Comune',
  'anche nei festivi',
  'a prezzi calmierati',
  'con operatori esperti',
  'vicino a casa',
  'su prenotazione',
];
const SENTENCES = [
  'Il servizio è accessibile alle persone con disabilità e si trova vicino alla fermata dell’autobus.',
  'Gli operatori parlano italiano, inglese e francese; su richiesta è disponibile una mediatrice culturale.',
  'Si può pagare con i voucher del Comune oppure con carta, anche a rate.',
  'Le famiglie con ISEE basso hanno diritto a uno sconto sul prezzo indicato.',
  'Il primo incontro è gratuito e serve a conoscere le esigenze della persona.',
  'Il caffè e la merenda sono offerti dai volontari dell’associazione.',
  'Parcheggio gratuito davanti alla sede, con posti riservati.',
];

const FAMILY_TARGETS = {
  youcare: ['giovani', 'famiglie', 'stranieri'],
  childcare: ['bambini', 'famiglie', 'donne'],
  silvercare: ['anziani', 'caregiver', 'disabilita'],
  familycare: ['famiglie', 'donne', 'caregiver', 'stranieri'],
  housepetcare: ['famiglie', 'anziani', 'disabilita'],
};
const FAMILY_THEMES = {
  youcare: ['formazione', 'tirocini', 'lavoro'],
  childcare: ['cura', 'formazione'],
  silvercare: ['cura', 'casa', 'cibo'],
  familycare: ['ascolto', 'cura', 'lavoro'],
  housepetcare: ['casa', 'cura'],
};

/**
 * Writes the catalogue through one pg client. `demo` is the compiled demo data module
 * (COMUNI, FAMILIES, SERVICES); triggers keep search_vector/search_text as in production.
 */
export async function seedCatalogue(client, demo, { services = 100_000, organisations = 2_000 } = {}) {
  await client.query(`SELECT setseed(0.42)`);
  await client.query(
    `INSERT INTO comune (slug, name, istat_code, province, postal_code, population, location)
     SELECT c.slug, c.name, c."istatCode", c.province, c."postalCode", c.population,
            ST_SetSRID(ST_MakePoint(c.lng, c.lat), 4326)::geography
       FROM json_to_recordset($1::json) AS c(slug text, name text, "istatCode" text, province text,
            "postalCode" text, population int, lat float8, lng float8)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(demo.COMUNI)],
  );
  await client.query(
    `INSERT INTO category (slug, family, parent_id, name_it, name_en, description_it, description_en, position)
     SELECT f->>'slug', f->>'family', NULL, f->'name'->>'it', f->'name'->>'en',
            f->'description'->>'it', f->'description'->>'en', n
       FROM json_array_elements($1::json) WITH ORDINALITY AS x(f, n)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(demo.FAMILIES)],
  );
  await client.query(
    `INSERT INTO category (slug, family, parent_id, name_it, name_en, position)
     SELECT s->>'slug', f.family, p.id, s->'name'->>'it', s->'name'->>'en', n
       FROM json_to_recordset($1::json) AS f(family text, subcategories json)
       JOIN category p ON p.family = f.family AND p.parent_id IS NULL
       CROSS JOIN LATERAL json_array_elements(f.subcategories) WITH ORDINALITY AS x(s, n)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(demo.FAMILIES)],
  );
  await client.query(
    `INSERT INTO theme (slug, name_it, name_en, position)
     SELECT slug, initcap(slug), initcap(slug), n FROM unnest($1::text[]) WITH ORDINALITY AS t(slug, n)
     ON CONFLICT DO NOTHING`,
    [THEMES],
  );
  await client.query(
    `INSERT INTO target_group (slug, name_it, name_en, position)
     SELECT slug, initcap(slug), initcap(slug), n FROM unnest($1::text[]) WITH ORDINALITY AS t(slug, n)
     ON CONFLICT DO NOTHING`,
    [TARGET_GROUPS],
  );

  // Organisations around the Comuni's centres (±2 km); one in twenty is not accredited yet.
  await client.query(
    `INSERT INTO organisation (slug, kind, name, legal_name, vat_number, fiscal_code, description, email,
                               comune_id, address, location, accredited_at, accreditation_status)
     SELECT 'bench-org-' || i,
            (ARRAY['cooperative', 'association', 'public_body'])[1 + i % 3],
            ($2::text[])[1 + i % cardinality($2::text[])] || ' ' || ($1::text[])[1 + (i / 7) % cardinality($1::text[])]
              || ' ' || c.name || ' ' || i,
            'Ente ' || i || ' ETS', lpad(i::text, 11, '0'), lpad(i::text, 11, '0'),
            'Ente del terzo settore che opera nei Comuni dell''Ambito.', 'ente' || i || '@bench.example',
            c.id, 'Via Roma ' || (1 + i % 90) || ', ' || c.name,
            ST_SetSRID(ST_MakePoint(ST_X(c.location::geometry) + (random() - 0.5) * 0.05,
                                    ST_Y(c.location::geometry) + (random() - 0.5) * 0.036), 4326)::geography,
            CASE WHEN i % 20 = 0 THEN NULL ELSE now() END,
            CASE WHEN i % 20 = 0 THEN 'pending' ELSE 'accredited' END
       FROM generate_series(1, $3::int) AS i
       JOIN LATERAL (SELECT * FROM comune ORDER BY slug OFFSET (i % 8) LIMIT 1) c ON true`,
    [ORGANISATION_NAMES, ORGANISATION_PREFIXES, organisations],
  );
  await client.query(
    `INSERT INTO place (organisation_id, name, address, comune_id, location, opening_hours)
     SELECT o.id, 'Sede di ' || o.name, o.address, o.comune_id, o.location,
            '[{"day":1,"opens":"09:00","closes":"12:30"},{"day":3,"opens":"09:00","closes":"12:30"}]'
       FROM organisation o WHERE o.slug LIKE 'bench-org-%'`,
  );

  // Services: the demo services' texts, varied by suffix, organisation and price. Locations are written
  // directly (a service at its organisation's place, moved a little), so the place link below can skip
  // the per-row location trigger.
  const templates = demo.SERVICES.map((s) => ({
    category: s.category,
    title: s.title,
    summary: s.summary,
    description: s.description,
    keywords: s.keywords,
    priceModel: s.priceModel,
    priceCents: s.priceCents,
    voucherPayable: s.voucherPayable,
  }));
  await client.query(`CREATE TEMP TABLE bench_org AS
    SELECT row_number() OVER (ORDER BY slug) AS n, id, location FROM organisation WHERE slug LIKE 'bench-org-%'`);
  await client.query(
    `CREATE TEMP TABLE bench_template AS
     SELECT t.*, c.id AS category_id
       FROM ROWS FROM (json_to_recordset($1::json) AS (category text, title text, summary text, description text,
            keywords text[], "priceModel" text, "priceCents" bigint, "voucherPayable" boolean))
            WITH ORDINALITY AS t(category, title, summary, description, keywords, "priceModel", "priceCents",
            "voucherPayable", n)
       JOIN category c ON c.slug = t.category`,
    [JSON.stringify(templates)],
  );
  const templateCount = templates.length;
  await client.query(
    `CREATE TEMP TABLE bench_service AS
     SELECT gen_random_uuid() AS id, 'bench-service-' || i AS slug, o.id AS organisation_id, t.category_id,
            c.family, trim(t.title || ' ' || ($2::text[])[1 + (i * 13) % cardinality($2::text[])]) AS title,
            t.summary, t.description || ' ' || ($3::text[])[1 + i % cardinality($3::text[])] AS description,
            t."priceModel" AS price_model,
            CASE WHEN t."priceModel" = 'free' THEN NULL
                 ELSE greatest(100, round(t."priceCents" * (0.6 + random() * 0.9) / 50) * 50) END AS price_cents,
            t."voucherPayable" AND random() < 0.8 AS voucher_payable,
            CASE WHEN i % 50 = 1 THEN 'draft' WHEN i % 50 = 2 THEN 'pending_review'
                 WHEN i % 50 = 3 THEN 'archived' ELSE 'published' END AS status,
            t.keywords,
            ST_SetSRID(ST_MakePoint(ST_X(o.location::geometry) + (random() - 0.5) * 0.004,
                                    ST_Y(o.location::geometry) + (random() - 0.5) * 0.003), 4326)::geography
              AS location,
            CASE WHEN i % 10 < 3 THEN
                   '[{"day":1,"opens":"09:00","closes":"12:30"},{"day":1,"opens":"14:00","closes":"18:00"},
                     {"day":2,"opens":"09:00","closes":"12:30"},{"day":3,"opens":"09:00","closes":"12:30"},
                     {"day":3,"opens":"14:00","closes":"18:00"},{"day":4,"opens":"09:00","closes":"12:30"},
                     {"day":5,"opens":"09:00","closes":"12:30"},{"day":5,"opens":"14:00","closes":"18:00"}]'::jsonb
                 WHEN i % 10 = 3 THEN
                   '[{"day":6,"opens":"08:00","closes":"20:00"},{"day":7,"opens":"08:00","closes":"20:00"}]'::jsonb
                 WHEN i % 10 = 4 THEN
                   '[{"day":1,"opens":"00:00","closes":"23:59"},{"day":2,"opens":"00:00","closes":"23:59"},
                     {"day":3,"opens":"00:00","closes":"23:59"},{"day":4,"opens":"00:00","closes":"23:59"},
                     {"day":5,"opens":"00:00","closes":"23:59"},{"day":6,"opens":"00:00","closes":"23:59"},
                     {"day":7,"opens":"00:00","closes":"23:59"}]'::jsonb
                 ELSE '[]'::jsonb END AS opening_hours,
            now() - (i % 700) * interval '1 hour' AS created_at
       FROM generate_series(1, $1::int) AS i
       JOIN bench_template t ON t.n = 1 + (hashint4(i) & 2147483647) % ${templateCount}
       JOIN bench_org o ON o.n = 1 + (hashint4(-i) & 2147483647) % ${organisations}
       JOIN category c ON c.id = t.category_id`,
    [services, TITLE_SUFFIXES, SENTENCES],
  );
  // Every service serves its organisation's Comune and about one in five of the others; themes and target
  // groups are drawn from those that suit its family.
  await client.query(`
    CREATE TEMP TABLE bench_comune AS
    SELECT b.id AS service_offer_id, o.comune_id FROM bench_service b JOIN organisation o ON o.id = b.organisation_id
    UNION
    SELECT b.id, c.id FROM bench_service b CROSS JOIN comune c WHERE random() < 0.2`);
  await client.query(
    `CREATE TEMP TABLE bench_theme AS
     SELECT b.id AS service_offer_id, th.id AS theme_id
       FROM bench_service b JOIN theme th ON th.slug IN (SELECT json_array_elements_text($1::json -> b.family))
      WHERE (hashtext(b.slug || th.slug) % 100 + 100) % 100 < 55`,
    [JSON.stringify(FAMILY_THEMES)],
  );
  await client.query(
    `CREATE TEMP TABLE bench_target AS
     SELECT b.id AS service_offer_id, g.id AS target_group_id
       FROM bench_service b JOIN target_group g ON g.slug IN (SELECT json_array_elements_text($1::json -> b.family))
      WHERE (hashtext(b.slug || g.slug) % 100 + 100) % 100 < 60`,
    [JSON.stringify(FAMILY_TARGETS)],
  );
  // The arrays the join tables' triggers keep are written here at once, with those triggers off.
  await client.query(`
    INSERT INTO service_offer (id, slug, organisation_id, category_id, title, summary, description, price_model,
                               price_cents, voucher_payable, status, keywords, location, opening_hours,
                               published_at, first_approved_at, submitted_at, created_at,
                               theme_ids, target_group_ids, comune_ids)
    SELECT b.id, b.slug, b.organisation_id, b.category_id, b.title, b.summary, b.description, b.price_model,
           b.price_cents, b.voucher_payable, b.status, b.keywords, b.location, b.opening_hours,
           CASE WHEN b.status IN ('published', 'archived') THEN b.created_at END,
           CASE WHEN b.status IN ('published', 'archived') THEN b.created_at END,
           b.created_at, b.created_at,
           coalesce(th.ids, '{}'), coalesce(tg.ids, '{}'), coalesce(cm.ids, '{}')
      FROM bench_service b
      LEFT JOIN (SELECT service_offer_id, array_agg(theme_id ORDER BY theme_id) AS ids
                   FROM bench_theme GROUP BY 1) th ON th.service_offer_id = b.id
      LEFT JOIN (SELECT service_offer_id, array_agg(target_group_id ORDER BY target_group_id) AS ids
                   FROM bench_target GROUP BY 1) tg ON tg.service_offer_id = b.id
      LEFT JOIN (SELECT service_offer_id, array_agg(comune_id ORDER BY comune_id) AS ids
                   FROM bench_comune GROUP BY 1) cm ON cm.service_offer_id = b.id`);
  for (const [table, source] of [
    ['service_offer_comune', 'bench_comune'],
    ['service_offer_theme', 'bench_theme'],
    ['service_offer_target_group', 'bench_target'],
  ]) {
    await client.query(`ALTER TABLE ${table} DISABLE TRIGGER ${table}_inserted`);
    await client.query(`INSERT INTO ${table} SELECT * FROM ${source}`);
    await client.query(`ALTER TABLE ${table} ENABLE TRIGGER ${table}_inserted`);
  }
  // Half the services happen at their organisation's place (location already set above).
  await client.query(`ALTER TABLE service_offer_place DISABLE TRIGGER service_offer_place_changed`);
  await client.query(`
    INSERT INTO service_offer_place (service_offer_id, place_id)
    SELECT s.id, p.id FROM service_offer s JOIN place p ON p.organisation_id = s.organisation_id
     WHERE s.slug LIKE 'bench-service-%' AND right(s.slug, 1) IN ('0', '2', '4', '6', '8')`);
  await client.query(`ALTER TABLE service_offer_place ENABLE TRIGGER service_offer_place_changed`);
  await client.query(`VACUUM ANALYZE`);
  const {
    rows: [counts],
  } = await client.query(`
    SELECT (SELECT count(*) FROM service_offer)::int AS services,
           (SELECT count(*) FROM service_offer s JOIN organisation o ON o.id = s.organisation_id
             WHERE s.status = 'published' AND o.accreditation_status = 'accredited')::int AS visible,
           (SELECT count(*) FROM organisation)::int AS organisations`);
  return counts;
}
