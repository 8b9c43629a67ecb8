import { Injectable } from '@nestjs/common';
import { AMBITO_TIME_ZONE, type RequestContext } from '@piazza/core';
import type { EventStatus } from '../entities/catalogue-event.entity';
import { checkAmount, checkLocation, parseInstant, resolveComune } from './directory-input';
import { ManagementAccess } from './management-access';
import { invalid, StatusConflictError } from './management.errors';
import type { EventInput, LatLng, ProviderEvent } from './management.types';
import { insertWithFreeSlug, slugify } from './slugs';

interface EventRow {
  id: string;
  slug: string;
  title: string;
  summary: string;
  description: string;
  starts_at: Date;
  ends_at: Date;
  all_day: boolean;
  place_id: string | null;
  venue: string;
  address: string;
  comune_slug: string;
  lat: number | null;
  lng: number | null;
  price_cents: string | null;
  registration_url: string | null;
  status: EventStatus;
  sequence: number;
  published_at: Date | null;
  updated_at: Date;
}

interface CheckedEvent {
  title: string;
  summary: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  allDay: boolean;
  placeId: string | null;
  venue: string;
  address: string;
  comuneId: string;
  location: LatLng | null;
  priceCents: number | null;
  registrationUrl: string | null;
}

const EVENT_COLUMNS = `e.id, e.slug, e.title, e.summary, e.description, e.starts_at, e.ends_at, e.all_day, e.place_id,
  e.venue, e.address, c.slug AS comune_slug, ST_Y(e.location::geometry) AS lat, ST_X(e.location::geometry) AS lng,
  e.price_cents::text AS price_cents, e.registration_url, e.status, e.sequence, e.published_at, e.updated_at`;

/**
 * Events an organisation publishes on the Ambito's calendar. Once published, every change raises the
 * iCalendar SEQUENCE, so calendars subscribed to the feeds replace their copy instead of keeping a stale one.
 */
@Injectable()
export class EventManagementService {
  constructor(private readonly access: ManagementAccess) {}

  async list(ctx: RequestContext, organisationId: string): Promise<ProviderEvent[]> {
    await this.access.organisation(ctx, organisationId);
    const rows: EventRow[] = await ctx.em.query(
      `SELECT ${EVENT_COLUMNS} FROM event e JOIN comune c ON c.id = e.comune_id
        WHERE e.organisation_id = $1 ORDER BY e.starts_at DESC, e.title`,
      [organisationId],
    );
    return rows.map(toEvent);
  }

  async get(ctx: RequestContext, eventId: string): Promise<ProviderEvent> {
    await this.access.owner(ctx, 'event', eventId);
    return this.load(ctx, eventId);
  }

