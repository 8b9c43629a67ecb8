import { PasswordService } from '@piazza/identity';
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { DataSource } from 'typeorm';
import { givenDemoAmbito } from '../support/demo-ambito';
import { HttpClient, type Response } from '../support/http-client';
import { useTestApi } from '../support/test-api';

/** A multipart/form-data body with one file, as a browser's FormData sends it. */
function formWithFile(field: string, filename: string, type: string, data: Buffer) {
  const boundary = `----piazza${randomBytes(8).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
        `Content-Type: ${type}\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** The same local wall-clock time ("17:00") of an instant in the Ambito's zone. */
const romeTime = (iso: string) =>
  new Intl.DateTimeFormat('it-IT', {
    timeZone: 'Europe/Rome',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));

const nextYear = new Date().getUTCFullYear() + 1;

const place = (overrides: Record<string, unknown> = {}) => ({
  name: 'Oratorio San Luigi',
  address: 'Via Roma 12, 21049 Tradate VA',
  comuneSlug: 'tradate',
  location: { lat: 45.7112, lng: 8.9081 },
  openingHours: [{ day: 2, opens: '14:30', closes: '18:30' }],
  accessibility: 'Ingresso senza gradini, bagno accessibile',
  ...overrides,
});

const service = (overrides: Record<string, unknown> = {}) => ({
  title: 'Laboratorio di fumetto',
  summary: 'Un pomeriggio a settimana per disegnare storie',
  description: 'Per ragazze e ragazzi dagli 11 ai 14 anni, con un fumettista.',
  categorySlug: 'doposcuola',
  themeSlugs: [],
  targetGroupSlugs: [],
  comuneSlugs: ['tradate', 'venegono-superiore'],
  placeIds: [],
  priceModel: 'per_month',
  priceCents: 4500,
  voucherPayable: true,
  keywords: ['fumetto', 'disegno'],
  openingHours: [],
  ...overrides,
});

const slot = (overrides: Record<string, unknown> = {}) => ({
  startsAt: `${nextYear}-03-17T17:00:00+01:00`,
  endsAt: `${nextYear}-03-17T18:30:00+01:00`,
  capacity: 12,
  placeId: null,
  note: 'Portare matite',
  ...overrides,
});

const event = (overrides: Record<string, unknown> = {}) => ({
  title: 'Festa di primavera',
  summary: 'Giochi e merenda nel cortile',
  description: 'Aperta a tutte le famiglie.',
  startsAt: `${nextYear}-04-18T15:00:00+02:00`,
  endsAt: `${nextYear}-04-18T19:00:00+02:00`,
  allDay: false,
  placeId: null,
  venue: 'Cortile della sede',
  address: 'Via Manzoni 5, 21049 Tradate VA',
  comuneSlug: 'tradate',
  location: null,
  priceCents: null,
  registrationUrl: null,
  ...overrides,
});

const expectInvalid = (res: Response, field: string) => {
  expect([res.status, res.body.code, res.body.field]).toEqual([400, 'VALIDATION_FAILED', field]);
  expect(res.body.message.it).toContain(field);
};

describe('Provider back-office: profile, logo, places, services, slots, events', () => {
  const api = useTestApi();
  let db: DataSource;
  let provider: HttpClient;
  let orgId: string;
  /** A provider of another organisation, which nothing of cortile-dei-ragazzi may reach. */
  let stranger: HttpClient;
  let strangerOrgId: string;

  beforeAll(async () => {
    await givenDemoAmbito(api.app);
    db = api.app.get(DataSource);
    provider = await HttpClient.signedIn(api.app, 'cooperativa@demo.piazza.example');
    [{ id: orgId }] = (await provider.get('/api/organisations/mine')).body;

    const [{ id: userId }] = await db.query(
      `INSERT INTO user_account (email, password_hash, display_name, roles, email_verified_at)
       VALUES ('pervinca@example.org', $1, 'Operatrice Pervinca', '{provider}', now()) RETURNING id`,
      [await new PasswordService().hash('password-di-pervinca')],
    );
    [{ id: strangerOrgId }] = await db.query(`SELECT id FROM organisation WHERE slug = 'nidi-di-pervinca'`);
    await db.query(
      `INSERT INTO organisation_member (organisation_id, user_id, role) VALUES ($1, $2, 'owner')`,
      [strangerOrgId, userId],
    );
    stranger = await HttpClient.signedIn(api.app, 'pervinca@example.org', 'password-di-pervinca');
  });

  it('keeps the organisation page: texts, contacts, point on the map, opening hours', async () => {
    const profile = {
      description: 'Doposcuola, laboratori e spazi per ragazzi a Tradate.',
      history: 'Nata nel 1998 da un gruppo di genitori.',
      email: 'Segreteria@CortileDeiRagazzi.example',
      phone: '+39 0331 123456',
      website: 'https://cortiledeiragazzi.example',
      pec: 'cortile@pec.example',
      address: 'Via Manzoni 5, 21049 Tradate VA',
      comuneSlug: 'tradate',
      location: { lat: 45.7105, lng: 8.9077 },
      openingHours: [
        { day: 1, opens: '14:00', closes: '18:30' },
        { day: 3, opens: '09:00', closes: '12:00' },
      ],
    };
    const saved = await provider.put(`/api/provider/organisations/${orgId}/profile`, profile);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      ...profile,
      email: 'segreteria@cortiledeiragazzi.example',
      slug: 'cortile-dei-ragazzi',
      accreditationStatus: 'accredited',
      logoUrl: null,
    });
    expect((await provider.get(`/api/provider/organisations/${orgId}/profile`)).body).toEqual(saved.body);

    const put = (overrides: Record<string, unknown>) =>
      provider.put(`/api/provider/organisations/${orgId}/profile`, { ...profile, ...overrides });
    expectInvalid(await put({ email: 'non-una-mail' }), 'email');
    expectInvalid(await put({ website: 'ftp://cortile.example' }), 'website');
    expectInvalid(await put({ pec: 'pec-senza-chiocciola' }), 'pec');
    expectInvalid(await put({ openingHours: [{ day: 1, opens: '18:00', closes: '09:00' }] }), 'openingHours');
    expectInvalid(
      await put({ openingHours: [{ day: 8, opens: '09:00', closes: '12:00' }] }),
      'openingHours.0.day',
    );
    expectInvalid(await put({ comuneSlug: 'milano' }), 'comuneSlug');
    // Latitude and longitude swapped: a point in the Indian Ocean, not in the Ambito.
    expectInvalid(await put({ location: { lat: 8.9077, lng: 45.7105 } }), 'location');
    expectInvalid(await put({ location: { lat: 95, lng: 8.9 } }), 'location.lat');
    // Nothing of the refused attempts was written.
    expect((await provider.get(`/api/provider/organisations/${orgId}/profile`)).body).toEqual(saved.body);
  });

  it('resizes an uploaded PNG logo to WebP within 512×512 and serves it; refuses a fake PNG and 6 MB', async () => {
    const png = await sharp({
      create: { width: 1600, height: 800, channels: 4, background: { r: 0, g: 102, b: 204, alpha: 1 } },
    })
      .png()
      .toBuffer();
    const form = formWithFile('logo', 'logo.png', 'image/png', png);
    const uploaded = await provider.put(`/api/provider/organisations/${orgId}/logo`, form.body, {
      headers: form.headers,
    });
    expect(uploaded.status).toBe(200);
    expect(uploaded.body.logoUrl).toMatch(
      /^\/api\/catalogue\/organisations\/cortile-dei-ragazzi\/logo\?v=\d+$/,
    );

    const [stored] = await db.query(
      `SELECT content_type, width, height, image FROM organisation_logo WHERE organisation_id = $1`,
      [orgId],
    );
    expect([stored.content_type, stored.width, stored.height]).toEqual(['image/webp', 512, 256]);
    const served = await new HttpClient(api.app).get(uploaded.body.logoUrl);
    expect([served.status, served.headers['content-type']]).toEqual([200, 'image/webp']);
    const image = await sharp(served.raw).metadata();
    expect([image.format, image.width, image.height]).toEqual(['webp', 512, 256]);

    const fake = formWithFile('logo', 'logo.png', 'image/png', Buffer.from('solo testo, non è un’immagine'));
    const refused = await provider.put(`/api/provider/organisations/${orgId}/logo`, fake.body, {
      headers: fake.headers,
    });
    expectInvalid(refused, 'logo');

    const huge = formWithFile(
      'logo',
      'enorme.png',
      'image/png',
      Buffer.concat([png, randomBytes(6 * 1024 * 1024)]),
    );
    const tooLarge = await provider.put(`/api/provider/organisations/${orgId}/logo`, huge.body, {
      headers: huge.headers,
    });
    expect([tooLarge.status, tooLarge.body.code]).toEqual([413, 'LOGO_TOO_LARGE']);
    expect(tooLarge.body.message.it).toContain('5 MB');

    const wrongField = formWithFile('immagine', 'logo.png', 'image/png', png);
    expectInvalid(
      await provider.put(`/api/provider/organisations/${orgId}/logo`, wrongField.body, {
        headers: wrongField.headers,
      }),
      'logo',
    );
    // The logo that was there is still there.
    expect((await provider.get(`/api/provider/organisations/${orgId}/profile`)).body.logoUrl).toBe(
      uploaded.body.logoUrl,
    );

    const strangerUpload = await stranger.put(`/api/provider/organisations/${orgId}/logo`, form.body, {
      headers: form.headers,
    });
    expect(strangerUpload.status).toBe(404);

    expect((await provider.delete(`/api/provider/organisations/${orgId}/logo`)).status).toBe(204);
    expect((await provider.get(`/api/provider/organisations/${orgId}/profile`)).body.logoUrl).toBeNull();
    expect((await new HttpClient(api.app).get(uploaded.body.logoUrl)).status).toBe(404);
  });

  it('adds, changes and removes places, each with a point picked on the map', async () => {
    const created = await provider.post(`/api/provider/organisations/${orgId}/places`, place());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Oratorio San Luigi',
      comune: { slug: 'tradate', name: 'Tradate' },
      location: { lat: 45.7112, lng: 8.9081 },
    });
    const changed = await provider.put(
      `/api/provider/places/${created.body.id}`,
      place({ name: 'Oratorio San Luigi (salone)', comuneSlug: 'venegono-superiore' }),
    );
    expect(changed.body).toMatchObject({
      name: 'Oratorio San Luigi (salone)',
      comune: { slug: 'venegono-superiore' },
    });

    expectInvalid(
      await provider.post(
        `/api/provider/organisations/${orgId}/places`,
        place({ location: { lat: 41.9, lng: 12.5 } }),
      ),
      'location',
    );
    const noPoint = await provider.post(
      `/api/provider/organisations/${orgId}/places`,
      place({ location: undefined }),
    );
    expect([noPoint.status, noPoint.body.field]).toEqual([400, 'location']);

    const other = await provider.post(
      `/api/provider/organisations/${orgId}/places`,
      place({ name: 'Magazzino' }),
    );
    expect((await provider.delete(`/api/provider/places/${other.body.id}`)).status).toBe(204);
    const list = await provider.get(`/api/provider/organisations/${orgId}/places`);
    const names = list.body.map((p: { name: string }) => p.name);
    expect(names).toContain('Oratorio San Luigi (salone)');
    expect(names).not.toContain('Magazzino');
    expect(names).not.toContain('Oratorio San Luigi');
    expect((await stranger.get(`/api/provider/organisations/${orgId}/places`)).status).toBe(404);
    expect((await stranger.delete(`/api/provider/places/${created.body.id}`)).status).toBe(404);
  });

  it('refuses a service that breaks a rule, naming the field, and writes nothing', async () => {
    const strangerPlace = await stranger.post(`/api/provider/organisations/${strangerOrgId}/places`, place());
    const before = await db.query(`SELECT count(*)::int AS n FROM service_offer`);
    const create = (overrides: Record<string, unknown>) =>
      provider.post(`/api/provider/organisations/${orgId}/services`, service(overrides));

    expectInvalid(await create({ title: 'ab' }), 'title');
    expectInvalid(await create({ categorySlug: 'childcare' }), 'categorySlug');
    expectInvalid(await create({ categorySlug: 'non-esiste' }), 'categorySlug');
    expectInvalid(await create({ priceModel: 'free', priceCents: 1000 }), 'priceCents');
    expectInvalid(await create({ priceModel: 'fixed', priceCents: null }), 'priceCents');
    expectInvalid(await create({ priceModel: 'fixed', priceCents: 0 }), 'priceCents');
    expectInvalid(await create({ priceModel: 'fixed', priceCents: 1_000_001 }), 'priceCents');
    expectInvalid(
      await create({ priceModel: 'free', priceCents: null, voucherPayable: true }),
      'voucherPayable',
    );
    expectInvalid(await create({ comuneSlugs: [] }), 'comuneSlugs');
    expectInvalid(await create({ comuneSlugs: ['tradate', 'milano'] }), 'comuneSlugs');
    expectInvalid(await create({ themeSlugs: ['tema-inventato'] }), 'themeSlugs');
    expectInvalid(await create({ targetGroupSlugs: ['marziani'] }), 'targetGroupSlugs');
    expectInvalid(await create({ placeIds: [strangerPlace.body.id] }), 'placeIds');
    expectInvalid(await create({ priceModel: 'a_peso' }), 'priceModel');
    const unknownField = await create({ status: 'published' });
    expect([unknownField.status, unknownField.body.field]).toEqual([400, 'status']);

    expect(await db.query(`SELECT count(*)::int AS n FROM service_offer`)).toEqual(before);
  });

  it('creates a draft with its slug, places, Comuni and price, and replaces them all on update', async () => {
    const [oratorio] = (await provider.get(`/api/provider/organisations/${orgId}/places`)).body;
    const themes = await db.query(
      `INSERT INTO theme (slug, name_it, name_en) VALUES ('formazione-x', 'Formazione', 'Training'),
              ('cura-x', 'Cura', 'Care') RETURNING slug`,
    );
    await db.query(
      `INSERT INTO target_group (slug, name_it, name_en) VALUES ('giovani-x', 'Giovani', 'Young people')`,
    );
    const first = await provider.post(
      `/api/provider/organisations/${orgId}/services`,
      service({ placeIds: [oratorio.id], themeSlugs: [themes[0].slug], targetGroupSlugs: ['giovani-x'] }),
    );
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      slug: 'laboratorio-di-fumetto',
      status: 'draft',
      submittedAt: null,
      firstApprovedAt: null,
      placeIds: [oratorio.id],
      comuneSlugs: ['tradate', 'venegono-superiore'],
      themeSlugs: ['formazione-x'],
      targetGroupSlugs: ['giovani-x'],
      priceCents: 4500,
    });
    // The service sits where its place is, on the map.
    const [{ lat }] = await db.query(
      `SELECT ST_Y(location::geometry) AS lat FROM service_offer WHERE id = $1`,
      [first.body.id],
    );
    expect(lat).toBeCloseTo(oratorio.location.lat, 5);

    const second = await provider.post(`/api/provider/organisations/${orgId}/services`, service());
    expect(second.body.slug).toBe('laboratorio-di-fumetto-2');

    const updated = await provider.put(
      `/api/provider/services/${first.body.id}`,
      service({
        title: 'Laboratorio di fumetto e graphic novel',
        themeSlugs: ['cura-x'],
        targetGroupSlugs: [],
        comuneSlugs: ['castelseprio'],
        placeIds: [],
        priceModel: 'free',
        priceCents: null,
        voucherPayable: false,
      }),
    );
    expect(updated.body).toMatchObject({
      slug: 'laboratorio-di-fumetto',
      title: 'Laboratorio di fumetto e graphic novel',
      themeSlugs: ['cura-x'],
      targetGroupSlugs: [],
      comuneSlugs: ['castelseprio'],
      placeIds: [],
      priceModel: 'free',
      priceCents: null,
    });
    expect((await provider.get(`/api/provider/services/${first.body.id}`)).body).toEqual(updated.body);
    const listed = (await provider.get(`/api/provider/organisations/${orgId}/services`)).body;
    expect(listed.map((s: { id: string }) => s.id)).toEqual(
      expect.arrayContaining([first.body.id, second.body.id]),
    );

    for (const path of [
      `/api/provider/services/${first.body.id}`,
      `/api/provider/services/${first.body.id}/slots`,
      `/api/provider/organisations/${orgId}/services`,
    ]) {
      expect((await stranger.get(path)).status).toBe(404);
    }
    expect((await stranger.put(`/api/provider/services/${first.body.id}`, service())).status).toBe(404);
    expect((await stranger.post(`/api/provider/services/${first.body.id}/submit`)).status).toBe(404);
    expect((await stranger.post(`/api/provider/services/${first.body.id}/archive`)).status).toBe(404);
  });

  it('opens weekly slots at the same local time across the change to summer time', async () => {
    const [fumetto] = await db.query(`SELECT id FROM service_offer WHERE slug = 'laboratorio-di-fumetto-2'`);
    const created = await provider.post(
      `/api/provider/services/${fumetto.id}/slots`,
      slot({ repeatWeeks: 3 }),
    );
    expect(created.status).toBe(201);
    expect(created.body).toHaveLength(4);
    // The last Sunday of March moves Italy to UTC+2: the slots stay at 17:00 on the same weekday.
    const local = created.body.map((s: { startsAt: string }) => romeTime(s.startsAt));
    expect(local[0]).toMatch(/ 17:00$/);
    expect(local).toEqual([local[0], local[0], local[0], local[0]]);
    expect(new Set(created.body.map((s: { startsAt: string }) => s.startsAt.slice(11, 16)))).toEqual(
      new Set(['16:00', '15:00']),
    );
    expect(created.body[0]).toMatchObject({ capacity: 12, booked: 0, free: 12, cancelledAt: null });

    const post = (overrides: Record<string, unknown>) =>
      provider.post(`/api/provider/services/${fumetto.id}/slots`, slot(overrides));
    expectInvalid(await post({ endsAt: `${nextYear}-03-17T16:00:00+01:00` }), 'endsAt');
    expectInvalid(await post({ startsAt: '2020-03-17T17:00:00+01:00' }), 'startsAt');
    expectInvalid(await post({ startsAt: `${nextYear}-03-17T17:00:00` }), 'startsAt');
    expectInvalid(await post({ capacity: 0 }), 'capacity');
    expectInvalid(await post({ capacity: 1001 }), 'capacity');
    expectInvalid(await post({ repeatWeeks: 27 }), 'repeatWeeks');
    const strangerPlace = (await stranger.get(`/api/provider/organisations/${strangerOrgId}/places`)).body[0];
    expectInvalid(await post({ placeId: strangerPlace.id }), 'placeId');
    expect((await provider.get(`/api/provider/services/${fumetto.id}/slots`)).body).toHaveLength(4);
  });

  it('never lets a slot hold fewer places than are booked; deletes it if unbooked, else cancels it', async () => {
    const [fumetto] = await db.query(`SELECT id FROM service_offer WHERE slug = 'laboratorio-di-fumetto-2'`);
    const [first, second] = (await provider.get(`/api/provider/services/${fumetto.id}/slots`)).body;
    await db.query(`UPDATE service_slot SET booked = 3 WHERE id = $1`, [first.id]);

    const below = await provider.put(`/api/provider/slots/${first.id}`, slot({ capacity: 2 }));
    expect([below.status, below.body.code, below.body.field]).toEqual([
      409,
      'SLOT_CAPACITY_BELOW_BOOKED',
      'capacity',
    ]);
    const exact = await provider.put(
      `/api/provider/slots/${first.id}`,
      slot({ capacity: 3, note: 'Completo' }),
    );
    expect(exact.body).toMatchObject({ capacity: 3, booked: 3, free: 0, note: 'Completo' });

    const cancelled = await provider.delete(`/api/provider/slots/${first.id}`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.cancelledAt).toEqual(expect.any(String));
    expect(cancelled.body.free).toBe(0);
    expect((await provider.put(`/api/provider/slots/${first.id}`, slot())).body.code).toBe('SLOT_CANCELLED');

    expect((await stranger.delete(`/api/provider/slots/${second.id}`)).status).toBe(404);
    expect((await stranger.put(`/api/provider/slots/${second.id}`, slot())).status).toBe(404);
    const deleted = await provider.delete(`/api/provider/slots/${second.id}`);
    expect([deleted.status, deleted.raw.length]).toEqual([204, 0]);
    const left = (await provider.get(`/api/provider/services/${fumetto.id}/slots`)).body;
    expect(left.map((s: { id: string }) => s.id)).not.toContain(second.id);
    expect(left.find((s: { id: string }) => s.id === first.id).cancelledAt).not.toBeNull();
  });

  it('publishes and cancels an event; every change after publication raises its iCalendar SEQUENCE', async () => {
    const [oratorio] = (await provider.get(`/api/provider/organisations/${orgId}/places`)).body;
    const created = await provider.post(
      `/api/provider/organisations/${orgId}/events`,
      event({ placeId: oratorio.id, venue: '', address: '', comuneSlug: null }),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      slug: `festa-di-primavera-${nextYear}-04-18`,
      status: 'draft',
      sequence: 0,
      venue: oratorio.name,
      address: oratorio.address,
      comuneSlug: oratorio.comune.slug,
      location: oratorio.location,
    });
    const id = created.body.id;
    expect(
      (await provider.put(`/api/provider/events/${id}`, event({ title: 'Festa di primavera!' }))).body,
    ).toMatchObject({
      sequence: 0,
      comuneSlug: 'tradate',
      location: null,
      slug: created.body.slug,
    });

    const published = await provider.post(`/api/provider/events/${id}/publish`);
    expect(published.body).toMatchObject({
      status: 'published',
      sequence: 0,
      publishedAt: expect.any(String),
    });
    const moved = await provider.put(
      `/api/provider/events/${id}`,
      event({ startsAt: `${nextYear}-04-18T16:00:00+02:00` }),
    );
    expect(moved.body).toMatchObject({ sequence: 1, startsAt: `${nextYear}-04-18T14:00:00.000Z` });
    const cancelled = await provider.post(`/api/provider/events/${id}/cancel`);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', sequence: 2 });

    expect((await provider.put(`/api/provider/events/${id}`, event())).body.code).toBe('EVENT_CANCELLED');
    expect((await provider.post(`/api/provider/events/${id}/publish`)).status).toBe(409);
    expect((await provider.post(`/api/provider/events/${id}/cancel`)).status).toBe(409);

    const second = await provider.post(`/api/provider/organisations/${orgId}/events`, event());
    expect(second.body.slug).toBe(`festa-di-primavera-${nextYear}-04-18-2`);
    expectInvalid(
      await provider.post(`/api/provider/organisations/${orgId}/events`, event({ comuneSlug: null })),
      'comuneSlug',
    );
    expectInvalid(
      await provider.post(
        `/api/provider/organisations/${orgId}/events`,
        event({ endsAt: `${nextYear}-04-18T14:00:00+02:00` }),
      ),
      'endsAt',
    );
    expectInvalid(
      await provider.post(
        `/api/provider/organisations/${orgId}/events`,
        event({ registrationUrl: 'javascript:alert(1)' }),
      ),
      'registrationUrl',
    );
    expectInvalid(
      await provider.post(`/api/provider/organisations/${orgId}/events`, event({ priceCents: 0 })),
      'priceCents',
    );

    const mine = (await provider.get(`/api/provider/organisations/${orgId}/events`)).body;
    expect(mine.filter((e: { slug: string }) => e.slug.startsWith('festa-di-primavera'))).toEqual([
      expect.objectContaining({ id, status: 'cancelled' }),
      expect.objectContaining({ id: second.body.id, status: 'draft' }),
    ]);
    expect((await stranger.get(`/api/provider/events/${id}`)).status).toBe(404);
    expect((await stranger.post(`/api/provider/events/${second.body.id}/publish`)).status).toBe(404);
    expect((await stranger.get(`/api/provider/organisations/${orgId}/events`)).status).toBe(404);
  });

  it('refuses services and events of an organisation the Ambito has not accredited, in both languages', async () => {
    await db.query(
      `UPDATE organisation SET accreditation_status = 'pending', accredited_at = NULL WHERE id = $1`,
      [strangerOrgId],
    );
    const refused = await stranger.post(`/api/provider/organisations/${strangerOrgId}/services`, service());
    expect([refused.status, refused.body.code]).toEqual([409, 'organisation_not_accredited']);
    expect(refused.body.message.it).toContain('accreditat');
    expect(refused.body.message.en).toContain('accredited');
    const noEvent = await stranger.post(`/api/provider/organisations/${strangerOrgId}/events`, event());
    expect(noEvent.body.code).toBe('organisation_not_accredited');
    // Its page can be prepared while it waits.
    const profile = (await stranger.get(`/api/provider/organisations/${strangerOrgId}/profile`)).body;
    expect(profile.accreditationStatus).toBe('pending');
    const {
      id: _id,
      slug: _slug,
      name: _name,
      kind: _kind,
      logoUrl: _logo,
      accreditationStatus: _a,
      ...input
    } = profile;
    const saved = await stranger.put(`/api/provider/organisations/${strangerOrgId}/profile`, {
      ...input,
      description: 'In attesa di accreditamento',
    });
    expect([saved.status, saved.body.description]).toEqual([200, 'In attesa di accreditamento']);
  });

  it('keeps a citizen, a merchant and an admin out of the back-office', async () => {
    for (const email of [
      'famiglia@demo.piazza.example',
      'negozio@demo.piazza.example',
      'ufficio.piano@demo.piazza.example',
    ]) {
      const other = await HttpClient.signedIn(api.app, email);
      expect((await other.get(`/api/provider/organisations/${orgId}/services`)).status).toBe(403);
    }
    expect((await new HttpClient(api.app).get(`/api/provider/organisations/${orgId}/services`)).status).toBe(
      401,
    );
  });
});
