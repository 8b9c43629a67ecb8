import {
  type MapPoints,
  type SearchResult,
  type ServiceSearchInput,
  serviceSearchCriteria,
  serviceSearchSql,
} from '@piazza/catalogue';
import type { OpeningHours } from '@piazza/core';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { givenDemoAmbito } from '../support/demo-ambito';
import { useTestApi } from '../support/test-api';

interface ServiceSpec {
  title: string;
  organisation?: string;
  category?: string;
  status?: 'draft' | 'pending_review' | 'published' | 'archived';
  priceModel?: 'free' | 'fixed' | 'per_hour' | 'per_session' | 'per_month';
  priceCents?: number | null;
  voucherPayable?: boolean;
  comuni?: string[];
  themes?: string[];
  targets?: string[];
  keywords?: string[];
  openingHours?: OpeningHours[];
  location?: { lat: number; lng: number };
}

const TRADATE = { lat: 45.71429, lng: 8.90415 };

/** Today and tomorrow as ISO weekdays (1 = Monday) in the Ambito's time zone. */
function romeWeekdays(): { today: number; tomorrow: number } {
  const weekday = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Rome', weekday: 'short' }).format(
    new Date(),
  );
  const today = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(weekday) + 1;
  return { today, tomorrow: (today % 7) + 1 };
}

