import { Injectable } from '@nestjs/common';
import { isOpenAt, NotFoundError, type OpeningHours, type RequestContext } from '@piazza/core';
import type { SocialPointCard, SocialPointDetail } from './directory.types';

/** How far ahead a Social Point's page lists appointment times. */
const SLOT_DAYS = 14;

interface SocialPointRow {
  id: string;
  slug: string;
  name: string;
  comune_slug: string;
  comune_name: string;
  address: string;
  lat: number;
  lng: number;
  phone: string | null;
  email: string | null;
  description: string;
  opening_hours: OpeningHours[];
  languages: string[];
  accessibility: string;
  next_free_slot: Date | null;
}

const SOCIAL_POINT_SELECT = `
  SELECT p.id, p.slug, p.name, c.slug AS comune_slug, c.name AS comune_name, p.address,
         ST_Y(p.location::geometry) AS lat, ST_X(p.location::geometry) AS lng, p.phone, p.email,
         p.description, p.opening_hours, p.languages, p.accessibility,
         (SELECT min(s.starts_at) FROM social_point_slot s
           WHERE s.social_point_id = p.id AND s.starts_at > now() AND s.booked < s.capacity) AS next_free_slot
    FROM social_point p
    JOIN comune c ON c.id = p.comune_id`;

/** The Social Points: desks where families get help, with their hours and free appointment times. */
@Injectable()
export class SocialPointDirectoryService {
  /** Every Social Point, by Comune and name. */
  async list(ctx: RequestContext): Promise<SocialPointCard[]> {
    const rows: SocialPointRow[] = await ctx.em.query(`${SOCIAL_POINT_SELECT} ORDER BY c.name, p.name`);
    const now = new Date();
    return rows.map((r) => socialPointCard(r, now));
  }

  /** One Social Point with the appointment times of the next two weeks that still have a place. */
  async detail(ctx: RequestContext, slug: string): Promise<SocialPointDetail> {
    const [row]: SocialPointRow[] = await ctx.em.query(`${SOCIAL_POINT_SELECT} WHERE p.slug = $1`, [slug]);
    if (!row) throw new NotFoundError({ it: 'Il Social Point', en: 'The Social Point' });
    const slots: { id: string; starts_at: Date; ends_at: Date; free: number }[] = await ctx.em.query(
      `SELECT id, starts_at, ends_at, capacity - booked AS free
         FROM social_point_slot
        WHERE social_point_id = $1 AND booked < capacity
          AND starts_at > now() AND starts_at < now() + make_interval(days => $2)
        ORDER BY starts_at`,
      [row.id, SLOT_DAYS],
    );
    return {
      ...socialPointCard(row, new Date()),
      slots: slots.map((s) => ({
        id: s.id,
        startsAt: s.starts_at.toISOString(),
        endsAt: s.ends_at.toISOString(),
        free: s.free,
      })),
    };
  }
}

function socialPointCard(row: SocialPointRow, now: Date): SocialPointCard {
  return {
    slug: row.slug,
    name: row.name,
    comune: { slug: row.comune_slug, name: row.comune_name },
    address: row.address,
    location: { lat: row.lat, lng: row.lng },
    phone: row.phone,
    email: row.email,
    description: row.description,
    openingHours: row.opening_hours,
    openNow: isOpenAt(row.opening_hours, now),
    languages: row.languages,
    accessibility: row.accessibility,
    nextFreeSlot: row.next_free_slot?.toISOString() ?? null,
  };
}
