import { isOpenAt, type OpeningHours } from '@piazza/core';
import { DataSource } from 'typeorm';
import { givenDemoAmbito } from '../support/demo-ambito';
import { HttpClient } from '../support/http-client';
import { useTestApi } from '../support/test-api';

const PUBLIC_URL = 'https://piazza.example.org';
const ORG = 'cortile-dei-ragazzi';

interface OrganisationCard {
  slug: string;
  name: string;
  kind: string;
  comune: { slug: string; name: string };
  logoUrl: string | null;
  serviceCount: number;
}

describe('Directory: organisation pages, logos and Social Points', () => {
  const api = useTestApi({ PUBLIC_URL });
  let visitor: HttpClient;
  let db: DataSource;
  let org: { id: string; comune_id: string };

  beforeAll(async () => {
    await givenDemoAmbito(api.app);
    visitor = new HttpClient(api.app);
    db = api.app.get(DataSource);
    [org] = await db.query(`SELECT id, comune_id FROM organisation WHERE slug = $1`, [ORG]);
  });

  /** An organisation of our own, accredited or not. */
  async function givenOrganisation(
    slug: string,
    options: { kind?: string; accredited?: boolean; name?: string } = {},
  ) {
    const accredited = options.accredited ?? true;
    const [row] = await db.query(
      `INSERT INTO organisation (slug, kind, name, legal_name, fiscal_code, email, comune_id, address,
                                 accreditation_status, accredited_at, shop_category)
       VALUES ($1, $2, $3, $3, '00000000000', 'info@example.org', $4, 'Via Roma 1', $5, $6, $7) RETURNING id`,
      [
        slug,
        options.kind ?? 'association',
        options.name ?? `Associazione ${slug}`,
        org.comune_id,
        accredited ? 'accredited' : 'pending',
        accredited ? new Date() : null,
        options.kind === 'shop' ? 'alimentari' : null,
      ],
    );
    return row.id as string;
  }

  it('lists accredited organisations by name, without shops unless asked for', async () => {
    await givenOrganisation('in-attesa-di-accreditamento', { accredited: false });
    const [{ n }] = await db.query(
      `SELECT count(*) AS n FROM organisation WHERE accreditation_status = 'accredited' AND kind <> 'shop'`,
    );
    const all: OrganisationCard[] = [];
    for (let page = 1; ; page++) {
      const res = await visitor.get(`/api/catalogue/organisations?pageSize=7&page=${page}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: Number(n), page, pageSize: 7 });
      all.push(...res.body.items);
      if (res.body.items.length < 7) break;
    }
    expect(all).toHaveLength(Number(n));
    expect(all.map((o) => o.slug)).not.toContain('in-attesa-di-accreditamento');
    expect(all.every((o) => o.kind !== 'shop')).toBe(true);
    const names = all.map((o) => o.name.toLowerCase());
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    const cortile = all.find((o) => o.slug === ORG)!;
    const [{ services }] = await db.query(
      `SELECT count(*) AS services FROM service_offer WHERE organisation_id = $1 AND status = 'published'`,
      [org.id],
    );
    expect(cortile.serviceCount).toBe(Number(services));
    expect(cortile.serviceCount).toBeGreaterThan(0);

    const shops = await visitor.get('/api/catalogue/organisations?kind=shop&pageSize=100');
    expect(shops.body.items.length).toBeGreaterThan(0);
    expect(shops.body.items.every((o: OrganisationCard) => o.kind === 'shop')).toBe(true);
  });

  it('filters organisations by words (accents ignored) and by Comune', async () => {
    await givenOrganisation('san-vito-solidale', { name: 'Associazione Solidarietà San Vito' });
    const found = await visitor.get(`/api/catalogue/organisations?q=${encodeURIComponent('SOLIDARIETA')}`);
    expect(found.body.items.map((o: OrganisationCard) => o.slug)).toContain('san-vito-solidale');
    const nothing = await visitor.get('/api/catalogue/organisations?q=zzzqqq');
    expect(nothing.body).toMatchObject({ items: [], total: 0 });

    const [comune] = await db.query(`SELECT slug FROM comune WHERE id = $1`, [org.comune_id]);
    const inComune = await visitor.get(`/api/catalogue/organisations?comune=${comune.slug}&pageSize=100`);
    expect(inComune.body.items.length).toBeGreaterThan(0);
    expect(inComune.body.items.every((o: OrganisationCard) => o.comune.slug === comune.slug)).toBe(true);

    const bad = await visitor.get('/api/catalogue/organisations?kind=bank');
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('kind');
    expect((await visitor.get('/api/catalogue/organisations?pageSize=0')).status).toBe(400);
  });

  it("shows an organisation's page with its published services, places and upcoming events only", async () => {
    const [category] = await db.query(`SELECT id FROM category WHERE parent_id IS NOT NULL LIMIT 1`);
    await db.query(
      `INSERT INTO service_offer (slug, organisation_id, category_id, title, price_model, status)
       VALUES ('bozza-del-cortile', $1, $2, 'Servizio in bozza', 'free', 'draft')`,
      [org.id, category.id],
    );
    const [place] = await db.query(
      `INSERT INTO place (organisation_id, name, address, comune_id, location, opening_hours, accessibility)
       VALUES ($1, 'Sala del cortile', 'Via dei Ragazzi 3', $2, ST_SetSRID(ST_MakePoint(8.9, 45.71), 4326),
               '[{"day":1,"opens":"09:00","closes":"12:00"}]', 'Ingresso senza gradini')
       RETURNING id`,
      [org.id, org.comune_id],
    );
    const event = (slug: string, status: string, startsIn: string) =>
      db.query(
        `INSERT INTO event (slug, organisation_id, title, starts_at, ends_at, venue, address, comune_id, status)
         VALUES ($1, $2, $1, now() + $4::interval, now() + $4::interval + interval '2 hours', 'Sala', 'Via Roma 1',
                 $3, $5)`,
        [slug, org.id, org.comune_id, startsIn, status],
      );
    await event('festa-futura', 'published', '5 days');
    await event('festa-annullata', 'cancelled', '6 days');
    await event('festa-in-bozza', 'draft', '7 days');
    await event('festa-passata', 'published', '-5 days');

    const res = await visitor.get(`/api/catalogue/organisations/${ORG}`);
    expect(res.status).toBe(200);
    const page = res.body;
    expect(page).toMatchObject({
      slug: ORG,
      kind: 'cooperative',
      icsUrl: `${PUBLIC_URL}/api/catalogue/organisations/${ORG}/events.ics`,
      logoUrl: null,
    });
    const published: { slug: string }[] = await db.query(
      `SELECT slug FROM service_offer WHERE organisation_id = $1 AND status = 'published' ORDER BY slug`,
      [org.id],
    );
    expect(page.services.map((s: { slug: string }) => s.slug).sort()).toEqual(published.map((s) => s.slug));
    expect(page.services[0]).toMatchObject({
      organisation: { slug: ORG, kind: 'cooperative' },
      category: { name: { it: expect.any(String), en: expect.any(String) } },
      distanceMeters: null,
    });
    expect(page.places).toContainEqual({
      id: place.id,
      name: 'Sala del cortile',
      address: 'Via dei Ragazzi 3',
      comune: { slug: expect.any(String), name: expect.any(String) },
      location: { lat: 45.71, lng: 8.9 },
      openingHours: [{ day: 1, opens: '09:00', closes: '12:00' }],
      accessibility: 'Ingresso senza gradini',
    });
    const events = page.events.map((e: { slug: string }) => e.slug);
    expect(events).toEqual(expect.arrayContaining(['festa-futura', 'festa-annullata']));
    expect(events).not.toContain('festa-in-bozza');
    expect(events).not.toContain('festa-passata');
    expect(page.events.find((e: { slug: string }) => e.slug === 'festa-annullata').status).toBe('cancelled');
  });

  it('has no page for an organisation that is not accredited, or that does not exist', async () => {
    await givenOrganisation('ancora-in-attesa', { accredited: false });
    for (const slug of ['ancora-in-attesa', 'nessuno-si-chiama-cosi', 'Not_A_Slug']) {
      const res = await visitor.get(`/api/catalogue/organisations/${slug}`);
      expect(res.status).toBe(404);
      expect(res.body.message).toEqual({ it: expect.any(String), en: expect.any(String) });
    }
    expect((await visitor.get('/api/catalogue/organisations/ancora-in-attesa/events.ics')).status).toBe(404);
  });

  it('serves the logo with a day of caching and answers 304 to a browser that has it', async () => {
    expect((await visitor.get(`/api/catalogue/organisations/${ORG}/logo`)).status).toBe(404);
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    await db.query(
      `INSERT INTO organisation_logo (organisation_id, content_type, image, width, height, updated_at)
       VALUES ($1, 'image/png', $2, 64, 64, now() - interval '1 hour')`,
      [org.id, png],
    );
    const res = await visitor.get(`/api/catalogue/organisations/${ORG}/logo`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['cache-control']).toBe('public, max-age=86400');
    expect(res.raw.equals(png)).toBe(true);
    const etag = res.headers['etag'] as string;
    expect(etag).toMatch(/^".+"$/);

    const again = await visitor.send('GET', `/api/catalogue/organisations/${ORG}/logo`, undefined, {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    expect(again.raw.length).toBe(0);
    expect(again.headers['etag']).toBe(etag);

    // The card and the page link the logo with a version, so a new logo is a new URL.
    const card = (await visitor.get(`/api/catalogue/organisations?q=cortile`)).body.items[0];
    expect(card.logoUrl).toMatch(new RegExp(`^/api/catalogue/organisations/${ORG}/logo\\?v=\\d+$`));
    expect((await visitor.get(`/api/catalogue/organisations/${ORG}`)).body.logoUrl).toBe(card.logoUrl);
    const versioned = await visitor.get(card.logoUrl);
    expect(versioned.status).toBe(200);
    expect(versioned.raw.equals(png)).toBe(true);

    await db.query(`UPDATE organisation_logo SET image = $2, updated_at = now() WHERE organisation_id = $1`, [
      org.id,
      Buffer.from('89504e470d0a1a0a', 'hex'),
    ]);
    const changed = await visitor.send('GET', `/api/catalogue/organisations/${ORG}/logo`, undefined, {
      headers: { 'if-none-match': etag },
    });
    expect(changed.status).toBe(200);
    expect(changed.headers['etag']).not.toBe(etag);
    expect(changed.raw.length).toBe(8);
  });

  it('lists the Social Points with whether they are open now and their first free appointment', async () => {
    const points: {
      slug: string;
      openingHours: OpeningHours[];
      openNow: boolean;
      nextFreeSlot: string | null;
    }[] = (await visitor.get('/api/catalogue/social-points')).body;
    const [{ n }] = await db.query(`SELECT count(*) AS n FROM social_point`);
    expect(points).toHaveLength(Number(n));
    for (const p of points) expect(p.openNow).toBe(isOpenAt(p.openingHours, new Date()));

    const [point] = await db.query(`SELECT id, slug FROM social_point ORDER BY slug LIMIT 1`);
    await db.query(`DELETE FROM social_point_slot WHERE social_point_id = $1`, [point.id]);
    const slot = (inHours: number, capacity: number, booked: number) =>
      db.query(
        `INSERT INTO social_point_slot (social_point_id, starts_at, ends_at, capacity, booked)
         VALUES ($1, date_trunc('minute', now()) + make_interval(hours => $2),
                 date_trunc('minute', now()) + make_interval(hours => $2) + interval '30 minutes', $3, $4)
         RETURNING id, starts_at`,
        [point.id, inHours, capacity, booked],
      );
    await slot(-2, 1, 0); // past
    await slot(24, 2, 2); // full
    const [free] = await slot(48, 3, 1);
    const [later] = await slot(24 * 10, 1, 0);
    await slot(24 * 20, 1, 0); // beyond two weeks

    const listed = (await visitor.get('/api/catalogue/social-points')).body.find(
      (p: { slug: string }) => p.slug === point.slug,
    );
    expect(listed.nextFreeSlot).toBe(free.starts_at.toISOString());

    const detail = await visitor.get(`/api/catalogue/social-points/${point.slug}`);
    expect(detail.status).toBe(200);
    expect(detail.body.slots).toEqual([
      { id: free.id, startsAt: free.starts_at.toISOString(), endsAt: expect.any(String), free: 2 },
      { id: later.id, startsAt: later.starts_at.toISOString(), endsAt: expect.any(String), free: 1 },
    ]);
    expect(detail.body).toMatchObject({
      slug: point.slug,
      location: { lat: expect.any(Number), lng: expect.any(Number) },
      languages: expect.arrayContaining(['it']),
    });
    expect((await visitor.get('/api/catalogue/social-points/nessun-punto')).status).toBe(404);
  });
});
