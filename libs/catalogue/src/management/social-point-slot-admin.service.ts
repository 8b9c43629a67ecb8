import { Injectable } from '@nestjs/common';
import { AMBITO_TIME_ZONE, NotFoundError, type RequestContext } from '@piazza/core';
import { requireRole } from './management-access';
import { invalid } from './management.errors';
import type { AdminSocialPointSlot, SocialPointSlotsInput } from './management.types';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The longest range generated at once: a year of appointments. */
export const MAX_SLOT_RANGE_DAYS = 366;

/**
 * Appointment times at the Social Points, which the Ambito office opens in batches: given days, start
 * times and a length, one slot per opening day and time that fits within the opening hours.
 */
@Injectable()
export class SocialPointSlotAdminService {
  /** The Social Point's slots over a range of days (default: today and the next 62 days). */
  async list(
    ctx: RequestContext,
    slug: string,
    range: { from?: string; to?: string } = {},
  ): Promise<AdminSocialPointSlot[]> {
    requireRole(ctx, 'admin');
    const pointId = await this.pointId(ctx, slug);
    const from = range.from ? checkDay(range.from, 'from') : null;
    const to = range.to ? checkDay(range.to, 'to') : null;
    const rows: { id: string; starts_at: Date; ends_at: Date; capacity: number; booked: number }[] =
      await ctx.em.query(
        `SELECT id, starts_at, ends_at, capacity, booked FROM social_point_slot
          WHERE social_point_id = $1
            AND starts_at >= (coalesce($2::date, (now() AT TIME ZONE $4)::date)::timestamp AT TIME ZONE $4)
            AND starts_at < ((coalesce($3::date, (now() AT TIME ZONE $4)::date + 62) + 1)::timestamp AT TIME ZONE $4)
          ORDER BY starts_at`,
        [pointId, from, to, AMBITO_TIME_ZONE],
      );
    return rows.map((r) => ({
      id: r.id,
      startsAt: r.starts_at.toISOString(),
      endsAt: r.ends_at.toISOString(),
      capacity: r.capacity,
      booked: r.booked,
      free: r.capacity - r.booked,
    }));
  }

  /**
   * Creates the slots of a range; days the Social Point is closed, times outside its opening hours,
   * times already past and slots that already exist are skipped, so running it twice creates nothing new.
   */
  async generate(
    ctx: RequestContext,
    slug: string,
    input: SocialPointSlotsInput,
  ): Promise<{ created: number }> {
    requireRole(ctx, 'admin');
    const pointId = await this.pointId(ctx, slug);
    const from = checkDay(input.from, 'from');
    const to = checkDay(input.to, 'to');
    const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
    if (days < 0) throw invalid('to', 'non può venire prima di "from"', 'cannot come before "from"');
    if (days >= MAX_SLOT_RANGE_DAYS) {
      throw invalid('to', 'al massimo un anno alla volta', 'at most one year at a time');
    }
    const times = [...new Set(input.times)];
    if (times.length === 0 || times.some((t) => !HH_MM.test(t))) {
      throw invalid('times', 'indica uno o più orari "HH:MM"', 'give one or more "HH:MM" times');
    }
    if (!Number.isInteger(input.minutes) || input.minutes < 5 || input.minutes > 480) {
      throw invalid('minutes', 'deve essere tra 5 e 480 minuti', 'must be between 5 and 480 minutes');
    }
    if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > 50) {
      throw invalid('capacity', 'deve essere tra 1 e 50', 'must be between 1 and 50');
    }
    // Times are read in the Ambito's zone, so 09:00 stays 09:00 across the change to summer time.
    const created: { id: string }[] = await ctx.em.query(
      `WITH candidate AS (
         SELECT d::date AS day, t::time AS starts, t::time + make_interval(mins => $5) AS ends
           FROM generate_series($2::date, $3::date, interval '1 day') AS d, unnest($4::text[]) AS t
       )
       INSERT INTO social_point_slot (social_point_id, starts_at, ends_at, capacity)
       SELECT $1, (c.day + c.starts) AT TIME ZONE $7, (c.day + c.starts + make_interval(mins => $5)) AT TIME ZONE $7, $6
         FROM candidate c, social_point sp
        WHERE sp.id = $1
          AND c.ends > c.starts
          AND (c.day + c.starts) AT TIME ZONE $7 > now()
          AND EXISTS (
                SELECT 1 FROM jsonb_array_elements(sp.opening_hours) h
                 WHERE (h->>'day')::int = extract(isodow FROM c.day)
                   AND (h->>'opens')::time <= c.starts AND c.ends <= (h->>'closes')::time)
       ON CONFLICT (social_point_id, starts_at) DO NOTHING
       RETURNING id`,
      [pointId, from, to, times, input.minutes, input.capacity, AMBITO_TIME_ZONE],
    );
    return { created: created.length };
  }

  private async pointId(ctx: RequestContext, slug: string): Promise<string> {
    const [point]: { id: string }[] = await ctx.em.query(`SELECT id FROM social_point WHERE slug = $1`, [
      slug,
    ]);
    if (!point) throw new NotFoundError({ it: 'Il Social Point', en: 'The Social Point' });
    return point.id;
  }
}

function checkDay(value: string, field: string): string {
  if (
    !DAY.test(value) ||
    Number.isNaN(Date.parse(value)) ||
    new Date(value).toISOString().slice(0, 10) !== value
  ) {
    throw invalid(field, 'deve essere una data "AAAA-MM-GG"', 'must be a "YYYY-MM-DD" date');
  }
  return value;
}
