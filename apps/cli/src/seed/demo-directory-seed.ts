import { CatalogueEvent, Place, ServiceSlot, SocialPointSlot } from '@piazza/catalogue';
import { cents, geoPoint } from '@piazza/core';
import type { EntityManager } from 'typeorm';
import {
  addDays,
  ambitoDate,
  ambitoInstant,
  type CalendarDate,
  isoDate,
  isoWeekday,
  isPublicHoliday,
} from './ambito-calendar';
import { SOCIAL_POINTS } from './demo-ambito.data';
import type { SeedEvent, SeedPlace, SeedService } from './demo-ambito.types';
import { CATEGORY_TAGS, ORGANISATION_PROFILES, TARGET_GROUPS, THEMES } from './demo-directory.data';
import { EVENTS } from './demo-events.data';
import { PLACES, SLOT_SCHEDULES } from './demo-places.data';

/** How far ahead the seed writes bookable slots of services, and appointment slots of Social Points. */
export const SERVICE_SLOT_DAYS = 35;
export const SOCIAL_POINT_SLOT_DAYS = 21;
const SOCIAL_POINT_SLOT_MINUTES = 30;

/** Ids by natural key, read back after inserting. */
export interface SeedIds {
  comune: Map<string, string>;
  organisation: Map<string, string>;
  service: Map<string, string>;
  socialPoint: Map<string, string>;
}

export function required(ids: Map<string, string>, slug: string): string {
  const id = ids.get(slug);
  if (!id) throw new Error(`Seed data refers to unknown slug "${slug}"`);
  return id;
}

/** Runs a data-changing statement with RETURNING and answers how many rows it touched. */
async function affectedRows(em: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const result: unknown = await em.query(sql, params);
  // TypeORM answers an INSERT with its rows, an UPDATE with [rows, rowCount].
  if (Array.isArray(result) && result.length === 2 && typeof result[1] === 'number') return result[1];
  return (result as unknown[]).length;
}

/** Columns of parallel arrays for `unnest`, from rows. */
function columns<T extends unknown[]>(rows: T[], width: number): unknown[][] {
  const out: unknown[][] = Array.from({ length: width }, () => []);
  for (const row of rows) row.forEach((value, i) => out[i].push(value));
  return out;
}

/**
 * Gives each seeded service its themes and target groups (its own, else its category's), but only to a
 * service that has none yet: what a provider or an administrator chose later is left alone.
 */
export async function tagServices(
  em: EntityManager,
  services: SeedService[],
): Promise<{ themes: number; targetGroups: number }> {
  const themeSlugs = new Set(THEMES.map((t) => t.slug));
  const groupSlugs = new Set(TARGET_GROUPS.map((g) => g.slug));
  const themePairs: [string, string][] = [];
  const groupPairs: [string, string][] = [];
  for (const s of services) {
    const defaults = CATEGORY_TAGS[s.category];
    if (!defaults) throw new Error(`No default themes for category "${s.category}"`);
    for (const theme of s.themes ?? defaults.themes) {
      if (!themeSlugs.has(theme)) throw new Error(`Service "${s.slug}" has unknown theme "${theme}"`);
      themePairs.push([s.slug, theme]);
    }
    for (const group of s.targetGroups ?? defaults.targetGroups) {
      if (!groupSlugs.has(group)) throw new Error(`Service "${s.slug}" has unknown target group "${group}"`);
      groupPairs.push([s.slug, group]);
    }
  }
  const themes = await affectedRows(
    em,
    `INSERT INTO service_offer_theme (service_offer_id, theme_id)
     SELECT s.id, t.id FROM unnest($1::text[], $2::text[]) AS x(service_slug, theme_slug)
       JOIN service_offer s ON s.slug = x.service_slug
       JOIN theme t ON t.slug = x.theme_slug
     WHERE NOT EXISTS (SELECT 1 FROM service_offer_theme st WHERE st.service_offer_id = s.id)
     ON CONFLICT DO NOTHING RETURNING 1`,
    columns(themePairs, 2),
  );
  const targetGroups = await affectedRows(
    em,
    `INSERT INTO service_offer_target_group (service_offer_id, target_group_id)
     SELECT s.id, g.id FROM unnest($1::text[], $2::text[]) AS x(service_slug, group_slug)
       JOIN service_offer s ON s.slug = x.service_slug
       JOIN target_group g ON g.slug = x.group_slug
     WHERE NOT EXISTS (SELECT 1 FROM service_offer_target_group sg WHERE sg.service_offer_id = s.id)
     ON CONFLICT DO NOTHING RETURNING 1`,
    columns(groupPairs, 2),
  );
  return { themes, targetGroups };
}

