import { Inject, Injectable } from '@nestjs/common';
import {
  APP_CONFIG,
  type AppConfig,
  AMBITO_TIME_ZONE,
  NotFoundError,
  publicUrl,
  type RequestContext,
  ValidationError,
} from '@piazza/core';
import type { Page } from '../services/catalogue-query.service';
import { addDays, calendarDayOf, daysBetween, isCalendarDay } from './calendar-day';
import type { EventCard, EventDetail, EventListQuery } from './directory.types';

/** Without `to`, the calendar shows two months from `from`. */
const DEFAULT_DAYS = 62;
/** The longest range one request may ask for. */
const MAX_DAYS = 366;
/** Feeds start a month back: a subscriber keeps what it already has, and sees last-minute cancellations. */
const FEED_DAYS_BACK = 30;

/** An event as read by the directory, with what the cards and the iCalendar feeds need. */
export interface EventRow {
  id: string;
  slug: string;
  title: string;
  summary: string;
  description: string;
  starts_at: Date;
  ends_at: Date;
  all_day: boolean;
  venue: string;
  address: string;
  comune_slug: string;
  comune_name: string;
  lat: number | null;
  lng: number | null;
  price_cents: string | null;
  status: 'published' | 'cancelled';
  registration_url: string | null;
  sequence: number;
  updated_at: Date;
  organisation_slug: string;
  organisation_name: string;
  total?: string;
}

/**
 * Published and cancelled events of accredited organisations (drafts exist only for their organisation).
 * `$1` is reserved for the caller's first parameter; conditions are appended by each query.
 */
const EVENT_SELECT = `
  SELECT e.id, e.slug, e.title, e.summary, e.description, e.starts_at, e.ends_at, e.all_day, e.venue,
         e.address, cm.slug AS comune_slug, cm.name AS comune_name,
         ST_Y(e.location::geometry) AS lat, ST_X(e.location::geometry) AS lng,
         e.price_cents::text AS price_cents, e.status, e.registration_url, e.sequence, e.updated_at,
         o.slug AS organisation_slug, o.name AS organisation_name
    FROM event e
    JOIN organisation o ON o.id = e.organisation_id AND o.accreditation_status = 'accredited'
    JOIN comune cm ON cm.id = e.comune_id
   WHERE e.status IN ('published', 'cancelled')`;

