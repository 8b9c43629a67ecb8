import type { ServiceDetail, Taxonomy } from '@piazza/catalogue';
import { DataSource } from 'typeorm';
import { givenDemoAmbito } from '../support/demo-ambito';
import { useTestApi } from '../support/test-api';

interface ServicePage {
  items: {
    slug: string;
    title: string;
    family: string;
    priceCents: number | null;
    priceModel: string;
    comuni: { slug: string }[];
  }[];
  total: number;
  page: number;
  pageSize: number;
}

describe('Demo Ambito, settings and public catalogue', () => {
  const api = useTestApi();
  const get = async <T>(url: string): Promise<T> => {
    const res = await api.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    return res.json<T>();
  };

  it('brands the platform as "Piazza" until an Ambito is configured', async () => {
    const settings = await get<{ name: string; comuni: unknown[] }>('/api/settings');
    expect(settings.name).toBe('Piazza');
    expect(settings.comuni).toEqual([]);
  });

  it('seeds the demo Ambito once: a second run creates nothing', async () => {
    const first = await givenDemoAmbito(api.app);
    expect(first.created).toMatchObject({ comuni: 8, organisations: 30, socialPoints: 4, accounts: 5 });
    expect(first.created['services']).toBeGreaterThanOrEqual(55);
    const second = await givenDemoAmbito(api.app);
    expect(Object.values(second.created).every((n) => n === 0)).toBe(true);
  });

  it("serves the Ambito's name and its 8 Comuni for the web app", async () => {
    const settings = await get<{
      name: string;
      shortName: string;
      comuni: { name: string; istatCode: string }[];
    }>('/api/settings');
    expect(settings.shortName).toBe('Ambito di Tradate');
    expect(settings.comuni.map((c) => c.name)).toEqual([
      'Castelseprio',
      'Castiglione Olona',
      'Gornate Olona',
      'Lonate Ceppino',
      'Tradate',
      'Vedano Olona',
      'Venegono Inferiore',
      'Venegono Superiore',
    ]);
    expect(settings.comuni.find((c) => c.name === 'Tradate')?.istatCode).toBe('012127');
  });

  it('lists the five families in order, with counts that add up to the catalogue', async () => {
    const families = await get<{ slug: string; serviceCount: number }[]>('/api/catalogue/families');
    expect(families.map((f) => f.slug)).toEqual([
      'youcare',
      'childcare',
      'silvercare',
      'familycare',
      'housepetcare',
    ]);
    const all = await get<ServicePage>('/api/catalogue/services?pageSize=1');
    expect(families.reduce((sum, f) => sum + f.serviceCount, 0)).toBe(all.total);
    expect(families.every((f) => f.serviceCount > 0)).toBe(true);
  });

  it('finds a babysitter despite a typo, a missing accent or capitals', async () => {
    for (const q of ['babysiter', 'BABYSITTER', 'tata']) {
      const page = await get<ServicePage>(`/api/catalogue/services?q=${encodeURIComponent(q)}`);
      expect(page.items.length).toBeGreaterThan(0);
      expect(page.items[0].family).toBe('childcare');
    }
    const accents = await get<ServicePage>(`/api/catalogue/services?q=${encodeURIComponent('attivita')}`);
    expect(accents.total).toBeGreaterThan(0);
    const nonsense = await get<ServicePage>('/api/catalogue/services?q=zzqxw');
    expect(nonsense).toMatchObject({ items: [], total: 0 });
  });

  it('filters by family and Comune, and pages through every result exactly once', async () => {
    const tradate = await get<ServicePage>(
      '/api/catalogue/services?comune=tradate&family=silvercare&pageSize=100',
    );
    expect(tradate.total).toBeGreaterThan(0);
    for (const s of tradate.items) {
      expect(s.family).toBe('silvercare');
      expect(s.comuni.map((c) => c.slug)).toContain('tradate');
    }
    const pageSize = 7;
    const first = await get<ServicePage>(`/api/catalogue/services?pageSize=${pageSize}`);
    const pages = Math.ceil(first.total / pageSize);
    const seen: string[] = [];
    for (let page = 1; page <= pages; page++) {
      seen.push(
        ...(await get<ServicePage>(`/api/catalogue/services?pageSize=${pageSize}&page=${page}`)).items.map(
          (s) => s.slug,
        ),
      );
    }
    expect(seen).toHaveLength(first.total);
    expect(new Set(seen).size).toBe(first.total);
    const beyond = await get<ServicePage>(`/api/catalogue/services?pageSize=${pageSize}&page=${pages + 1}`);
    expect(beyond).toMatchObject({ items: [], total: first.total });
  });

  it('gives prices in whole cents, and none for free services', async () => {
    const all = await get<ServicePage>('/api/catalogue/services?pageSize=100');
    for (const s of all.items) {
      if (s.priceModel === 'free') expect(s.priceCents).toBeNull();
      else expect(Number.isInteger(s.priceCents)).toBe(true);
    }
    expect(all.items.some((s) => s.priceModel === 'free')).toBe(true);
  });

  it('describes the taxonomy with counts that match the search', async () => {
    const taxonomy = await get<Taxonomy>('/api/catalogue/taxonomy');
    expect(taxonomy.families.map((f) => f.slug)).toEqual([
      'youcare',
      'childcare',
      'silvercare',
      'familycare',
      'housepetcare',
    ]);
    for (const family of taxonomy.families) {
      expect(family.categories.length).toBeGreaterThan(0);
      expect(family.categories.reduce((sum, c) => sum + c.serviceCount, 0)).toBe(family.serviceCount);
      const found = await get<ServicePage>(`/api/catalogue/services?family=${family.slug}&pageSize=1`);
      expect({ family: family.slug, count: family.serviceCount }).toEqual({
        family: family.slug,
        count: found.total,
      });
    }
    const babysitting = taxonomy.families[1].categories.find((c) => c.slug === 'babysitting')!;
    expect(babysitting).toEqual({
      slug: 'babysitting',
      name: { it: 'Babysitting', en: 'Babysitting' },
      serviceCount: (await get<ServicePage>('/api/catalogue/services?category=babysitting&pageSize=1')).total,
    });
    for (const theme of taxonomy.themes) {
      expect(theme).toEqual({
        slug: expect.any(String),
        name: { it: expect.any(String), en: expect.any(String) },
        description: { it: expect.any(String), en: expect.any(String) },
        serviceCount: (await get<ServicePage>(`/api/catalogue/services?theme=${theme.slug}&pageSize=1`))
          .total,
      });
    }
    expect(taxonomy.targetGroups.every((g) => Number.isInteger(g.serviceCount))).toBe(true);
    expect(taxonomy.comuni).toHaveLength(8);
    expect(taxonomy.comuni.find((c) => c.slug === 'tradate')).toEqual({
      slug: 'tradate',
      name: 'Tradate',
      location: { lat: expect.closeTo(45.71429, 4), lng: expect.closeTo(8.90415, 4) },
    });
  });

  it("shows a service's page with its places, bookable slots and organisation", async () => {
    const db = api.app.get(DataSource);
    const [{ id, organisation_id }]: { id: string; organisation_id: string }[] = await db.query(
      `SELECT id, organisation_id FROM service_offer WHERE slug = 'babysitting-a-domicilio'`,
    );
    const [place]: { id: string }[] = await db.query(
      `INSERT INTO place (organisation_id, name, address, comune_id, location, opening_hours, accessibility)
       SELECT $1, 'Sala giochi di prova', 'Via delle Prove 1', c.id, c.location,
              '[{"day":2,"opens":"09:00","closes":"12:00"}]', 'Ingresso senza gradini'
         FROM comune c WHERE c.slug = 'tradate' RETURNING id`,
      [organisation_id],
    );
    await db.query(
      `INSERT INTO service_offer_place (service_offer_id, place_id, position) VALUES ($1, $2, -1)`,
      [id, place.id],
    );
    const slot = (days: number, booked: number, cancelled = false, placeId: string | null = null) =>
      db.query(
        `INSERT INTO service_slot (service_offer_id, place_id, starts_at, ends_at, capacity, booked, note, cancelled_at)
         VALUES ($1, $2, now() + make_interval(days => $3), now() + make_interval(days => $3, hours => 2), 3, $4,
                 'Nota ' || $3, CASE WHEN $5 THEN now() END)
         RETURNING id`,
        [id, placeId, days, booked, cancelled],
      );
    const [[later], [sooner]] = [await slot(400, 1, false, place.id), await slot(399, 0)];
    await slot(398, 3); // full
    await slot(397, 0, true); // cancelled
    await slot(-1, 0); // past

    const detail = await get<ServiceDetail>('/api/catalogue/services/babysitting-a-domicilio');
    expect(detail).toMatchObject({
      slug: 'babysitting-a-domicilio',
      family: 'childcare',
      category: { slug: 'babysitting' },
      description: expect.stringContaining('babysitter'),
      keywords: expect.arrayContaining(['babysitter', 'tata']),
      organisation: { slug: 'tre-ciliegi', logoUrl: null, email: expect.stringContaining('@') },
      distanceMeters: null,
      publishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      updatedAt: expect.stringMatching(/Z$/),
    });
    expect(detail.places[0]).toEqual({
      id: place.id,
      name: 'Sala giochi di prova',
      address: 'Via delle Prove 1',
      comune: { slug: 'tradate', name: 'Tradate' },
      location: { lat: expect.closeTo(45.71429, 4), lng: expect.closeTo(8.90415, 4) },
      openingHours: [{ day: 2, opens: '09:00', closes: '12:00' }],
      accessibility: 'Ingresso senza gradini',
    });
    const mine = detail.slots.filter((s) => [sooner.id, later.id].includes(s.id));
    expect(detail.slots.every((s) => s.free > 0 && new Date(s.startsAt) > new Date())).toBe(true);
    expect(mine).toEqual([
      expect.objectContaining({ id: sooner.id, capacity: 3, free: 3, place: null, note: 'Nota 399' }),
      expect.objectContaining({
        id: later.id,
        capacity: 3,
        free: 2,
        place: expect.objectContaining({ id: place.id }),
      }),
    ]);
    expect(mine[0].startsAt).toMatch(/Z$/);

    await db.query(
      `UPDATE organisation SET logo_updated_at = '2026-11-20T10:00:00.123Z' WHERE slug = 'tre-ciliegi'`,
    );
    const withLogo = await get<ServiceDetail>('/api/catalogue/services/babysitting-a-domicilio');
    expect(withLogo.organisation.logoUrl).toBe(
      `/api/catalogue/organisations/tre-ciliegi/logo?v=${Date.parse('2026-11-20T10:00:00.123Z')}`,
    );
    const missing = await api.app.inject({ method: 'GET', url: '/api/catalogue/services/non-esiste' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'NOT_FOUND', message: { it: expect.any(String) } });
  });

  it('refuses an unknown family with a message naming the field', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/api/catalogue/services?family=petcare' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'family' });
  });
});
