import { ambitoOrganizationId, taxonomyId } from '@piazza/reporting';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { givenDemoAmbito } from '../support/demo-ambito';
import { HttpClient } from '../support/http-client';
import { useTestApi } from '../support/test-api';

const PUBLIC_URL = 'https://piazza.example.org';
/** The Open Referral HSDS 3.0 schemas, beside the repository (CI checks out ../shared too). */
const SCHEMA_DIR = join(__dirname, '../../../shared/hsds-3.0/schema');

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Every HSDS object schema, compiled together so that their `$ref`s to each other resolve. */
function hsdsValidators(): Record<string, ValidateFunction> {
  // The schemas carry Data Package keywords (constraints, core, datapackage_type, ...): not strict.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const files = readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.json') && f !== 'openapi.json');
  for (const file of files) ajv.addSchema(JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')), file);
  return Object.fromEntries(files.map((f) => [f.replace(/\.json$/, ''), ajv.getSchema(f)!]));
}

describe('Open Referral HSDS 3.0 export', () => {
  const api = useTestApi({ PUBLIC_URL });
  const validators = hsdsValidators();
  const problems: string[] = [];
  let visitor: HttpClient;
  let db: DataSource;
  /** The service given two places, a theme and a target group. */
  let placed: string;

  /** Checks an object against an HSDS schema; problems are gathered and asserted at the end of each test. */
  function check(schema: string, object: unknown, label: string): void {
    const validate = validators[schema];
    if (!validate(object)) {
      problems.push(`${label}: ${validate.errors!.map((e) => `${e.instancePath} ${e.message}`).join('; ')}`);
    }
  }

  async function get(url: string): Promise<Json> {
    const res = await visitor.get(url);
    expect({ url, status: res.status }).toEqual({ url, status: 200 });
    return res.body;
  }

  /** Every item of a paged HSDS list, checking each page's Page fields on the way. */
  async function all(path: string, perPage = 7): Promise<Json[]> {
    const items: Json[] = [];
    const separator = path.includes('?') ? '&' : '?';
    for (let page = 1; ; page++) {
      const body = await get(`${path}${separator}per_page=${perPage}&page=${page}`);
      expect(body).toMatchObject({
        page_number: page,
        size: body.contents.length,
        first_page: page === 1,
        total_pages: Math.ceil(body.total_items / perPage),
        last_page: page >= Math.ceil(body.total_items / perPage),
        empty: body.total_items === 0,
      });
      items.push(...body.contents);
      if (body.last_page) break;
    }
    return items;
  }

  beforeAll(async () => {
    await givenDemoAmbito(api.app);
    visitor = new HttpClient(api.app);
    db = api.app.get(DataSource);
    const [service] = await db.query(
      `SELECT s.id, s.organisation_id, o.comune_id FROM service_offer s JOIN organisation o ON o.id = s.organisation_id
        WHERE s.status = 'published' AND o.slug = 'cortile-dei-ragazzi' ORDER BY s.slug LIMIT 1`,
    );
    placed = service.id;
    // Two places for one service, with hours and accessibility; a theme and a target group on it.
    const places = await db.query(
      `INSERT INTO place (organisation_id, name, address, comune_id, location, opening_hours, accessibility)
       SELECT $1, name, 'Via Roma ' || n || ', 21049 Tradate VA', $2, ST_SetSRID(ST_MakePoint(8.9, 45.71), 4326),
              '[{"day":1,"opens":"09:00","closes":"12:00"},{"day":3,"opens":"09:00","closes":"12:00"},
                {"day":3,"opens":"14:00","closes":"18:00"}]', 'Ascensore'
         FROM (VALUES ('Sede HSDS uno', 1), ('Sede HSDS due', 2)) v(name, n)
       RETURNING id`,
      [service.organisation_id, service.comune_id],
    );
    await db.query(`DELETE FROM service_offer_place WHERE service_offer_id = $1`, [service.id]);
    await db.query(
      `INSERT INTO service_offer_place (service_offer_id, place_id, position) SELECT $1, id, 0 FROM unnest($2::uuid[]) id`,
      [service.id, places.map((p: { id: string }) => p.id)],
    );
    await db.query(
      `INSERT INTO theme (slug, name_it, name_en) VALUES ('tema-hsds', 'Tema HSDS', 'HSDS theme') ON CONFLICT DO NOTHING`,
    );
    await db.query(
      `INSERT INTO target_group (slug, name_it, name_en) VALUES ('gruppo-hsds', 'Gruppo HSDS', 'HSDS group')
       ON CONFLICT DO NOTHING`,
    );
    await db.query(
      `INSERT INTO service_offer_theme (service_offer_id, theme_id) SELECT $1, id FROM theme WHERE slug = 'tema-hsds'`,
      [service.id],
    );
    await db.query(
      `INSERT INTO service_offer_target_group (service_offer_id, target_group_id)
       SELECT $1, id FROM target_group WHERE slug = 'gruppo-hsds'`,
      [service.id],
    );
    // Neither a draft nor a service of an organisation still waiting for accreditation is published.
    const [pending] = await db.query(
      `INSERT INTO organisation (slug, kind, name, legal_name, fiscal_code, email, comune_id, address)
       VALUES ('ente-hsds-in-attesa', 'association', 'In attesa', 'In attesa', '00000000000', 'a@example.org', $1,
               'Via Roma 3') RETURNING id`,
      [service.comune_id],
    );
    const [category] = await db.query(
      `SELECT id FROM category WHERE parent_id IS NOT NULL ORDER BY slug LIMIT 1`,
    );
    await db.query(
      `INSERT INTO service_offer (slug, organisation_id, category_id, title, price_model, status)
       VALUES ('hsds-bozza', $1, $3, 'Bozza', 'free', 'draft'),
              ('hsds-ente-in-attesa', $2, $3, 'Di un ente in attesa', 'free', 'draft')`,
      [service.organisation_id, pending.id, category.id],
    );
    await db.query(
      `UPDATE service_offer SET status = 'published', first_approved_at = now() WHERE slug = 'hsds-ente-in-attesa'`,
    );
  });

  afterEach(() => {
    expect(problems.splice(0)).toEqual([]);
  });

  /** Published services of accredited organisations (the catalogue as the public sees it). */
  async function publishedCount(): Promise<number> {
    const [{ n }] = await db.query(
      `SELECT count(*) AS n FROM service_offer s JOIN organisation o ON o.id = s.organisation_id
        WHERE s.status = 'published' AND o.accreditation_status = 'accredited' AND o.kind <> 'shop'`,
    );
    return Number(n);
  }

  it('validates against the real schemas, which refuse a malformed object', () => {
    expect(Object.keys(validators)).toEqual(
      expect.arrayContaining(['service', 'organization', 'location', 'schedule']),
    );
    expect(validators.service({ id: 'not-a-uuid', name: 'x', status: 'active' })).toBe(false);
    expect(
      validators.service({ id: '00000000-0000-4000-8000-000000000000', name: 'x', status: 'open' }),
    ).toBe(false);
    // A nested object is checked through its $ref: an address without a city is refused inside a location.
    const location = { id: '00000000-0000-4000-8000-000000000000', location_type: 'physical' };
    expect(validators.location(location)).toBe(true);
    expect(
      validators.location({ ...location, addresses: [{ id: location.id, address_1: 'Via Roma 1' }] }),
    ).toBe(false);
  });

  it('describes itself as an HSDS 3.0 API', async () => {
    expect(await get('/api/hsds')).toEqual({
      version: '3.0',
      profile: expect.stringMatching(/^https:\/\//),
      openapi_url: expect.stringMatching(/openapi\.json$/),
    });
  });

  it('lists every published service, each valid, and serves each one in full', async () => {
    const list = await all('/api/hsds/services');
    expect(list).toHaveLength(await publishedCount());
    expect(list.length).toBeGreaterThan(50);
    expect(new Set(list.map((s) => s.id)).size).toBe(list.length);
    for (const s of list) check('service', s, `services list ${s.id}`);
    expect(list.every((s) => s.status === 'active' && s.url.startsWith(`${PUBLIC_URL}/servizi/`))).toBe(true);

    const hidden = await db.query(
      `SELECT id FROM service_offer WHERE slug IN ('hsds-bozza', 'hsds-ente-in-attesa')`,
    );
    expect(hidden).toHaveLength(2);
    for (const { id } of hidden) expect(list.map((s) => s.id)).not.toContain(id);

    for (const { id } of list) {
      const service = await get(`/api/hsds/services/${id}`);
      check('service', service, `service ${id}`);
      check('organization', service.organization, `service ${id} organization`);
      for (const sal of service.service_at_locations) {
        check('service_at_location', sal, `service ${id} service_at_location`);
        check('location', sal.location, `service ${id} location ${sal.location_id}`);
      }
      for (const attribute of service.attributes) check('attribute', attribute, `service ${id} attribute`);
      expect(service.service_at_locations.length).toBeGreaterThan(0);
      expect(service.attributes.filter((a: Json) => a.link_type === 'category')).toHaveLength(1);
      expect(service.service_areas.length).toBeGreaterThan(0);
      expect(service.cost_options).toHaveLength(1);
      expect(service.cost_options[0].currency).toBe('EUR');
    }
  });

  it('maps price, Comuni, places, hours and terms of a service as HSDS expects them', async () => {
    const [row] = await db.query(
      `SELECT s.id, s.price_cents, s.organisation_id,
              array(SELECT cm.name FROM service_offer_comune sc JOIN comune cm ON cm.id = sc.comune_id
                     WHERE sc.service_offer_id = s.id ORDER BY cm.name) AS comuni
         FROM service_offer s WHERE s.id = $1`,
      [placed],
    );
    const service = await get(`/api/hsds/services/${row.id}`);
    expect(service.cost_options[0].amount).toBe(row.price_cents === null ? 0 : Number(row.price_cents) / 100);
    expect(service.service_areas.map((a: Json) => a.name)).toEqual(row.comuni);
    expect(service.organization_id).toBe(row.organisation_id);
    const locations = service.service_at_locations.map((sal: Json) => sal.location);
    expect(locations.map((l: Json) => l.name).sort()).toEqual(['Sede HSDS due', 'Sede HSDS uno']);
    const location = locations[0];
    expect(location).toMatchObject({ latitude: 45.71, longitude: 8.9, location_type: 'physical' });
    expect(location.addresses[0]).toMatchObject({
      city: 'Tradate',
      state_province: 'VA',
      postal_code: '21049',
      country: 'IT',
    });
    expect(location.accessibility[0].description).toBe('Ascensore');
    // Monday and Wednesday mornings are one weekly rule; Wednesday afternoon another.
    expect(location.schedules).toEqual([
      expect.objectContaining({
        freq: 'WEEKLY',
        byday: 'MO,WE',
        opens_at: expect.stringMatching(/^09:00[+-]\d\d:00$/),
      }),
      expect.objectContaining({
        freq: 'WEEKLY',
        byday: 'WE',
        closes_at: expect.stringMatching(/^18:00[+-]\d\d:00$/),
      }),
    ]);
    const terms = service.attributes.map((a: Json) => [a.link_type, a.taxonomy_term.code]);
    expect(terms).toEqual(
      expect.arrayContaining([
        ['theme', 'tema-hsds'],
        ['target_group', 'gruppo-hsds'],
      ]),
    );
    for (const a of service.attributes) {
      expect(a.link_id).toBe(row.id);
      expect(a.taxonomy_term_id).toBe(a.taxonomy_term.id);
    }
  });

  it('pages services with full, minimal and every filter the spec lists', async () => {
    const full = await get('/api/hsds/services?full=true&per_page=5');
    for (const s of full.contents) check('service', s, `full ${s.id}`);
    expect(full.contents[0].service_at_locations[0].location).toBeDefined();
    const minimal = await get('/api/hsds/services?minimal=true&per_page=3');
    expect(Object.keys(minimal.contents[0]).sort()).toEqual(['id', 'last_modified']);

    const [family] = await db.query(
      `SELECT f.id, f.family FROM category f WHERE f.parent_id IS NULL ORDER BY f.position LIMIT 1`,
    );
    const ofFamily = await all(`/api/hsds/services?taxonomy_term_id=${family.id}`, 100);
    const [{ n }] = await db.query(
      `SELECT count(*) AS n FROM service_offer s JOIN category c ON c.id = s.category_id
         JOIN organisation o ON o.id = s.organisation_id AND o.accreditation_status = 'accredited'
        WHERE s.status = 'published' AND c.family = $1`,
      [family.family],
    );
    expect(ofFamily).toHaveLength(Number(n));
    expect(ofFamily.length).toBeGreaterThan(0);

    const [theme] = await db.query(`SELECT id FROM theme WHERE slug = 'tema-hsds'`);
    expect((await get(`/api/hsds/services?taxonomy_term_id=${theme.id}`)).total_items).toBe(1);
    const [{ themed }] = await db.query(
      `SELECT count(DISTINCT st.service_offer_id) AS themed FROM service_offer_theme st
         JOIN service_offer s ON s.id = st.service_offer_id AND s.status = 'published'
         JOIN organisation o ON o.id = s.organisation_id AND o.accreditation_status = 'accredited'`,
    );
    expect((await get(`/api/hsds/services?taxonomy_id=${taxonomyId('themes')}`)).total_items).toBe(
      Number(themed),
    );
    expect((await get(`/api/hsds/services?taxonomy_id=${taxonomyId('categories')}`)).total_items).toBe(
      await publishedCount(),
    );

    const [org] = await db.query(`SELECT id FROM organisation WHERE slug = 'cortile-dei-ragazzi'`);
    const ofOrg = await get(`/api/hsds/services?organization_id=${org.id}&per_page=100`);
    expect(ofOrg.contents.length).toBeGreaterThan(0);
    expect(ofOrg.contents.every((s: Json) => s.organization_id === org.id)).toBe(true);

    const searched = await get('/api/hsds/services?search=babysitter');
    expect(searched.total_items).toBeGreaterThan(0);
    expect(searched.total_items).toBeLessThan(await publishedCount());

    const future = new Date(Date.now() + 86_400_000).toISOString();
    expect((await get(`/api/hsds/services?modified_after=${future}`)).total_items).toBe(0);
    expect((await get('/api/hsds/services?modified_after=2000-01-01T00:00:00Z')).total_items).toBe(
      await publishedCount(),
    );

    for (const bad of [
      'organization_id=abc',
      'per_page=0',
      'modified_after=ieri',
      'full=forse',
      'format=xml',
      'nope=1',
    ]) {
      const res = await visitor.get(`/api/hsds/services?${bad}`);
      expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
    }
  });

  it('lists organizations, the Ambito among them when it runs Social Points, each valid in full', async () => {
    const list = await all('/api/hsds/organizations');
    const [{ n }] = await db.query(
      `SELECT count(*) AS n FROM organisation WHERE accreditation_status = 'accredited' AND kind <> 'shop'`,
    );
    const [{ orphans }] = await db.query(
      `SELECT count(*) AS orphans FROM social_point p WHERE NOT EXISTS (
         SELECT 1 FROM organisation o WHERE o.comune_id = p.comune_id AND o.kind = 'public_body'
            AND o.accreditation_status = 'accredited')`,
    );
    expect(list).toHaveLength(Number(n) + (Number(orphans) > 0 ? 1 : 0));
    for (const o of list) check('organization', o, `organizations list ${o.id}`);
    expect(list.map((o) => o.id)).not.toContain(
      (await db.query(`SELECT id FROM organisation WHERE slug = 'ente-hsds-in-attesa'`))[0].id,
    );

    const socialPoints: string[] = (await db.query(`SELECT id FROM social_point`)).map((r: Json) => r.id);
    const locatedSocialPoints: string[] = [];
    for (const { id } of list) {
      const org = await get(`/api/hsds/organizations/${id}`);
      check('organization', org, `organization ${id}`);
      for (const location of org.locations) {
        check('location', location, `organization ${id} location ${location.id}`);
        if (socialPoints.includes(location.id)) locatedSocialPoints.push(location.id);
      }
      for (const service of org.services)
        check('service', service, `organization ${id} service ${service.id}`);
    }
    // Every Social Point is a location of exactly one organization.
    expect(locatedSocialPoints.sort()).toEqual([...socialPoints].sort());

    const cortile = list.find((o) => o.uri === `${PUBLIC_URL}/enti/cortile-dei-ragazzi`)!;
    const full = await get(`/api/hsds/organizations/${cortile.id}?full_service=true`);
    expect(full.organization_identifiers).toContainEqual(
      expect.objectContaining({ identifier_scheme: 'IT-VAT', identifier: expect.stringMatching(/^\d{11}$/) }),
    );
    expect(full.phones.length).toBeGreaterThan(0);
    expect(full.contacts[0].email).toMatch(/@/);
    expect(full.services.length).toBeGreaterThan(0);
    for (const service of full.services) {
      check('service', service, `full_service ${service.id}`);
      expect(service.attributes).toBeDefined();
    }

    if (Number(orphans) > 0) {
      const ambito = await get(`/api/hsds/organizations/${ambitoOrganizationId()}`);
      expect(ambito.legal_status).toBe('Ente pubblico');
      const point = ambito.locations[0];
      expect(
        point.schedules.every(
          (s: Json) => s.freq === 'WEEKLY' && /^(MO|TU|WE|TH|FR|SA|SU)(,|$)/.test(s.byday),
        ),
      ).toBe(true);
      expect(point.languages).toContainEqual(expect.objectContaining({ code: 'it', name: 'italiano' }));
    }
    const fullPage = await get('/api/hsds/organizations?full=true&per_page=4');
    for (const o of fullPage.contents) check('organization', o, `full organizations ${o.id}`);
  });

  it('publishes categories, themes and target groups as three taxonomies of terms', async () => {
    const taxonomies = await all('/api/hsds/taxonomies');
    expect(taxonomies.map((t) => t.id).sort()).toEqual(
      [taxonomyId('categories'), taxonomyId('themes'), taxonomyId('target_groups')].sort(),
    );
    for (const t of taxonomies) {
      check('taxonomy', t, `taxonomy ${t.id}`);
      check('taxonomy', await get(`/api/hsds/taxonomies/${t.id}`), `taxonomy ${t.id} by id`);
    }

    const terms = await all('/api/hsds/taxonomy_terms', 25);
    const [{ n }] = await db.query(
      `SELECT (SELECT count(*) FROM category) + (SELECT count(*) FROM theme) + (SELECT count(*) FROM target_group) AS n`,
    );
    expect(terms).toHaveLength(Number(n));
    for (const term of terms) check('taxonomy_term', term, `term ${term.code}`);
    const categories = terms.filter((t) => t.taxonomy_id === taxonomyId('categories'));
    const roots = categories.filter((t) => !t.parent_id);
    expect(roots).toHaveLength(5);
    expect(categories.filter((t) => t.parent_id).every((t) => roots.some((r) => r.id === t.parent_id))).toBe(
      true,
    );

    const one = await get(`/api/hsds/taxonomy_terms/${roots[0].id}`);
    check('taxonomy_term', one, 'term by id');
    expect(one.taxonomy_detail.id).toBe(taxonomyId('categories'));
    const children = await get(`/api/hsds/taxonomy_terms?parent_id=${roots[0].id}&per_page=100`);
    expect(children.contents.every((t: Json) => t.parent_id === roots[0].id)).toBe(true);
    expect(children.total_items).toBeGreaterThan(0);
    const top = await get('/api/hsds/taxonomy_terms?top_only=true&per_page=200');
    expect(top.contents.every((t: Json) => !t.parent_id)).toBe(true);
    const themes = await get(`/api/hsds/taxonomy_terms?taxonomy_id=${taxonomyId('themes')}&per_page=200`);
    expect(themes.contents.map((t: Json) => t.code)).toContain('tema-hsds');
  });

  it('links each published service to each of its locations, or to its organisation seat', async () => {
    const list = await all('/api/hsds/service_at_locations', 20);
    const [{ n }] = await db.query(
      `SELECT sum(greatest(1, (SELECT count(*) FROM service_offer_place sp WHERE sp.service_offer_id = s.id))) AS n
         FROM service_offer s JOIN organisation o ON o.id = s.organisation_id
        WHERE s.status = 'published' AND o.accreditation_status = 'accredited' AND o.kind <> 'shop'`,
    );
    expect(list).toHaveLength(Number(n));
    expect(new Set(list.map((s) => s.id)).size).toBe(list.length);
    for (const sal of list) check('service_at_location', sal, `service_at_location ${sal.id}`);
    for (const { id } of list.slice(0, 40)) {
      const sal = await get(`/api/hsds/service_at_locations/${id}`);
      check('service_at_location', sal, `service_at_location ${id} by id`);
      check('location', sal.location, `service_at_location ${id} location`);
      check('service', sal.service, `service_at_location ${id} service`);
      expect(sal.location.id).toBe(sal.location_id);
    }
    const full = await get('/api/hsds/service_at_locations?full=true&per_page=10');
    for (const sal of full.contents) check('location', sal.location, `full service_at_location ${sal.id}`);

    const [comune] = await db.query(`SELECT postal_code FROM comune WHERE slug = 'tradate'`);
    const served = await get(`/api/hsds/service_at_locations?postcode=${comune.postal_code}&per_page=200`);
    expect(served.total_items).toBeGreaterThan(0);
    expect(served.total_items).toBeLessThanOrEqual(list.length);
    const near = await get(
      `/api/hsds/service_at_locations?postcode=${comune.postal_code}&proximity=100000&per_page=1`,
    );
    expect(near.total_items).toBeLessThanOrEqual(served.total_items);
  });

  it('answers 404 for ids that name nothing', async () => {
    const nobody = '00000000-0000-4000-8000-000000000000';
    for (const path of [
      'services',
      'organizations',
      'taxonomies',
      'taxonomy_terms',
      'service_at_locations',
    ]) {
      expect((await visitor.get(`/api/hsds/${path}/${nobody}`)).status).toBe(404);
      expect((await visitor.get(`/api/hsds/${path}/not-a-uuid`)).status).toBe(404);
    }
    const [draft] = await db.query(`SELECT id FROM service_offer WHERE slug = 'hsds-bozza'`);
    expect((await visitor.get(`/api/hsds/services/${draft.id}`)).status).toBe(404);
  });
});
