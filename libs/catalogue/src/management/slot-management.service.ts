import { Injectable } from '@nestjs/common';
import { AMBITO_TIME_ZONE, NotFoundError, type RequestContext } from '@piazza/core';
import { parseInstant } from './directory-input';
import { ManagementAccess } from './management-access';
import { invalid, SlotCapacityBelowBookedError, StatusConflictError } from './management.errors';
import type { ProviderSlot, SlotInput } from './management.types';

interface SlotRow {
  id: string;
  starts_at: Date;
  ends_at: Date;
  capacity: number;
  booked: number;
  place_id: string | null;
  note: string;
  cancelled_at: Date | null;
}

const SLOT_COLUMNS = 'id, starts_at, ends_at, capacity, booked, place_id, note, cancelled_at';

export const MAX_SLOT_CAPACITY = 1000;
export const MAX_REPEAT_WEEKS = 26;

/**
 * Bookable times of a service. `booked` belongs to bookings (checkout): here it is only read, and every
 * change that depends on it is one conditional UPDATE, so a booking arriving at the same moment can never
 * leave a slot with more bookings than places.
 */
@Injectable()
export class SlotManagementService {
  constructor(private readonly access: ManagementAccess) {}

  async list(ctx: RequestContext, serviceId: string): Promise<ProviderSlot[]> {
    await this.access.owner(ctx, 'service_offer', serviceId);
    const rows: SlotRow[] = await ctx.em.query(
      `SELECT ${SLOT_COLUMNS} FROM service_slot WHERE service_offer_id = $1 ORDER BY starts_at, id`,
      [serviceId],
    );
    return rows.map(toSlot);
  }

  /**
   * One slot, and with `repeatWeeks` the same slot in each following week at the same local time (a
   * Tuesday 17:00 stays 17:00 across the change to summer time).
   */
  async create(ctx: RequestContext, serviceId: string, input: SlotInput): Promise<ProviderSlot[]> {
    const organisation = await this.access.owner(ctx, 'service_offer', serviceId, { accredited: true });
    const slot = await this.checked(ctx, organisation.id, input, { mustBeFuture: true });
    const repeatWeeks = input.repeatWeeks ?? 0;
    if (!Number.isInteger(repeatWeeks) || repeatWeeks < 0 || repeatWeeks > MAX_REPEAT_WEEKS) {
      throw invalid('repeatWeeks', 'deve essere tra 0 e 26 settimane', 'must be between 0 and 26 weeks');
    }
    const rows: SlotRow[] = await ctx.em.query(
      `INSERT INTO service_slot (service_offer_id, place_id, starts_at, ends_at, capacity, note)
       SELECT $1, $2, (($3::timestamptz AT TIME ZONE $8) + make_interval(weeks => w)) AT TIME ZONE $8,
                      (($4::timestamptz AT TIME ZONE $8) + make_interval(weeks => w)) AT TIME ZONE $8, $5, $6
         FROM generate_series(0, $7::int) AS w
       RETURNING ${SLOT_COLUMNS}`,
      [
        serviceId,
        slot.placeId,
        slot.startsAt,
        slot.endsAt,
        slot.capacity,
        slot.note,
        repeatWeeks,
        AMBITO_TIME_ZONE,
      ],
    );
    return rows.map(toSlot).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  }