  /** A new draft; its slug is the title and the day it starts (`festa-di-primavera-2026-04-18`). */
  async create(ctx: RequestContext, organisationId: string, input: EventInput): Promise<ProviderEvent> {
    await this.access.accreditedOrganisation(ctx, organisationId);
    const event = await this.checked(ctx, organisationId, input, { mustBeFuture: true });
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: AMBITO_TIME_ZONE }).format(event.startsAt);
    const base = `${slugify(event.title, 60) || 'evento'}-${day}`;
    const id = await insertWithFreeSlug(ctx, 'event', base, async (slug) => {
      const rows: { id: string }[] = await ctx.em.query(
        `INSERT INTO event (slug, organisation_id, title, summary, description, starts_at, ends_at, all_day,
                            place_id, venue, address, comune_id, location, price_cents, registration_url, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,
                 CASE WHEN $13::float8 IS NULL THEN NULL
                      ELSE ST_SetSRID(ST_MakePoint($14::float8, $13::float8), 4326)::geography END,
                 $15, $16, 'draft')
         ON CONFLICT (slug) DO NOTHING
         RETURNING id`,
        [slug, organisationId, ...eventValues(event)],
      );
      return rows[0]?.id;
    });
    return this.load(ctx, id);
  }

  /** Changes a draft or a published event (not a cancelled one); a published one gets a new SEQUENCE. */
  async update(ctx: RequestContext, eventId: string, input: EventInput): Promise<ProviderEvent> {
    const organisation = await this.access.owner(ctx, 'event', eventId, { accredited: true });
    const [current]: { starts_at: Date }[] = await ctx.em.query(`SELECT starts_at FROM event WHERE id = $1`, [
      eventId,
    ]);
    const event = await this.checked(ctx, organisation.id, input, {
      mustBeFuture: parseInstant(input.startsAt, 'startsAt').getTime() !== current.starts_at.getTime(),
    });
    const [rows]: [{ id: string }[], number] = await ctx.em.query(
      `UPDATE event
          SET title = $2, summary = $3, description = $4, starts_at = $5, ends_at = $6, all_day = $7,
              place_id = $8, venue = $9, address = $10, comune_id = $11,
              location = CASE WHEN $12::float8 IS NULL THEN NULL
                              ELSE ST_SetSRID(ST_MakePoint($13::float8, $12::float8), 4326)::geography END,
              price_cents = $14, registration_url = $15,
              sequence = sequence + CASE WHEN status = 'published' THEN 1 ELSE 0 END,
              updated_at = now()
        WHERE id = $1 AND status <> 'cancelled'
        RETURNING id`,
      [eventId, ...eventValues(event)],
    );
    if (!rows[0]) throw eventCancelled();
    return this.load(ctx, eventId);
  }

  async publish(ctx: RequestContext, eventId: string): Promise<ProviderEvent> {
    await this.access.owner(ctx, 'event', eventId, { accredited: true });
    const [rows]: [{ id: string }[], number] = await ctx.em.query(
      `UPDATE event SET status = 'published', published_at = now(), updated_at = now()
        WHERE id = $1 AND status = 'draft'
        RETURNING id`,
      [eventId],
    );
    if (!rows[0]) {
      throw new StatusConflictError('EVENT_NOT_DRAFT', {
        it: 'Si pubblica solo un evento in bozza: questo è già pubblicato o annullato.',
        en: 'Only a draft event can be published: this one is already published or cancelled.',
      });
    }
    return this.load(ctx, eventId);
  }

  /** Calls a published event off: it stays in the feeds as cancelled, so calendars remove it. */
  async cancel(ctx: RequestContext, eventId: string): Promise<ProviderEvent> {
    await this.access.owner(ctx, 'event', eventId, { accredited: true });
    const [rows]: [{ id: string }[], number] = await ctx.em.query(
      `UPDATE event SET status = 'cancelled', sequence = sequence + 1, updated_at = now()
        WHERE id = $1 AND status = 'published'
        RETURNING id`,
      [eventId],
    );
    if (!rows[0]) {
      throw new StatusConflictError('EVENT_NOT_PUBLISHED', {
        it: 'Si annulla solo un evento pubblicato: questo è una bozza o è già annullato.',
        en: 'Only a published event can be cancelled: this one is a draft or already cancelled.',
      });
    }
    return this.load(ctx, eventId);
  }

  private async load(ctx: RequestContext, eventId: string): Promise<ProviderEvent> {
    const [row]: EventRow[] = await ctx.em.query(
      `SELECT ${EVENT_COLUMNS} FROM event e JOIN comune c ON c.id = e.comune_id WHERE e.id = $1`,
      [eventId],
    );
    return toEvent(row);
  }

  /** Where: the place's when one is given (its point, Comune, and name and address unless typed), else the body's. */
  private async checked(
    ctx: RequestContext,
    organisationId: string,
    input: EventInput,
    options: { mustBeFuture: boolean },
  ): Promise<CheckedEvent> {
    const title = input.title.trim();
    if (title.length < 3 || title.length > 120) {
      throw invalid('title', 'deve avere da 3 a 120 caratteri', 'must be 3 to 120 characters long');
    }
    const startsAt = parseInstant(input.startsAt, 'startsAt');
    const endsAt = parseInstant(input.endsAt, 'endsAt');
    if (options.mustBeFuture && startsAt.getTime() <= Date.now()) {
      throw invalid('startsAt', 'deve essere nel futuro', 'must be in the future');
    }
    if (endsAt < startsAt)
      throw invalid('endsAt', 'non può venire prima dell’inizio', 'cannot come before the start');
    checkAmount(input.priceCents, 'priceCents', false);

    let where: Pick<CheckedEvent, 'placeId' | 'venue' | 'address' | 'comuneId' | 'location'>;
    if (input.placeId) {
      const [place]: {
        id: string;
        name: string;
        address: string;
        comune_id: string;
        lat: number;
        lng: number;
      }[] = await ctx.em.query(
        `SELECT id, name, address, comune_id, ST_Y(location::geometry) AS lat, ST_X(location::geometry) AS lng
             FROM place WHERE id = $1 AND organisation_id = $2`,
        [input.placeId, organisationId],
      );
      if (!place) throw invalid('placeId', 'non è una sede dell’ente', 'is not a place of the organisation');
      where = {
        placeId: place.id,
        venue: input.venue.trim() || place.name,
        address: input.address.trim() || place.address,
        comuneId: place.comune_id,
        location: { lat: place.lat, lng: place.lng },
      };
    } else {
      if (!input.comuneSlug)
        throw invalid('comuneSlug', 'indica il Comune dell’evento', 'give the Comune of the event');
      const comune = await resolveComune(ctx, input.comuneSlug, 'comuneSlug');
      if (!input.venue.trim()) throw invalid('venue', 'indica dove si svolge', 'say where it takes place');
      if (!input.address.trim()) throw invalid('address', 'indica l’indirizzo', 'give the address');
      if (input.location) await checkLocation(ctx, input.location, 'location');
      where = {
        placeId: null,
        venue: input.venue.trim(),
        address: input.address.trim(),
        comuneId: comune.id,
        location: input.location,
      };
    }
    return {
      title,
      summary: input.summary.trim(),
      description: input.description.trim(),
      startsAt,
      endsAt,
      allDay: input.allDay,
      ...where,
      priceCents: input.priceCents,
      registrationUrl: input.registrationUrl?.trim() || null,
    };
  }
}

/** The columns after (slug, organisation) or after the id, in the order of the INSERT and UPDATE above. */
function eventValues(e: CheckedEvent): unknown[] {
  return [
    e.title,
    e.summary,
    e.description,
    e.startsAt,
    e.endsAt,
    e.allDay,
    e.placeId,
    e.venue,
    e.address,
    e.comuneId,
    e.location?.lat ?? null,
    e.location?.lng ?? null,
    e.priceCents,
    e.registrationUrl,
  ];
}

function eventCancelled(): StatusConflictError {
  return new StatusConflictError('EVENT_CANCELLED', {
    it: 'L’evento è annullato e non si può più modificare.',
    en: 'The event is cancelled and can no longer be changed.',
  });
}

function toEvent(row: EventRow): ProviderEvent {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    description: row.description,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    allDay: row.all_day,
    placeId: row.place_id,
    venue: row.venue,
    address: row.address,
    comuneSlug: row.comune_slug,
    location: row.lat === null || row.lng === null ? null : { lat: row.lat, lng: row.lng },
    priceCents: row.price_cents === null ? null : Number(row.price_cents),
    registrationUrl: row.registration_url,
    status: row.status,
    sequence: row.sequence,
    publishedAt: row.published_at?.toISOString() ?? null,
    updatedAt: row.updated_at.toISOString(),
  };
}