/** The public calendar of the Ambito: events by date, one event's page, and what the feeds list. */
@Injectable()
export class EventDirectoryService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Events that overlap the days asked (Europe/Rome), soonest first, one page at a time. */
  async list(ctx: RequestContext, query: EventListQuery): Promise<Page<EventCard>> {
    const { from, to } = this.range(query);
    const q = query.q?.trim() || null;
    const params = [
      from,
      to,
      query.comune?.length ? query.comune : null,
      query.organisation ?? null,
      q,
      query.free === true,
    ];
    const where = `
      AND e.starts_at < (($2::date + 1)::timestamp AT TIME ZONE '${AMBITO_TIME_ZONE}')
      AND e.ends_at >= ($1::date::timestamp AT TIME ZONE '${AMBITO_TIME_ZONE}')
      AND ($3::text[] IS NULL OR cm.slug = ANY($3))
      AND ($4::text IS NULL OR o.slug = $4)
      AND ($5::text IS NULL OR strpos(
            f_unaccent(lower(concat_ws(' ', e.title, e.summary, e.description, e.venue, o.name))),
            f_unaccent(lower($5))) > 0)
      AND (NOT $6 OR e.price_cents IS NULL)`;
    const rows: EventRow[] = await ctx.em.query(
      `SELECT *, count(*) OVER () AS total FROM (${EVENT_SELECT} ${where}) events
        ORDER BY starts_at, title, id
        LIMIT $7 OFFSET $8`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize],
    );
    let total = rows.length ? Number(rows[0].total) : 0;
    if (!rows.length && query.page > 1) {
      const [count]: { n: string }[] = await ctx.em.query(
        `SELECT count(*) AS n FROM (${EVENT_SELECT} ${where}) events`,
        params,
      );
      total = Number(count.n);
    }
    return {
      items: rows.map((r) => eventCard(r)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** One published or cancelled event; drafts and events of organisations not accredited do not exist. */
  async detail(ctx: RequestContext, slug: string): Promise<EventDetail> {
    const [row] = await this.read(ctx, `AND e.slug = $1`, [slug]);
    if (!row) throw new NotFoundError({ it: "L'evento", en: 'The event' });
    return {
      ...eventCard(row),
      description: row.description,
      registrationUrl: row.registration_url,
      icsUrl: `${publicUrl(this.config)}/api/events/${row.slug}/calendar.ics`,
    };
  }

  /** The organisation's events that have not ended yet, soonest first. */
  async upcomingOf(ctx: RequestContext, organisationId: string, limit = 50): Promise<EventCard[]> {
    const rows = await this.read(
      ctx,
      `AND e.organisation_id = $1 AND e.ends_at >= now() ORDER BY e.starts_at, e.title LIMIT $2`,
      [organisationId, limit],
    );
    return rows.map((r) => eventCard(r));
  }

  /** What a feed lists: events ending from a month ago on, of one organisation or of the whole Ambito. */
  async forFeed(ctx: RequestContext, organisationSlug: string | null): Promise<EventRow[]> {
    return this.read(
      ctx,
      `AND ($1::text IS NULL OR o.slug = $1) AND e.ends_at >= now() - make_interval(days => $2)
       ORDER BY e.starts_at, e.title`,
      [organisationSlug, FEED_DAYS_BACK],
    );
  }

  /** One event for its own single-event file. */
  async forEventFile(ctx: RequestContext, slug: string): Promise<EventRow> {
    const [row] = await this.read(ctx, `AND e.slug = $1`, [slug]);
    if (!row) throw new NotFoundError({ it: "L'evento", en: 'The event' });
    return row;
  }

  private read(ctx: RequestContext, condition: string, params: unknown[]): Promise<EventRow[]> {
    return ctx.em.query(`${EVENT_SELECT} ${condition}`, params);
  }

  /** The days asked, checked: real days, in order, at most a year apart. */
  private range(query: EventListQuery): { from: string; to: string } {
    for (const field of ['from', 'to'] as const) {
      const value = query[field];
      if (value !== undefined && !isCalendarDay(value)) {
        throw new ValidationError([
          {
            field,
            message: {
              it: 'deve essere un giorno esistente nel formato AAAA-MM-GG (es. 2026-12-03)',
              en: 'must be an existing day as YYYY-MM-DD (e.g. 2026-12-03)',
            },
          },
        ]);
      }
    }
    const from = query.from ?? calendarDayOf(new Date());
    const to = query.to ?? addDays(from, DEFAULT_DAYS);
    const days = daysBetween(from, to);
    if (days < 0) {
      throw new ValidationError([
        {
          field: 'to',
          message: {
            it: `non può venire prima dell'inizio (${from})`,
            en: `must not come before the start (${from})`,
          },
        },
      ]);
    }
    if (days > MAX_DAYS) {
      throw new ValidationError([
        {
          field: 'to',
          message: {
            it: `l'intervallo può coprire al massimo ${MAX_DAYS} giorni`,
            en: `the range may span at most ${MAX_DAYS} days`,
          },
        },
      ]);
    }
    return { from, to };
  }
}

export function eventCard(row: EventRow): EventCard {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    allDay: row.all_day,
    venue: row.venue,
    address: row.address,
    comune: { slug: row.comune_slug, name: row.comune_name },
    location: row.lat === null || row.lng === null ? null : { lat: row.lat, lng: row.lng },
    priceCents: row.price_cents === null ? null : Number(row.price_cents),
    status: row.status,
    organisation: { slug: row.organisation_slug, name: row.organisation_name },
  };
}
