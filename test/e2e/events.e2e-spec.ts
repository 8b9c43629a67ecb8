import ICAL from 'ical.js';
import { DataSource } from 'typeorm';
import { givenDemoAmbito } from '../support/demo-ambito';
import { HttpClient, type Response } from '../support/http-client';
import { useTestApi } from '../support/test-api';

const PUBLIC_URL = 'https://piazza.example.org';
const ORG = 'cortile-dei-ragazzi';
/** Next year: far enough for its winter and summer days to be still to come, close enough for the feeds. */
const Y = new Date().getUTCFullYear() + 1;

interface EventInsert {
  slug: string;
  organisationId: string;
  startsAt: string;
  endsAt: string;
  status?: 'draft' | 'published' | 'cancelled';
  allDay?: boolean;
  priceCents?: number | null;
  sequence?: number;
  title?: string;
  withLocation?: boolean;
}

interface EventCard {
  slug: string;
  title: string;
  startsAt: string;
  status: string;
  organisation: { slug: string };
  comune: { slug: string };
  priceCents: number | null;
}

/** Events placed relative to today: they may fall on any day of next year's calendar, so checks on fixed days skip them. */
const RELATIVE = new Set([
  'mercatino-tra-tre-giorni',
  'cena-tra-settanta-giorni',
  'incontro-di-dieci-giorni-fa',
]);
const fixedDays = (items: EventCard[]) => items.map((e) => e.slug).filter((slug) => !RELATIVE.has(slug));

function parseCalendar(res: Response) {
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
  expect(res.headers['content-disposition']).toMatch(/^inline; filename=".+\.ics"$/);
  const calendar = new ICAL.Component(ICAL.parse(res.raw.toString('utf8')));
  const events = calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
  const slugOf = (e: ICAL.Event) =>
    String(e.component.getFirstPropertyValue('url')).replace(`${PUBLIC_URL}/eventi/`, '');
  return {
    calendar,
    events,
    slugs: events.map(slugOf).sort(),
    bySlug: (slug: string) => events.find((e) => slugOf(e) === slug),
  };
}