/**
 * Fills in what a database seeded by an earlier version lacks on rows that already exist: organisation
 * stories and PEC, Social Point languages and accessibility, services' opening hours. Only empty fields
 * are written, so edits made since are kept.
 */
export async function completeEarlierRows(em: EntityManager, services: SeedService[]): Promise<number> {
  const profiles = Object.entries(ORGANISATION_PROFILES).map(([slug, p]) => [slug, p.history, p.pec]);
  let updated = await affectedRows(
    em,
    `UPDATE organisation o SET history = x.history, pec = coalesce(o.pec, x.pec)
       FROM unnest($1::text[], $2::text[], $3::text[]) AS x(slug, history, pec)
     WHERE o.slug = x.slug AND o.history = '' RETURNING 1`,
    columns(profiles, 3),
  );
  updated += await affectedRows(
    em,
    `UPDATE social_point p SET languages = x.languages::text[], accessibility = x.accessibility
       FROM unnest($1::text[], $2::text[], $3::text[]) AS x(slug, languages, accessibility)
     WHERE p.slug = x.slug AND p.accessibility = '' RETURNING 1`,
    columns(
      SOCIAL_POINTS.map((p) => [p.slug, `{${p.languages.join(',')}}`, p.accessibility]),
      3,
    ),
  );
  const withHours = services.filter((s) => s.openingHours?.length);
  updated += await affectedRows(
    em,
    `UPDATE service_offer s SET opening_hours = x.hours::jsonb
       FROM unnest($1::text[], $2::text[]) AS x(slug, hours)
     WHERE s.slug = x.slug AND s.opening_hours = '[]'::jsonb RETURNING 1`,
    columns(
      withHours.map((s) => [s.slug, JSON.stringify(s.openingHours)]),
      2,
    ),
  );
  return updated;
}

const placeKey = (organisationId: string, name: string) => `${organisationId}\u0000${name}`;

/**
 * Writes the organisations' places that are missing (matched by organisation and name) and links them
 * to their services; a service that already has places keeps them. The database then moves each
 * service's map point to its first place.
 */
export async function seedPlaces(
  em: EntityManager,
  ids: SeedIds,
  services: SeedService[],
): Promise<{ places: number; links: number; placeId: (p: SeedPlace) => string }> {
  const repository = em.getRepository(Place);
  const existing = new Set(
    (await repository.find({ select: { organisationId: true, name: true } })).map((p) =>
      placeKey(p.organisationId, p.name),
    ),
  );
  const missing = PLACES.filter(
    (p) => !existing.has(placeKey(required(ids.organisation, p.organisation), p.name)),
  );
  if (missing.length > 0) {
    await repository.insert(
      missing.map((p) => ({
        organisationId: required(ids.organisation, p.organisation),
        name: p.name,
        address: p.address,
        comuneId: required(ids.comune, p.comune),
        location: geoPoint(p.lat, p.lng),
        openingHours: p.openingHours,
        accessibility: p.accessibility,
      })),
    );
  }
  const placeIds = new Map(
    (await repository.find({ select: { id: true, organisationId: true, name: true } })).map((p) => [
      placeKey(p.organisationId, p.name),
      p.id,
    ]),
  );
  const placeId = (p: SeedPlace) => {
    const id = placeIds.get(placeKey(required(ids.organisation, p.organisation), p.name));
    if (!id) throw new Error(`Place "${p.name}" was not written`);
    return id;
  };

  const serviceOrganisation = new Map(services.map((s) => [s.slug, s.organisation]));
  const links: [string, string, number][] = [];
  const positions = new Map<string, number>();
  for (const place of PLACES) {
    for (const slug of place.services) {
      if (serviceOrganisation.get(slug) !== place.organisation)
        throw new Error(`Place "${place.name}" lists "${slug}", a service of another organisation`);
      const position = positions.get(slug) ?? 0;
      positions.set(slug, position + 1);
      links.push([required(ids.service, slug), placeId(place), position]);
    }
  }
  const linked = await affectedRows(
    em,
    `INSERT INTO service_offer_place (service_offer_id, place_id, position)
     SELECT x.service_id, x.place_id, x.position
       FROM unnest($1::uuid[], $2::uuid[], $3::int[]) AS x(service_id, place_id, position)
     WHERE NOT EXISTS (SELECT 1 FROM service_offer_place sp WHERE sp.service_offer_id = x.service_id)
     ON CONFLICT DO NOTHING RETURNING 1`,
    columns(links, 3),
  );
  return { places: missing.length, links: linked, placeId };
}