describe('Catalogue search: words, filters, facets, distance', () => {
  const api = useTestApi();
  let db: DataSource;

  const get = async <T = SearchResult>(url: string): Promise<T> => {
    const res = await api.app.inject({ method: 'GET', url });
    expect({ url, status: res.statusCode }).toEqual({ url, status: 200 });
    return res.json<T>();
  };
  const search = (query: string) => get(`/api/catalogue/services?${query}`);
  const totalOf = async (query: string) => (await search(`${query}&pageSize=1`)).total;

  /** A service written straight to the database (as the back-office would, once approved). */
  async function givenService(spec: ServiceSpec): Promise<string> {
    const slug = `prova-${randomBytes(5).toString('hex')}`;
    const status = spec.status ?? 'published';
    const priceModel = spec.priceModel ?? 'per_hour';
    const approved = status === 'published' || status === 'archived';
    const [{ id }]: { id: string }[] = await db.query(
      `INSERT INTO service_offer (slug, organisation_id, category_id, title, summary, description, price_model,
                                  price_cents, voucher_payable, status, keywords, opening_hours, location,
                                  published_at, first_approved_at)
       SELECT $1, o.id, c.id, $4, 'Un servizio di prova.', 'Descrizione del servizio di prova.', $5, $6, $7, $8,
              $9, $10, CASE WHEN $11::float8 IS NULL THEN NULL
                            ELSE ST_SetSRID(ST_MakePoint($12, $11), 4326)::geography END,
              CASE WHEN $13 THEN now() END, CASE WHEN $13 THEN now() END
         FROM organisation o, category c WHERE o.slug = $2 AND c.slug = $3
       RETURNING id`,
      [
        slug,
        spec.organisation ?? 'cortile-dei-ragazzi',
        spec.category ?? 'doposcuola',
        spec.title,
        priceModel,
        priceModel === 'free' ? null : (spec.priceCents ?? 1500),
        spec.voucherPayable ?? false,
        status,
        spec.keywords ?? [],
        JSON.stringify(spec.openingHours ?? []),
        spec.location?.lat ?? null,
        spec.location?.lng ?? null,
        approved,
      ],
    );
    await db.query(
      `INSERT INTO service_offer_comune (service_offer_id, comune_id)
       SELECT $1, id FROM comune WHERE slug = ANY ($2::text[])`,
      [id, spec.comuni ?? ['tradate']],
    );
    await db.query(
      `INSERT INTO service_offer_theme (service_offer_id, theme_id) SELECT $1, id FROM theme WHERE slug = ANY ($2)`,
      [id, spec.themes ?? []],
    );
    await db.query(
      `INSERT INTO service_offer_target_group (service_offer_id, target_group_id)
       SELECT $1, id FROM target_group WHERE slug = ANY ($2)`,
      [id, spec.targets ?? []],
    );
    return slug;
  }

  async function givenOrganisation(status: 'pending' | 'rejected'): Promise<string> {
    const slug = `ente-${status}-${randomBytes(3).toString('hex')}`;
    await db.query(
      `INSERT INTO organisation (slug, kind, name, legal_name, fiscal_code, email, comune_id, address, location,
                                 accreditation_status)
       SELECT $1, 'association', 'Associazione ' || $1, 'Associazione ' || $1, '90000000000', $1 || '@prova.example',
              id, 'Via Roma 1', location, $2 FROM comune WHERE slug = 'tradate'`,
      [slug, status],
    );
    return slug;
  }

  beforeAll(async () => {
    await givenDemoAmbito(api.app);
    db = api.app.get(DataSource);
    // Themes and target groups of the directory (the demo seed may already have them).
    await db.query(`
      INSERT INTO theme (slug, name_it, name_en)
      VALUES ('cura', 'Cura', 'Care'), ('casa', 'Casa', 'Housing'), ('ascolto', 'Ascolto', 'Listening')
      ON CONFLICT (slug) DO NOTHING`);
    await db.query(`
      INSERT INTO target_group (slug, name_it, name_en)
      VALUES ('anziani', 'Anziani', 'Older people'), ('famiglie', 'Famiglie', 'Families')
      ON CONFLICT (slug) DO NOTHING`);
  });

  it('finds the babysitting services however "babysitter" is typed, and suggests the spelling', async () => {
    for (const q of ['babysiter', 'baby sitter', 'babisitter', 'Babysitter']) {
      const result = await search(`q=${encodeURIComponent(q)}`);
      const slugs = result.items.map((s) => s.slug);
      expect({ q, slugs }).toEqual({
        q,
        slugs: expect.arrayContaining(['babysitting-a-domicilio', 'babysitting-serale-e-weekend']),
      });
      expect(result.items.every((s) => s.family === 'childcare')).toBe(true);
    }
    expect((await search('q=babysiter')).didYouMean).toBe('babysitter');
    expect((await search('q=babisitter')).didYouMean).toBe('babysitter');
    expect((await search('q=babysitter')).didYouMean).toBeNull();
    expect(await search('q=zzqxwk')).toMatchObject({ items: [], total: 0, didYouMean: null });
  });

  it('finds SilverCare for "anziani", with the family facet leading', async () => {
    const result = await search('q=anziani');
    expect(result.total).toBeGreaterThan(0);
    expect(result.items[0].family).toBe('silvercare');
    const families = result.facets.families;
    const silver = families.find((f) => f.slug === 'silvercare')!;
    expect(silver.count).toBe(Math.max(...families.map((f) => f.count)));
    expect(families.reduce((sum, f) => sum + f.count, 0)).toBe(result.total);
  });

  it('matches accented and unaccented spellings alike', async () => {
    const slug = await givenService({ title: 'Caffè sociale del martedì' });
    for (const q of ['caffe', 'caffè', 'CAFFÈ sociale', 'martedi']) {
      expect({ q, slugs: (await search(`q=${encodeURIComponent(q)}`)).items.map((s) => s.slug) }).toEqual({
        q,
        slugs: expect.arrayContaining([slug]),
      });
    }
  });

  it('needs every word: a word nothing matches empties the answer', async () => {
    await givenService({ title: 'Laboratorio di ocarina per ragazzi' });
    expect((await search('q=ocarina')).total).toBe(1);
    expect((await search('q=ocarina%20ragazzi')).total).toBe(1);
    expect((await search('q=ocarina%20astronave')).total).toBe(0);
    // A stop word is not a word to match.
    expect((await search('q=ocarina%20per')).total).toBe(1);
  });

  it('takes any text as words, whatever its symbols, quotes and scripts', async () => {
    const odd = [
      "l'ocarina",
      'ʼʼ aːb a⑴b ŉŉ ½½',
      '"ocarina" & | ! ( ) : * \\',
      'ocarina:*',
      'ΟΚΑΡΙΝΑ οκαρίνα 音乐',
    ];
    for (const q of odd) {
      const res = await api.app.inject({
        method: 'GET',
        url: `/api/catalogue/services?q=${encodeURIComponent(q)}`,
      });
      expect({ q, status: res.statusCode }).toEqual({ q, status: 200 });
    }
    expect((await search(`q=${encodeURIComponent("l'ocarina")}`)).total).toBe(1);
    expect((await search(`q=${encodeURIComponent('"ocarina"!')}`)).total).toBe(1);
  });

  it('combines filters: family, category, theme, target group, Comune, voucher and price', async () => {
    const wanted = await givenService({
      title: 'Mandolino per anziani a domicilio',
      category: 'assistenza-domiciliare',
      comuni: ['castelseprio'],
      themes: ['cura'],
      targets: ['anziani'],
      voucherPayable: true,
      priceCents: 1800,
    });
    await givenService({
      title: 'Mandolino in casa',
      category: 'assistenza-domiciliare',
      comuni: ['tradate'],
    });
    await givenService({ title: 'Mandolino per bambini', category: 'babysitting', comuni: ['castelseprio'] });
    const query =
      'family=silvercare&category=assistenza-domiciliare&theme=cura,casa&target=anziani' +
      '&comune=castelseprio&voucher=true&priceMin=1000&priceMax=2000';
    const all = await search(`${query}&pageSize=100`);
    expect(all.items.map((s) => s.slug)).toContain(wanted);
    for (const s of all.items) {
      expect(s.family).toBe('silvercare');
      expect(s.category.slug).toBe('assistenza-domiciliare');
      expect(s.themes.map((t) => t.slug).some((t) => ['cura', 'casa'].includes(t))).toBe(true);
      expect(s.targetGroups.map((t) => t.slug)).toContain('anziani');
      expect(s.comuni.map((c) => c.slug)).toContain('castelseprio');
      expect(s.voucherPayable).toBe(true);
      expect(s.priceCents).toBeGreaterThanOrEqual(1000);
      expect(s.priceCents).toBeLessThanOrEqual(2000);
    }
    const withWord = await search(`${query}&q=mandolino`);
    expect(withWord.items.map((s) => s.slug)).toEqual([wanted]);
  });

  it('counts each facet with every other filter but its own, consistently with the totals', async () => {
    const base = 'family=childcare&comune=tradate&voucher=true';
    const result = await search(base);
    const { facets } = result;
    expect(facets.families.find((f) => f.slug === 'childcare')!.count).toBe(result.total);
    expect(facets.comuni.find((c) => c.slug === 'tradate')!.count).toBe(result.total);
    expect(facets.voucherPayable).toBe(result.total);
    // Categories and themes are not filtered here: their counts split this very answer.
    expect(facets.categories.reduce((sum, c) => sum + c.count, 0)).toBe(result.total);
    for (const family of facets.families) {
      expect({ family: family.slug, count: family.count }).toEqual({
        family: family.slug,
        count: await totalOf(`family=${family.slug}&comune=tradate&voucher=true`),
      });
    }
    for (const comune of facets.comuni.slice(0, 4)) {
      expect({ comune: comune.slug, count: comune.count }).toEqual({
        comune: comune.slug,
        count: await totalOf(`family=childcare&comune=${comune.slug}&voucher=true`),
      });
    }
    expect(facets.free).toBe(await totalOf(`${base}&free=true`));
    expect(facets.openNow).toBe(await totalOf(`${base}&openNow=true`));
    const withoutVoucher = await search('family=childcare&comune=tradate');
    expect(withoutVoucher.facets.voucherPayable).toBe(result.total);
    expect(withoutVoucher.total).toBeGreaterThanOrEqual(result.total);
    for (const theme of facets.themes) {
      expect({ theme: theme.slug, count: theme.count }).toEqual({
        theme: theme.slug,
        count: await totalOf(`${base}&theme=${theme.slug}`),
      });
    }
  });

  it('sorts by distance from a Comune, nearest first', async () => {
    const result = await search('nearComune=tradate&pageSize=50');
    expect(result.origin).toMatchObject({ label: 'Tradate', lat: expect.closeTo(TRADATE.lat, 4) });
    const distances = result.items.map((s) => s.distanceMeters);
    expect(distances.every((d) => typeof d === 'number')).toBe(true);
    expect(distances).toEqual([...distances].sort((a, b) => a! - b!));
    expect(distances[distances.length - 1]).toBeGreaterThan(distances[0]!);
  });

  it('sorts by distance from a point and keeps to a radius', async () => {
    const spot = { lat: 45.7163, lng: 8.8602 };
    const slug = await givenService({
      title: 'Sportello clavicordo',
      location: spot,
      comuni: ['castelseprio'],
    });
    const nearest = await search(`near=${spot.lat},${spot.lng}`);
    expect(nearest.items[0]).toMatchObject({ slug, distanceMeters: 0 });
    expect(nearest.origin).toEqual({ lat: spot.lat, lng: spot.lng, label: null });
    const everywhere = await totalOf(`near=${spot.lat},${spot.lng}`);
    const within = await search(`near=${spot.lat},${spot.lng}&radiusKm=2&pageSize=100`);
    expect(within.total).toBeGreaterThan(0);
    expect(within.total).toBeLessThan(everywhere);
    expect(within.items.every((s) => s.distanceMeters! <= 2000)).toBe(true);
    const byTitle = await search(`near=${spot.lat},${spot.lng}&sort=title&pageSize=5`);
    expect(byTitle.items.every((s) => typeof s.distanceMeters === 'number')).toBe(true);
    const noOrigin = await search('pageSize=5');
    expect(noOrigin.items.every((s) => s.distanceMeters === null)).toBe(true);
    expect(noOrigin.origin).toBeNull();
  });

  it('filters by price range, free services and service vouchers', async () => {
    const ranged = await search('priceMin=1000&priceMax=2500&pageSize=100&sort=price');
    expect(ranged.total).toBeGreaterThan(0);
    const prices = ranged.items.map((s) => s.priceCents!);
    expect(prices.every((p) => p >= 1000 && p <= 2500)).toBe(true);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    const free = await search('free=true&pageSize=100');
    expect(free.total).toBeGreaterThan(0);
    expect(free.items.every((s) => s.priceModel === 'free' && s.priceCents === null)).toBe(true);
    // Free counts as 0 euro.
    expect((await search('priceMax=0')).total).toBe(free.total);
    const voucher = await search('voucher=true&pageSize=100');
    expect(voucher.items.every((s) => s.voucherPayable)).toBe(true);
    expect(voucher.total).toBeLessThan(await totalOf('voucher=false'));
    const expensiveFirst = await search('sort=price_desc&pageSize=10');
    const desc = expensiveFirst.items.map((s) => s.priceCents ?? 0);
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
  });

  it('keeps only services open at this minute with openNow', async () => {
    const { today, tomorrow } = romeWeekdays();
    const open = await givenService({
      title: 'Sportello fagotto aperto',
      openingHours: [{ day: today, opens: '00:00', closes: '23:59' }],
    });
    const closed = await givenService({
      title: 'Sportello fagotto chiuso',
      openingHours: [{ day: tomorrow, opens: '00:00', closes: '23:59' }],
    });
    const byAppointment = await givenService({ title: 'Sportello fagotto su appuntamento' });
    const all = await search('q=fagotto&sort=title');
    expect(Object.fromEntries(all.items.map((s) => [s.slug, s.openNow]))).toEqual({
      [open]: true,
      [closed]: false,
      [byAppointment]: null,
    });
    expect(all.facets.openNow).toBe(1);
    const openNow = await search('q=fagotto&openNow=true');
    expect(openNow.items.map((s) => s.slug)).toEqual([open]);
    expect(openNow.facets.openNow).toBe(1);
  });

  it('pages through every result exactly once, in every order', async () => {
    for (const sort of ['title', 'price', 'newest', 'relevance']) {
      const query = `q=anziani&sort=${sort}&pageSize=4`;
      const first = await search(query);
      const seen: string[] = [];
      for (let page = 1; page <= Math.ceil(first.total / 4); page++) {
        seen.push(...(await search(`${query}&page=${page}`)).items.map((s) => s.slug));
      }
      expect({ sort, count: seen.length, distinct: new Set(seen).size }).toEqual({
        sort,
        count: first.total,
        distinct: first.total,
      });
    }
    const beyond = await search('q=anziani&page=999');
    expect(beyond.items).toEqual([]);
    expect(beyond.total).toBeGreaterThan(0);
  });

  it('never shows drafts, services in review, archived ones or those of organisations not accredited', async () => {
    const visible = await givenService({ title: 'Corso di clavicembalo' });
    const pending = await givenOrganisation('pending');
    const rejected = await givenOrganisation('rejected');
    const hidden = [
      await givenService({ title: 'Corso di clavicembalo in bozza', status: 'draft' }),
      await givenService({ title: 'Corso di clavicembalo in revisione', status: 'pending_review' }),
      await givenService({ title: 'Corso di clavicembalo archiviato', status: 'archived' }),
      await givenService({ title: 'Corso di clavicembalo di un ente in attesa', organisation: pending }),
      await givenService({ title: 'Corso di clavicembalo di un ente respinto', organisation: rejected }),
    ];
    const found = await search('q=clavicembalo');
    expect(found.items.map((s) => s.slug)).toEqual([visible]);
    expect(found.total).toBe(1);
    const map = await get<MapPoints>('/api/catalogue/services/map?q=clavicembalo');
    expect(map).toEqual({ total: 1, points: [expect.objectContaining({ slug: visible })] });
    expect(
      (await api.app.inject({ method: 'GET', url: `/api/catalogue/services/${visible}` })).statusCode,
    ).toBe(200);
    for (const slug of hidden) {
      const res = await api.app.inject({ method: 'GET', url: `/api/catalogue/services/${slug}` });
      expect({ slug, status: res.statusCode, code: res.json().code }).toEqual({
        slug,
        status: 404,
        code: 'NOT_FOUND',
      });
    }
    // Accrediting the organisation shows its published service at once.
    await db.query(
      `UPDATE organisation SET accreditation_status = 'accredited', accredited_at = now() WHERE slug = $1`,
      [pending],
    );
    expect((await search('q=clavicembalo')).total).toBe(2);
  });

  it('draws the map with the same filters, with a point for each located service', async () => {
    const map = await get<MapPoints>('/api/catalogue/services/map?family=silvercare&comune=tradate');
    const list = await search('family=silvercare&comune=tradate');
    expect(map.total).toBe(list.total);
    expect(map.points.length).toBeGreaterThan(0);
    for (const point of map.points) {
      expect(point).toEqual({
        slug: expect.any(String),
        title: expect.any(String),
        family: 'silvercare',
        location: { lat: expect.any(Number), lng: expect.any(Number) },
        organisation: expect.any(String),
      });
    }
  });

  it('answers as the one-statement SQL search does: totals, pages, facets and suggestions', async () => {
    await givenService({
      title: 'Caffè per anziani al centro',
      category: 'assistenza-domiciliare',
      themes: ['cura'],
      targets: ['anziani'],
      priceModel: 'free',
      voucherPayable: true,
      location: { lat: 45.712, lng: 8.905 },
      openingHours: [{ day: romeWeekdays().today, opens: '00:00', closes: '23:59' }],
    });
    const cases: [string, ServiceSearchInput][] = [
      ['q=anziani', { q: 'anziani' }],
      ['q=babysiter', { q: 'babysiter' }],
      ['q=caffe%20per%20anziani', { q: 'caffe per anziani' }],
      ['q=anziani&sort=title', { q: 'anziani', sort: 'title' }],
      [
        'family=childcare&comune=tradate&voucher=true',
        { family: 'childcare', comune: ['tradate'], voucher: true },
      ],
      [
        'category=silvercare&theme=cura&sort=newest',
        { category: ['silvercare'], theme: ['cura'], sort: 'newest' },
      ],
      ['target=anziani&openNow=true&free=true', { target: ['anziani'], openNow: true, free: true }],
      ['priceMin=1000&priceMax=2500&sort=price_desc', { priceMin: 1000, priceMax: 2500, sort: 'price_desc' }],
      ['nearComune=tradate&radiusKm=3&page=2', { nearComune: 'tradate', radiusKm: 3, page: 2 }],
      [
        `near=${TRADATE.lat},${TRADATE.lng}&sort=price`,
        { near: `${TRADATE.lat},${TRADATE.lng}`, sort: 'price' },
      ],
    ];
    for (const [query, input] of cases) {
      const api = await search(query);
      const criteria = serviceSearchCriteria(input);
      const origin = criteria.near
        ? { ...criteria.near, label: null }
        : criteria.nearComune
          ? api.origin
          : null;
      const sql = serviceSearchSql(criteria, origin);
      const [row] = await db.query(sql.text, sql.values);
      const typos: (string | null)[] = row.typos ?? [];
      const expected = {
        query,
        total: Number(row.total),
        families: row.families,
        categories: row.categories,
        themes: row.themes,
        targetGroups: row.target_groups,
        comuni: row.comuni,
        counts: [Number(row.voucher), Number(row.free), Number(row.open_now)],
        didYouMean: typos.some((t) => t) ? criteria.words.map((w, i) => typos[i] || w).join(' ') : null,
        // Relevance ranks differently (see CatalogueIndex): the same services, not the same order.
        items: criteria.sort === 'relevance' ? undefined : (row.items ?? []),
      };
      expect({
        query,
        total: api.total,
        families: api.facets.families,
        categories: api.facets.categories,
        themes: api.facets.themes,
        targetGroups: api.facets.targetGroups,
        comuni: api.facets.comuni,
        counts: [api.facets.voucherPayable, api.facets.free, api.facets.openNow],
        didYouMean: api.didYouMean,
        items: criteria.sort === 'relevance' ? undefined : api.items,
      }).toEqual(expected);
      expect(api.total).toBeGreaterThan(0);
    }
  });

  it.each([
    ['sort=cheapest', 'sort'],
    ['near=abc', 'near'],
    ['near=95,8.9', 'near'],
    ['near=45.7,8.9&nearComune=tradate', 'nearComune'],
    ['nearComune=atlantide', 'nearComune'],
    ['radiusKm=5', 'radiusKm'],
    ['near=45.7,8.9&radiusKm=0', 'radiusKm'],
    ['sort=distance', 'sort'],
    ['priceMin=3000&priceMax=1000', 'priceMin'],
    ['priceMin=-1', 'priceMin'],
    ['page=0', 'page'],
    ['pageSize=101', 'pageSize'],
    ['category=Non_Valida', 'category'],
    ['voucher=si', 'voucher'],
    ['family=petcare', 'family'],
    ['colore=blu', 'colore'],
  ])('refuses %s with a 400 naming %s, in Italian and English', async (query, field) => {
    for (const path of ['/api/catalogue/services', '/api/catalogue/services/map']) {
      if (path.endsWith('map') && /^(sort|page|pageSize)=/.test(query)) continue;
      const res = await api.app.inject({ method: 'GET', url: `${path}?${query}` });
      expect({ path, status: res.statusCode, field: res.json().field }).toEqual({ path, status: 400, field });
      expect(res.json().message).toEqual({ it: expect.any(String), en: expect.any(String) });
    }
  });
});
