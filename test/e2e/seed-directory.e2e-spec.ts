import { isOpenAt, type OpeningHours } from '@piazza/core';
import { PasswordService } from '@piazza/identity';
import { DataSource } from 'typeorm';
import {
  addDays,
  ambitoDate,
  ambitoInstant,
  type CalendarDate,
  isoWeekday,
  isPublicHoliday,
} from '../../apps/cli/src/seed/ambito-calendar';
import { seedDemoAmbito } from '../../apps/cli/src/seed/demo-seed';
import { givenDemoAmbito } from '../support/demo-ambito';
import { useTestApi } from '../support/test-api';

const DAY_MS = 24 * 3_600_000;

/** The next working weekday (Monday to Friday, not a holiday) after today, in the Ambito's calendar. */
function nextWorkingDay(from: Date): CalendarDate {
  let date = addDays(ambitoDate(from), 1);
  while (isoWeekday(date) > 5 || isPublicHoliday(date)) date = addDays(date, 1);
  return date;
}

describe('Demo Ambito: the directory (catalogue, map, agenda)', () => {
  const api = useTestApi();
  let db: DataSource;
  let seededAt: Date;
  const rows = <T>(sql: string, params: unknown[] = []) => db.query(sql, params) as Promise<T[]>;

  beforeAll(async () => {
    db = api.app.get(DataSource);
    seededAt = new Date();
    const report = await givenDemoAmbito(api.app);
    expect(report.created).toMatchObject({ themes: 7, targetGroups: 8 });
    for (const kind of [
      'publicBodies',
      'places',
      'servicePlaces',
      'serviceSlots',
      'events',
      'socialPointSlots',
    ])
      expect(report.created[kind]).toBeGreaterThan(0);
  });

  it('creates nothing on a second run', async () => {
    const second = await givenDemoAmbito(api.app);
    expect(Object.entries(second.created).filter(([, n]) => n !== 0)).toEqual([]);
  });

  it('has the Lodi themes and the target groups, with the names people read', async () => {
    const themes = await rows<{ slug: string; name_it: string; name_en: string }>(
      'SELECT slug, name_it, name_en FROM theme ORDER BY position',
    );
    expect(themes.map((t) => t.slug)).toEqual([
      'casa',
      'lavoro',
      'cibo',
      'cura',
      'formazione',
      'tirocini',
      'ascolto',
    ]);
    expect(themes.find((t) => t.slug === 'ascolto')).toMatchObject({
      name_it: "Consultori e sportelli d'ascolto",
      name_en: 'Counselling and listening desks',
    });
    const groups = await rows<{ slug: string; name_it: string }>(
      'SELECT slug, name_it FROM target_group ORDER BY position',
    );
    expect(groups.map((g) => g.slug)).toEqual([
      'famiglie',
      'bambini',
      'giovani',
      'anziani',
      'donne',
      'disabilita',
      'stranieri',
      'caregiver',
    ]);
    expect(groups.find((g) => g.slug === 'disabilita')?.name_it).toBe('Disabilità');
  });

  it('has a published service in every subcategory and in every Comune', async () => {
    const emptyCategories = await rows<{ slug: string }>(`
      SELECT c.slug FROM category c WHERE c.parent_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM service_offer s WHERE s.category_id = c.id AND s.status = 'published')`);
    expect(emptyCategories).toEqual([]);
    const emptyComuni = await rows<{ slug: string }>(`
      SELECT c.slug FROM comune c WHERE NOT EXISTS (
        SELECT 1 FROM service_offer_comune sc JOIN service_offer s ON s.id = sc.service_offer_id
         WHERE sc.comune_id = c.id AND s.status = 'published')`);
    expect(emptyComuni).toEqual([]);
    const [{ n }] = await rows<{ n: number }>('SELECT count(*)::int AS n FROM comune');
    expect(n).toBe(8);
  });

  it('gives every published service themes, target groups and a point on the map', async () => {
    const incomplete = await rows<{ slug: string }>(`
      SELECT s.slug FROM service_offer s WHERE s.status = 'published' AND (
        s.location IS NULL
        OR NOT EXISTS (SELECT 1 FROM service_offer_theme t WHERE t.service_offer_id = s.id)
        OR NOT EXISTS (SELECT 1 FROM service_offer_target_group g WHERE g.service_offer_id = s.id))`);
    expect(incomplete).toEqual([]);
    // Every theme and every target group finds something.
    const unused = await rows<{ slug: string }>(`
      SELECT slug FROM theme t WHERE NOT EXISTS (SELECT 1 FROM service_offer_theme st WHERE st.theme_id = t.id)
      UNION ALL
      SELECT slug FROM target_group g
       WHERE NOT EXISTS (SELECT 1 FROM service_offer_target_group sg WHERE sg.target_group_id = g.id)`);
    expect(unused).toEqual([]);
    // Services with a place are shown where they happen, not at the organisation's office.
    const misplaced = await rows<{ slug: string }>(`
      SELECT s.slug FROM service_offer s
        JOIN LATERAL (SELECT p.location FROM service_offer_place sp JOIN place p ON p.id = sp.place_id
                       WHERE sp.service_offer_id = s.id ORDER BY sp.position LIMIT 1) first ON true
       WHERE NOT ST_Equals(s.location::geometry, first.location::geometry)`);
    expect(misplaced).toEqual([]);
  });

  it('gives every cooperative, association and public body a place near its Comune', async () => {
    const placeless = await rows<{ slug: string }>(`
      SELECT o.slug FROM organisation o
       WHERE o.kind <> 'shop' AND NOT EXISTS (SELECT 1 FROM place p WHERE p.organisation_id = o.id)`);
    expect(placeless).toEqual([]);
    const far = await rows<{ name: string; km: number }>(`
      SELECT p.name, ST_Distance(p.location, c.location) / 1000 AS km FROM place p
        JOIN comune c ON c.id = p.comune_id WHERE ST_Distance(p.location, c.location) > 3000`);
    expect(far).toEqual([]);
  });

  it('lists free public services, open in office hours of a working day', async () => {
    const bodies = await rows<{ slug: string; vat_number: string | null; accreditation_status: string }>(
      `SELECT slug, vat_number, accreditation_status FROM organisation WHERE kind = 'public_body'`,
    );
    expect(bodies.length).toBeGreaterThanOrEqual(5);
    for (const body of bodies)
      expect(body).toMatchObject({ vat_number: null, accreditation_status: 'accredited' });

    const services = await rows<{
      slug: string;
      price_model: string;
      price_cents: string | null;
      opening_hours: OpeningHours[];
    }>(`
      SELECT s.slug, s.price_model, s.price_cents, s.opening_hours FROM service_offer s
        JOIN organisation o ON o.id = s.organisation_id
       WHERE o.kind = 'public_body' AND s.status = 'published'`);
    expect(services.length).toBeGreaterThanOrEqual(8);
    for (const s of services) expect(s).toMatchObject({ price_model: 'free', price_cents: null });
    const withHours = services.filter((s) => s.opening_hours.length > 0);
    expect(withHours.length).toBeGreaterThanOrEqual(8);

    const day = nextWorkingDay(new Date());
    for (const time of ['10:00', '11:30', '15:00']) {
      const at = ambitoInstant(day, time);
      expect(withHours.filter((s) => isOpenAt(s.opening_hours, at)).length).toBeGreaterThanOrEqual(2);
    }
  });

  it('fills the agenda of the next two months, from today on', async () => {
    const events = await rows<{
      slug: string;
      starts_at: Date;
      ends_at: Date;
      all_day: boolean;
      status: string;
      price_cents: string | null;
      published_at: Date | null;
      comune_id: string;
      organisation_kind: string;
    }>(`
      SELECT e.slug, e.starts_at, e.ends_at, e.all_day, e.status, e.price_cents, e.published_at, e.comune_id,
             o.kind AS organisation_kind
        FROM event e JOIN organisation o ON o.id = e.organisation_id ORDER BY e.starts_at`);
    expect(events.length).toBeGreaterThanOrEqual(20);
    expect(events.length).toBeLessThanOrEqual(30);
    const startOfToday = ambitoInstant(ambitoDate(new Date()), '00:00');
    for (const e of events) {
      expect(e.ends_at.getTime()).toBeGreaterThanOrEqual(startOfToday.getTime());
      expect(e.starts_at.getTime()).toBeLessThanOrEqual(seededAt.getTime() + 60 * DAY_MS);
      expect(e.published_at).not.toBeNull();
    }
    expect(events.filter((e) => e.status === 'cancelled')).toHaveLength(1);
    expect(events.filter((e) => e.status === 'published').length).toBe(events.length - 1);
    expect(events.some((e) => e.price_cents !== null)).toBe(true);
    expect(events.some((e) => e.price_cents === null)).toBe(true);
    expect(new Set(events.map((e) => e.comune_id)).size).toBeGreaterThanOrEqual(6);
    expect(new Set(events.map((e) => e.organisation_kind))).toEqual(
      new Set(['cooperative', 'association', 'public_body']),
    );
    // An all-day event runs from midnight to midnight in Rome, whatever the season.
    const allDay = events.filter((e) => e.all_day);
    expect(allDay).toHaveLength(1);
    const day = ambitoDate(allDay[0].starts_at);
    expect(allDay[0].starts_at).toEqual(ambitoInstant(day, '00:00'));
    expect(allDay[0].ends_at).toEqual(ambitoInstant(addDays(day, 1), '00:00'));
    // Nothing happens on a public holiday.
    expect(events.filter((e) => isPublicHoliday(ambitoDate(e.starts_at)))).toEqual([]);
  });

  it('offers upcoming bookable slots for the next weeks, never in the past', async () => {
    const slots = await rows<{
      service: string;
      starts_at: Date;
      ends_at: Date;
      capacity: number;
      place_id: string;
    }>(`
      SELECT s.slug AS service, sl.starts_at, sl.ends_at, sl.capacity, sl.place_id
        FROM service_slot sl JOIN service_offer s ON s.id = sl.service_offer_id`);
    expect(new Set(slots.map((s) => s.service)).size).toBeGreaterThanOrEqual(10);
    for (const slot of slots) {
      expect(slot.starts_at.getTime()).toBeGreaterThan(seededAt.getTime());
      expect(slot.starts_at.getTime()).toBeLessThan(seededAt.getTime() + 6 * 7 * DAY_MS);
      expect(slot.ends_at.getTime()).toBeGreaterThan(slot.starts_at.getTime());
      expect(slot.capacity).toBeGreaterThan(0);
    }
    // Every week ahead has slots, not only the first.
    const lastStart = Math.max(...slots.map((s) => s.starts_at.getTime()));
    expect(lastStart).toBeGreaterThan(seededAt.getTime() + 3 * 7 * DAY_MS);
    expect(slots.filter((s) => s.service === 'doposcuola-medie-tradate').every((s) => s.place_id)).toBe(true);
  });

  it('opens half-hour appointments at every Social Point during its opening hours', async () => {
    const points = await rows<{ slug: string; opening_hours: OpeningHours[]; languages: string[] }>(
      'SELECT slug, opening_hours, languages FROM social_point',
    );
    const slots = await rows<{ slug: string; starts_at: Date; ends_at: Date; capacity: number }>(`
      SELECT p.slug, s.starts_at, s.ends_at, s.capacity
        FROM social_point_slot s JOIN social_point p ON p.id = s.social_point_id`);
    for (const point of points) {
      const own = slots.filter((s) => s.slug === point.slug);
      expect(own.length).toBeGreaterThan(5);
      for (const slot of own) {
        expect(slot.ends_at.getTime() - slot.starts_at.getTime()).toBe(30 * 60_000);
        expect(slot.capacity).toBe(1);
        expect(slot.starts_at.getTime()).toBeGreaterThan(seededAt.getTime());
        expect(slot.starts_at.getTime()).toBeLessThan(seededAt.getTime() + 22 * DAY_MS);
        expect(isOpenAt(point.opening_hours, slot.starts_at)).toBe(true);
        expect(isOpenAt(point.opening_hours, new Date(slot.ends_at.getTime() - 60_000))).toBe(true);
      }
    }
    expect(points.find((p) => p.slug === 'social-point-tradate')?.languages).toEqual([
      'it',
      'en',
      'fr',
      'ar',
    ]);
  });

  it("fills the administrator's moderation queue with the demo provider's proposals", async () => {
    const proposals = await rows<{ status: string; submitted_at: Date | null; published_at: Date | null }>(`
      SELECT s.status, s.submitted_at, s.published_at FROM service_offer s
        JOIN organisation o ON o.id = s.organisation_id
       WHERE o.slug = 'cortile-dei-ragazzi' AND s.status <> 'published'`);
    const pending = proposals.filter((p) => p.status === 'pending_review');
    expect(pending.length).toBeGreaterThanOrEqual(2);
    expect(pending.every((p) => p.submitted_at !== null && p.published_at === null)).toBe(true);
    expect(proposals.filter((p) => p.status === 'draft')).toHaveLength(1);
  });

  it('only adds the days that came within reach when it runs again a week later', async () => {
    const weekLater = new Date(seededAt.getTime() + 7 * DAY_MS);
    const later = await seedDemoAmbito(db, new PasswordService(), weekLater);
    expect(later.created).toMatchObject({ services: 0, places: 0, organisations: 0, publicBodies: 0 });
    expect(later.created['serviceSlots']).toBeGreaterThan(0);
    expect(later.created['socialPointSlots']).toBeGreaterThan(0);

    const duplicateSlots = await rows<{ n: number }>(`
      SELECT count(*)::int AS n FROM service_slot GROUP BY service_offer_id, starts_at HAVING count(*) > 1`);
    expect(duplicateSlots).toEqual([]);
    // An event still to come is not announced twice; one already over comes back on a later date.
    const repeated = await rows<{ title: string }>(
      `SELECT title FROM event WHERE ends_at >= $1 GROUP BY organisation_id, title HAVING count(*) > 1`,
      [weekLater],
    );
    expect(repeated).toEqual([]);
    const [{ n }] = await rows<{ n: number }>(
      'SELECT count(*)::int AS n FROM event WHERE ends_at >= $1 AND starts_at <= $2',
      [weekLater, new Date(weekLater.getTime() + 60 * DAY_MS)],
    );
    expect(n).toBeGreaterThanOrEqual(20);
  });
});