  /** Changes one slot; its capacity may not go below the places already booked. */
  async update(ctx: RequestContext, slotId: string, input: SlotInput): Promise<ProviderSlot> {
    const organisation = await this.access.slotOwner(ctx, slotId, { accredited: true });
    if (input.repeatWeeks) {
      throw invalid(
        'repeatWeeks',
        'si usa solo creando disponibilità: una modifica riguarda una sola data',
        'is only for creating slots: a change concerns one date',
      );
    }
    const [current]: SlotRow[] = await ctx.em.query(
      `SELECT ${SLOT_COLUMNS} FROM service_slot WHERE id = $1`,
      [slotId],
    );
    const slot = await this.checked(ctx, organisation.id, input, {
      mustBeFuture: parseInstant(input.startsAt, 'startsAt').getTime() !== current.starts_at.getTime(),
    });
    const [rows]: [SlotRow[], number] = await ctx.em.query(
      `UPDATE service_slot
          SET starts_at = $2, ends_at = $3, capacity = $4, place_id = $5, note = $6, updated_at = now()
        WHERE id = $1 AND cancelled_at IS NULL AND booked <= $4
        RETURNING ${SLOT_COLUMNS}`,
      [slotId, slot.startsAt, slot.endsAt, slot.capacity, slot.placeId, slot.note],
    );
    if (rows[0]) return toSlot(rows[0]);
    const [now]: SlotRow[] = await ctx.em.query(`SELECT ${SLOT_COLUMNS} FROM service_slot WHERE id = $1`, [
      slotId,
    ]);
    if (!now) throw new NotFoundError({ it: 'La disponibilità', en: 'The slot' });
    if (now.cancelled_at) throw slotCancelled();
    throw new SlotCapacityBelowBookedError(now.booked);
  }

  /**
   * Removes a slot nobody booked. A booked one is cancelled instead (kept, with `cancelledAt`), so its
   * bookings keep a reference; the answer says which happened.
   */
  async delete(
    ctx: RequestContext,
    slotId: string,
  ): Promise<{ deleted: true } | { cancelled: ProviderSlot }> {
    await this.access.slotOwner(ctx, slotId, { accredited: true });
    const [deleted]: [{ id: string }[], number] = await ctx.em.query(
      `DELETE FROM service_slot WHERE id = $1 AND booked = 0 RETURNING id`,
      [slotId],
    );
    if (deleted[0]) return { deleted: true };
    const [rows]: [SlotRow[], number] = await ctx.em.query(
      `UPDATE service_slot SET cancelled_at = coalesce(cancelled_at, now()), updated_at = now()
        WHERE id = $1
        RETURNING ${SLOT_COLUMNS}`,
      [slotId],
    );
    return { cancelled: toSlot(rows[0]) };
  }

  private async checked(
    ctx: RequestContext,
    organisationId: string,
    input: SlotInput,
    options: { mustBeFuture: boolean },
  ): Promise<{ startsAt: Date; endsAt: Date; capacity: number; placeId: string | null; note: string }> {
    const startsAt = parseInstant(input.startsAt, 'startsAt');
    const endsAt = parseInstant(input.endsAt, 'endsAt');
    if (options.mustBeFuture && startsAt.getTime() <= Date.now()) {
      throw invalid('startsAt', 'deve essere nel futuro', 'must be in the future');
    }
    if (endsAt <= startsAt) throw invalid('endsAt', 'deve venire dopo l’inizio', 'must come after the start');
    if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > MAX_SLOT_CAPACITY) {
      throw invalid(
        'capacity',
        'deve essere un numero intero da 1 a 1000',
        'must be a whole number from 1 to 1000',
      );
    }
    if (input.placeId) {
      const [place]: { id: string }[] = await ctx.em.query(
        `SELECT id FROM place WHERE id = $1 AND organisation_id = $2`,
        [input.placeId, organisationId],
      );
      if (!place) throw invalid('placeId', 'non è una sede dell’ente', 'is not a place of the organisation');
    }
    return {
      startsAt,
      endsAt,
      capacity: input.capacity,
      placeId: input.placeId ?? null,
      note: input.note.trim(),
    };
  }
}

function slotCancelled(): StatusConflictError {
  return new StatusConflictError('SLOT_CANCELLED', {
    it: 'Questa disponibilità è stata annullata e non si può più modificare.',
    en: 'This slot was cancelled and can no longer be changed.',
  });
}

function toSlot(row: SlotRow): ProviderSlot {
  return {
    id: row.id,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    capacity: row.capacity,
    booked: row.booked,
    free: row.cancelled_at ? 0 : row.capacity - row.booked,
    placeId: row.place_id,
    note: row.note,
    cancelledAt: row.cancelled_at?.toISOString() ?? null,
  };
}
