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

  it('refuses an unknown family with a message naming the field', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/api/catalogue/services?family=petcare' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'family' });
  });
});