describe('Events: the public calendar and its iCalendar feeds', () => {
  const api = useTestApi({ PUBLIC_URL });
  let visitor: HttpClient;
  let db: DataSource;
  let cortile: { id: string; comune_id: string };
  let other: { id: string; slug: string; comune_id: string };
  const ids: Record<string, string> = {};

  async function givenEvent(e: EventInsert): Promise<void> {
    const comune = e.organisationId === cortile.id ? cortile.comune_id : other.comune_id;
    const [row] = await db.query(
      `INSERT INTO event (slug, organisation_id, title, summary, description, starts_at, ends_at, all_day, venue,
                          address, comune_id, location, price_cents, registration_url, status, published_at, sequence)
       VALUES ($1, $2, $3, 'In breve', 'Tutti i dettagli', $4, $5, $6, 'Sala civica', 'Piazza Mazzini 6, Tradate',
               $7, CASE WHEN $8 THEN ST_SetSRID(ST_MakePoint(8.905, 45.7144), 4326) END, $9,
               'https://iscrizioni.example.org', $10, CASE WHEN $10 <> 'draft' THEN now() END, $11)
       RETURNING id`,
      [
        e.slug,
        e.organisationId,
        e.title ?? `Evento ${e.slug}`,
        e.startsAt,
        e.endsAt,
        e.allDay ?? false,
        comune,
        e.withLocation ?? true,
        e.priceCents ?? null,
        e.status ?? 'published',
        e.sequence ?? 0,
      ],
    );
    ids[e.slug] = row.id;
  }

  beforeAll(async () => {
    await givenDemoAmbito(api.app);
    visitor = new HttpClient(api.app);
    db = api.app.get(DataSource);
    // Start from a calendar of our own: the demo's events would only blur what each test counts.
    await db.query(`DELETE FROM event`);
    [cortile] = await db.query(`SELECT id, comune_id FROM organisation WHERE slug = $1`, [ORG]);
    [other] = await db.query(
      `SELECT o.id, o.slug, o.comune_id FROM organisation o JOIN comune c ON c.id = o.comune_id
        WHERE o.slug <> $1 AND o.kind <> 'shop' AND o.accreditation_status = 'accredited'
          AND o.comune_id <> $2 ORDER BY o.slug LIMIT 1`,
      [ORG, cortile.comune_id],
    );
    const [pending] = await db.query(
      `INSERT INTO organisation (slug, kind, name, legal_name, fiscal_code, email, comune_id, address)
       VALUES ('associazione-in-attesa', 'association', 'In attesa', 'In attesa', '00000000000',
               'attesa@example.org', $1, 'Via Roma 2') RETURNING id`,
      [cortile.comune_id],
    );
    const soon = (days: number, hours = 0) =>
      new Date(Date.now() + (days * 24 + hours) * 3_600_000).toISOString();
    // A winter evening: 18:00 in Rome is 17:00 UTC.
    await givenEvent({
      slug: 'concerto-d-inverno',
      organisationId: cortile.id,
      startsAt: `${Y}-01-15T17:00:00Z`,
      endsAt: `${Y}-01-15T19:00:00Z`,
      sequence: 3,
      priceCents: 500,
    });
    // A summer evening: 18:00 in Rome is 16:00 UTC.
    await givenEvent({
      slug: 'festa-d-estate',
      organisationId: cortile.id,
      startsAt: `${Y}-07-15T16:00:00Z`,
      endsAt: `${Y}-07-15T20:00:00Z`,
      withLocation: false,
    });
    await givenEvent({
      slug: 'laboratorio-annullato',
      organisationId: cortile.id,
      startsAt: `${Y}-01-16T15:00:00Z`,
      endsAt: `${Y}-01-16T17:00:00Z`,
      status: 'cancelled',
      sequence: 1,
    });
    await givenEvent({
      slug: 'bozza-segreta',
      organisationId: cortile.id,
      startsAt: `${Y}-01-17T15:00:00Z`,
      endsAt: `${Y}-01-17T17:00:00Z`,
      status: 'draft',
    });
    // All day on 20 January in Rome: from local midnight (23:00 UTC the day before) to the next.
    await givenEvent({
      slug: 'giornata-della-memoria-locale',
      organisationId: other.id,
      startsAt: `${Y}-01-19T23:00:00Z`,
      endsAt: `${Y}-01-20T23:00:00Z`,
      allDay: true,
    });
    await givenEvent({
      slug: 'mercatino-tra-tre-giorni',
      organisationId: other.id,
      startsAt: soon(3),
      endsAt: soon(3, 3),
    });
    await givenEvent({
      slug: 'cena-tra-settanta-giorni',
      organisationId: other.id,
      startsAt: soon(70),
      endsAt: soon(70, 3),
      priceCents: 1500,
    });
    await givenEvent({
      slug: 'incontro-di-dieci-giorni-fa',
      organisationId: cortile.id,
      startsAt: soon(-10),
      endsAt: soon(-10, 2),
    });
    await givenEvent({
      slug: 'incontro-di-due-mesi-fa',
      organisationId: cortile.id,
      startsAt: soon(-60),
      endsAt: soon(-60, 2),
    });
    await givenEvent({
      slug: 'evento-di-ente-in-attesa',
      organisationId: pending.id,
      startsAt: soon(4),
      endsAt: soon(4, 2),
    });
  });

  it('lists the next two months by default, soonest first, without drafts or organisations in waiting', async () => {
    const res = await visitor.get('/api/events');
    expect(res.status).toBe(200);
    const slugs = res.body.items.map((e: EventCard) => e.slug);
    expect(slugs).toContain('mercatino-tra-tre-giorni');
    expect(slugs).not.toContain('cena-tra-settanta-giorni');
    expect(slugs).not.toContain('incontro-di-dieci-giorni-fa');
    expect(slugs).not.toContain('evento-di-ente-in-attesa');
    expect(slugs).not.toContain('bozza-segreta');
    expect(res.body).toMatchObject({ page: 1, pageSize: 50 });
    const starts = res.body.items.map((e: EventCard) => e.startsAt);
    expect(starts).toEqual([...starts].sort());
  });

  it('reads the days asked in Rome time, and filters by Comune, organisation, words and free entry', async () => {
    const january = await visitor.get(`/api/events?from=${Y}-01-01&to=${Y}-01-31`);
    expect(fixedDays(january.body.items)).toEqual([
      'concerto-d-inverno',
      'laboratorio-annullato',
      'giornata-della-memoria-locale',
    ]);
    const byslug = (slug: string) => january.body.items.find((e: EventCard) => e.slug === slug);
    expect(byslug('laboratorio-annullato').status).toBe('cancelled');
    expect(byslug('concerto-d-inverno')).toMatchObject({
      startsAt: `${Y}-01-15T17:00:00.000Z`,
      priceCents: 500,
      organisation: { slug: ORG },
      location: { lat: 45.7144, lng: 8.905 },
      venue: 'Sala civica',
    });
    // The all-day event starts at 23:00 UTC on the 19th, which is already the 20th in Rome.
    const the20th = await visitor.get(`/api/events?from=${Y}-01-20&to=${Y}-01-20`);
    expect(fixedDays(the20th.body.items)).toEqual(['giornata-della-memoria-locale']);
    const the19th = await visitor.get(`/api/events?from=${Y}-01-19&to=${Y}-01-19`);
    expect(fixedDays(the19th.body.items)).toEqual([]);

    const byOrganisation = await visitor.get(`/api/events?from=${Y}-01-01&to=${Y}-12-31&organisation=${ORG}`);
    expect(byOrganisation.body.items.every((e: EventCard) => e.organisation.slug === ORG)).toBe(true);
    expect(byOrganisation.body.total).toBe(3);

    const [comune] = await db.query(`SELECT slug FROM comune WHERE id = $1`, [other.comune_id]);
    const byComune = await visitor.get(`/api/events?from=${Y}-01-01&to=${Y}-12-31&comune=${comune.slug}`);
    expect(fixedDays(byComune.body.items)).toEqual(['giornata-della-memoria-locale']);
    expect(byComune.body.items.every((e: EventCard) => e.comune.slug === comune.slug)).toBe(true);

    const words = await visitor.get(`/api/events?from=${Y}-01-01&to=${Y}-12-31&q=ESTATE`);
    expect(words.body.items.map((e: EventCard) => e.slug)).toEqual(['festa-d-estate']);

    const free = await visitor.get(`/api/events?from=${Y}-01-01&to=${Y}-01-31&free=true`);
    expect(free.body.items.every((e: EventCard) => e.priceCents === null)).toBe(true);
    expect(free.body.items.map((e: EventCard) => e.slug)).not.toContain('concerto-d-inverno');

    const paged = await visitor.get(
      `/api/events?from=${Y}-01-01&to=${Y}-01-31&pageSize=2&page=2&organisation=${ORG}`,
    );
    expect(paged.body).toMatchObject({ total: 2, page: 2, pageSize: 2, items: [] });
    const first = await visitor.get(
      `/api/events?from=${Y}-01-01&to=${Y}-01-31&pageSize=1&page=2&organisation=${ORG}`,
    );
    expect(first.body).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(first.body.items.map((e: EventCard) => e.slug)).toEqual(['laboratorio-annullato']);
  });

  it('refuses days that do not exist, a range backwards or longer than a year', async () => {
    const cases: [string, string][] = [
      ['from=2026-02-30', 'from'],
      ['from=domani', 'from'],
      ['to=2026-13-01', 'to'],
      [`from=${Y}-03-01&to=${Y}-02-01`, 'to'],
      [`from=${Y}-01-01&to=${Y + 1}-01-03`, 'to'],
      ['pageSize=201', 'pageSize'],
      ['free=forse', 'free'],
    ];
    for (const [query, field] of cases) {
      const res = await visitor.get(`/api/events?${query}`);
      expect({ query, status: res.status, field: res.body.field }).toEqual({ query, status: 400, field });
      expect(res.body.message.it).toBeTruthy();
      expect(res.body.message.en).toBeTruthy();
    }
    expect((await visitor.get(`/api/events?from=${Y}-01-01&to=${Y}-12-31`)).status).toBe(200);
  });

  it("shows an event's page, and none for a draft", async () => {
    const res = await visitor.get('/api/events/concerto-d-inverno');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      slug: 'concerto-d-inverno',
      description: 'Tutti i dettagli',
      registrationUrl: 'https://iscrizioni.example.org',
      icsUrl: `${PUBLIC_URL}/api/events/concerto-d-inverno/calendar.ics`,
      allDay: false,
    });
    expect((await visitor.get('/api/events/bozza-segreta')).status).toBe(404);
    expect((await visitor.get('/api/events/evento-di-ente-in-attesa')).status).toBe(404);
    expect((await visitor.get('/api/events/laboratorio-annullato')).body.status).toBe('cancelled');
  });

  it("feeds the whole Ambito's calendar from a month ago, in UTC, with cancellations and all-day events", async () => {
    const { calendar, slugs, bySlug } = parseCalendar(await visitor.get('/api/events.ics'));
    const [settings] = await db.query(`SELECT name FROM ambito_settings`);
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toContain(settings.name);
    expect(slugs).toEqual(
      [
        'concerto-d-inverno',
        'festa-d-estate',
        'giornata-della-memoria-locale',
        'incontro-di-dieci-giorni-fa',
        'laboratorio-annullato',
        'mercatino-tra-tre-giorni',
        'cena-tra-settanta-giorni',
      ].sort(),
    );

    const winter = bySlug('concerto-d-inverno')!;
    expect(winter.uid).toBe(`${ids['concerto-d-inverno']}@piazza.example.org`);
    expect(winter.startDate.toJSDate().toISOString()).toBe(`${Y}-01-15T17:00:00.000Z`);
    expect(winter.endDate.toJSDate().toISOString()).toBe(`${Y}-01-15T19:00:00.000Z`);
    expect(winter.sequence).toBe(3);
    expect(winter.location).toContain('Sala civica');
    expect(winter.location).toContain('Piazza Mazzini 6, Tradate');
    expect(winter.description).toContain('Tutti i dettagli');
    expect(winter.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(winter.component.getFirstPropertyValue('geo')).toEqual([45.7144, 8.905]);
    const summer = bySlug('festa-d-estate')!;
    expect(summer.startDate.toJSDate().toISOString()).toBe(`${Y}-07-15T16:00:00.000Z`);
    expect(summer.component.getFirstPropertyValue('geo')).toBeNull();

    const cancelled = bySlug('laboratorio-annullato')!;
    expect(cancelled.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancelled.sequence).toBe(1);

    const allDay = bySlug('giornata-della-memoria-locale')!;
    expect(allDay.startDate.isDate).toBe(true);
    expect(allDay.startDate.toString()).toBe(`${Y}-01-20`);
    expect(allDay.endDate.toString()).toBe(`${Y}-01-21`);
  });

  it("feeds one organisation's events only, and one event on its own", async () => {
    const { slugs, bySlug } = parseCalendar(
      await visitor.get(`/api/catalogue/organisations/${ORG}/events.ics`),
    );
    expect(slugs).toEqual(
      ['concerto-d-inverno', 'festa-d-estate', 'incontro-di-dieci-giorni-fa', 'laboratorio-annullato'].sort(),
    );
    expect(bySlug('bozza-segreta')).toBeUndefined();

    const other2 = parseCalendar(await visitor.get(`/api/catalogue/organisations/${other.slug}/events.ics`));
    expect(other2.slugs).toEqual(
      ['cena-tra-settanta-giorni', 'giornata-della-memoria-locale', 'mercatino-tra-tre-giorni'].sort(),
    );

    const single = parseCalendar(await visitor.get('/api/events/laboratorio-annullato/calendar.ics'));
    expect(single.events).toHaveLength(1);
    expect(single.events[0].uid).toBe(`${ids['laboratorio-annullato']}@piazza.example.org`);
    expect((await visitor.get('/api/events/bozza-segreta/calendar.ics')).status).toBe(404);
  });
});