/** Local times of one day, every `minutes` from `opens` while a whole step fits before `closes`. */
function steps(opens: string, closes: string, minutes: number): [string, string][] {
  const toMinutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
  const toTime = (m: number) =>
    `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const out: [string, string][] = [];
  for (let m = toMinutes(opens); m + minutes <= toMinutes(closes); m += minutes)
    out.push([toTime(m), toTime(m + minutes)]);
  return out;
}

/** The working days from today on (public holidays have no slots). */
function upcomingDays(now: Date, days: number): CalendarDate[] {
  const today = ambitoDate(now);
  return Array.from({ length: days }, (_, i) => addDays(today, i)).filter((d) => !isPublicHoliday(d));
}

/**
 * Writes the bookable slots of the next weeks, from each service's weekly timetable. A slot is matched
 * by service and start, so a later run only adds the days that have come within reach.
 */
export async function seedServiceSlots(
  em: EntityManager,
  ids: SeedIds,
  now: Date,
  placeId: (p: SeedPlace) => string,
): Promise<number> {
  const rows: Partial<ServiceSlot>[] = [];
  for (const schedule of SLOT_SCHEDULES) {
    const serviceOfferId = required(ids.service, schedule.service);
    const place = PLACES.find((p) => p.services.includes(schedule.service));
    for (const date of upcomingDays(now, SERVICE_SLOT_DAYS)) {
      for (const session of schedule.sessions.filter((s) => s.day === isoWeekday(date))) {
        const startsAt = ambitoInstant(date, session.starts);
        if (startsAt <= now) continue;
        rows.push({
          serviceOfferId,
          placeId: place ? placeId(place) : null,
          startsAt,
          endsAt: ambitoInstant(date, session.ends),
          capacity: schedule.capacity,
          note: schedule.note ?? '',
        });
      }
    }
  }
  const existing = (await em.query(
    `SELECT service_offer_id AS "serviceOfferId", starts_at AS "startsAt" FROM service_slot
      WHERE service_offer_id = ANY($1::uuid[]) AND starts_at > $2`,
    [[...new Set(rows.map((r) => r.serviceOfferId))], now],
  )) as { serviceOfferId: string; startsAt: Date }[];
  const have = new Set(existing.map((s) => `${s.serviceOfferId}@${s.startsAt.getTime()}`));
  const missing = rows.filter((r) => !have.has(`${r.serviceOfferId}@${r.startsAt!.getTime()}`));
  if (missing.length > 0) await em.getRepository(ServiceSlot).insert(missing);
  return missing.length;
}

/**
 * The event's day: the first `day` on or after tomorrow plus `week` weeks, moved on to the next day
 * while it falls on a public holiday or on Christmas or New Year's Eve.
 */
function eventDate(event: SeedEvent, now: Date): CalendarDate {
  let date = addDays(ambitoDate(now), 1 + 7 * event.week);
  while (isoWeekday(date) !== event.day) date = addDays(date, 1);
  const eve = (d: CalendarDate) => d.month === 12 && (d.day === 24 || d.day === 31);
  while (isPublicHoliday(date) || eve(date)) date = addDays(date, 1);
  return date;
}

/** Where an event takes place, as the event row stores it. */
function eventVenue(event: SeedEvent, ids: SeedIds, placeId: (p: SeedPlace) => string) {
  const at = event.at;
  if ('venue' in at) {
    return {
      placeId: null,
      venue: at.venue,
      address: at.address,
      comuneId: required(ids.comune, at.comune),
      location: geoPoint(at.lat, at.lng),
    };
  }
  const place = PLACES.find((p) => p.organisation === event.organisation && p.name === at.place);
  if (!place) throw new Error(`Event "${event.title}" is at an unknown place "${at.place}"`);
  return {
    placeId: placeId(place),
    venue: place.name,
    address: place.address,
    comuneId: required(ids.comune, place.comune),
    location: geoPoint(place.lat, place.lng),
  };
}

export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Writes the agenda of the next two months. An event is skipped when its slug (title and date) exists
 * or when its organisation still has an upcoming event of that title, so running the seed every day
 * does not repeat the agenda: a new occurrence comes only once the previous one is over.
 */
export async function seedEvents(
  em: EntityManager,
  ids: SeedIds,
  now: Date,
  placeId: (p: SeedPlace) => string,
): Promise<number> {
  const planned = EVENTS.map((event) => {
    const date = eventDate(event, now);
    return { event, date, slug: `${slugify(event.title)}-${isoDate(date)}` };
  });
  const existing = (await em.query(
    `SELECT slug, organisation_id AS "organisationId", title FROM event WHERE slug = ANY($1::text[]) OR ends_at >= $2`,
    [planned.map((p) => p.slug), now],
  )) as { slug: string; organisationId: string; title: string }[];
  const slugs = new Set(existing.map((e) => e.slug));
  const upcoming = new Set(existing.map((e) => `${e.organisationId}\u0000${e.title}`));

  const rows: Partial<CatalogueEvent>[] = [];
  for (const { event, date, slug } of planned) {
    const organisationId = required(ids.organisation, event.organisation);
    if (slugs.has(slug) || upcoming.has(`${organisationId}\u0000${event.title}`)) continue;
    const allDay = event.starts === undefined;
    const where = eventVenue(event, ids, placeId);
    rows.push({
      slug,
      organisationId,
      title: event.title,
      summary: event.summary,
      description: event.description,
      // An all-day event runs from local midnight to the next (iCalendar's exclusive end).
      startsAt: ambitoInstant(date, event.starts ?? '00:00'),
      endsAt: allDay ? ambitoInstant(addDays(date, 1), '00:00') : ambitoInstant(date, event.ends!),
      allDay,
      ...where,
      priceCents: event.priceCents === null ? null : cents(event.priceCents),
      registrationUrl: event.registrationUrl ?? null,
      status: event.cancelled ? 'cancelled' : 'published',
      publishedAt: now,
      sequence: event.cancelled ? 1 : 0,
    });
  }
  if (rows.length === 0) return 0;
  const result = await em
    .createQueryBuilder()
    .insert()
    .into(CatalogueEvent)
    .values(rows)
    .orIgnore()
    .execute();
  return (result.raw as unknown[]).length;
}

/** Half-hour appointment slots at each Social Point during its opening hours, for the next three weeks. */
export async function seedSocialPointSlots(em: EntityManager, ids: SeedIds, now: Date): Promise<number> {
  const rows: Partial<SocialPointSlot>[] = [];
  for (const point of SOCIAL_POINTS) {
    const socialPointId = required(ids.socialPoint, point.slug);
    for (const date of upcomingDays(now, SOCIAL_POINT_SLOT_DAYS)) {
      for (const hours of point.openingHours.filter((h) => h.day === isoWeekday(date))) {
        for (const [starts, ends] of steps(hours.opens, hours.closes, SOCIAL_POINT_SLOT_MINUTES)) {
          const startsAt = ambitoInstant(date, starts);
          if (startsAt <= now) continue;
          rows.push({ socialPointId, startsAt, endsAt: ambitoInstant(date, ends), capacity: 1 });
        }
      }
    }
  }
  if (rows.length === 0) return 0;
  // (social_point_id, starts_at) is unique: the slots already there are skipped.
  const result = await em
    .createQueryBuilder()
    .insert()
    .into(SocialPointSlot)
    .values(rows)
    .orIgnore()
    .execute();
  return (result.raw as unknown[]).length;
}
