import { Inject, Injectable } from '@nestjs/common';
import {
  AmbitoSettings,
  APP_CONFIG,
  type AppConfig,
  DEFAULT_SETTINGS,
  NotFoundError,
  publicUrl,
  type RequestContext,
} from '@piazza/core';
import ical, { ICalEventStatus } from 'ical-generator';
import { addDays, calendarDayOf } from './calendar-day';
import { EventDirectoryService, type EventRow } from './event-directory.service';

/** An iCalendar file, ready to send. */
export interface CalendarFile {
  filename: string;
  body: string;
}

/**
 * iCalendar (RFC 5545) feeds of the public calendar, for calendar apps to subscribe to. Times are written
 * in UTC: ical-generator writes TZID times only from time-zone aware date objects (Luxon, Temporal, ...),
 * which this project does not carry, and UTC reads the same in every client. All-day events are DATE
 * values of their days in Europe/Rome.
 */
@Injectable()
export class EventCalendarService {
  constructor(
    private readonly events: EventDirectoryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Every public event of the Ambito, from a month ago on. */
  async ambitoFeed(ctx: RequestContext): Promise<CalendarFile> {
    const name = await this.ambitoName(ctx);
    return {
      filename: 'eventi.ics',
      body: this.render(`Eventi – ${name}`, await this.events.forFeed(ctx, null)),
    };
  }

  /** One accredited organisation's public events, from a month ago on. */
  async organisationFeed(ctx: RequestContext, slug: string): Promise<CalendarFile> {
    const [organisation]: { name: string }[] = await ctx.em.query(
      `SELECT name FROM organisation WHERE slug = $1 AND accreditation_status = 'accredited'`,
      [slug],
    );
    if (!organisation) throw new NotFoundError({ it: "L'ente", en: 'The organisation' });
    const name = await this.ambitoName(ctx);
    return {
      filename: `eventi-${slug}.ics`,
      body: this.render(`${organisation.name} – ${name}`, await this.events.forFeed(ctx, slug)),
    };
  }

  /** A single event, to add it to one's calendar. */
  async eventFile(ctx: RequestContext, slug: string): Promise<CalendarFile> {
    const event = await this.events.forEventFile(ctx, slug);
    const name = await this.ambitoName(ctx);
    return { filename: `${slug}.ics`, body: this.render(`${event.title} – ${name}`, [event]) };
  }

  private render(calendarName: string, rows: EventRow[]): string {
    const base = publicUrl(this.config);
    const host = new URL(base).hostname;
    const calendar = ical({
      name: calendarName,
      prodId: { company: 'Piazza', product: 'eventi', language: 'IT' },
    });
    for (const row of rows) {
      const url = `${base}/eventi/${row.slug}`;
      calendar.createEvent({
        id: `${row.id}@${host}`,
        sequence: row.sequence,
        stamp: row.updated_at,
        lastModified: row.updated_at,
        summary: row.status === 'cancelled' ? `Annullato: ${row.title}` : row.title,
        description: [row.summary, row.description, url].filter((part) => part.trim()).join('\n\n'),
        url,
        status: row.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
        location: {
          title: row.venue,
          address: row.address,
          ...(row.lat !== null && row.lng !== null && { geo: { lat: row.lat, lon: row.lng } }),
        },
        ...(row.all_day ? allDayDates(row) : { start: row.starts_at, end: row.ends_at }),
      });
    }
    return calendar.toString();
  }

  private async ambitoName(ctx: RequestContext): Promise<string> {
    const settings = await ctx.em.findOne(AmbitoSettings, { where: { id: 1 } });
    return settings?.name ?? DEFAULT_SETTINGS.name;
  }
}

/**
 * The days of an all-day event in Europe/Rome, end exclusive as iCalendar wants it, whether the event
 * was saved as ending at midnight or at the end of its last day. The dates are read by ical-generator as
 * UTC midnights, which it writes as those same days.
 */
function allDayDates(row: EventRow): { allDay: true; start: string; end: string } {
  const start = calendarDayOf(row.starts_at);
  const lastDay = calendarDayOf(new Date(Math.max(row.starts_at.getTime(), row.ends_at.getTime() - 1)));
  return { allDay: true, start, end: addDays(lastDay, 1) };
}
