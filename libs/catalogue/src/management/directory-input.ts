import { isValidOpeningHours, type OpeningHours, type RequestContext } from '@piazza/core';
import type { PriceModel } from '../entities/service-offer.entity';
import { invalid } from './management.errors';
import type { LatLng } from './management.types';

/** The highest price a service or an event may ask, in cents (10,000 €): beyond it is a typing slip. */
export const MAX_PRICE_CENTS = 1_000_000;

/** How far from the nearest Comune of the Ambito a point may be: beyond it, it was picked by mistake. */
export const MAX_KM_FROM_AMBITO = 50;

/** A service's price: none when free, otherwise a positive amount of at most 10,000 €. */
export function checkPrice(priceModel: PriceModel, priceCents: number | null, field = 'priceCents'): void {
  if (priceModel === 'free') {
    if (priceCents !== null) {
      throw invalid(field, 'deve essere vuoto per un servizio gratuito', 'must be empty for a free service');
    }
    return;
  }
  checkAmount(priceCents, field, true);
}

/** An amount in cents: a whole number above zero, at most 10,000 €; null (free) unless `required`. */
export function checkAmount(cents: number | null, field: string, required: boolean): void {
  if (cents === null) {
    if (required) throw invalid(field, 'indica il prezzo in centesimi', 'give the price in cents');
    return;
  }
  if (!Number.isSafeInteger(cents) || cents <= 0) {
    throw invalid(
      field,
      'deve essere un numero intero di centesimi maggiore di zero',
      'must be a whole number of cents above zero',
    );
  }
  if (cents > MAX_PRICE_CENTS) {
    throw invalid(field, 'non può superare 10.000 €', 'must not exceed €10,000');
  }
}

export function checkOpeningHours(hours: OpeningHours[], field = 'openingHours'): OpeningHours[] {
  if (!isValidOpeningHours(hours)) {
    throw invalid(
      field,
      'ogni fascia ha un giorno da 1 (lunedì) a 7 (domenica) e orari "HH:MM", con la chiusura dopo l’apertura',
      'each interval has a day from 1 (Monday) to 7 (Sunday) and "HH:MM" times, closing after opening',
    );
  }
  return hours.map((h) => ({ day: h.day, opens: h.opens, closes: h.closes }));
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** An instant sent as ISO 8601 with its offset (`2026-12-03T15:30:00+01:00` or `...Z`). */
export function parseInstant(value: string, field: string): Date {
  const parts = INSTANT.exec(value);
  const date = new Date(value);
  // JavaScript reads 30 February as 2 March: the calendar day must exist as written.
  const day = parts && new Date(Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3])));
  if (
    !parts ||
    Number.isNaN(date.getTime()) ||
    day!.getUTCMonth() !== Number(parts[2]) - 1 ||
    day!.getUTCDate() !== Number(parts[3])
  ) {
    throw invalid(
      field,
      'deve essere una data e ora ISO 8601 con fuso (es. 2026-12-03T15:30:00+01:00)',
      'must be an ISO 8601 date and time with its offset (e.g. 2026-12-03T15:30:00+01:00)',
    );
  }
  return date;
}

/** A Comune of the Ambito, by slug. */
export async function resolveComune(
  ctx: RequestContext,
  slug: string,
  field: string,
): Promise<{ id: string; slug: string; name: string }> {
  const [comune]: { id: string; slug: string; name: string }[] = await ctx.em.query(
    `SELECT id, slug, name FROM comune WHERE slug = $1`,
    [slug],
  );
  if (!comune) throw invalid(field, 'non è un Comune dell’Ambito', 'is not a Comune of the Ambito');
  return comune;
}

/**
 * A point picked on the map: a real WGS84 coordinate, and within 50 km of a Comune of the Ambito (a
 * point in the sea off Africa is a latitude and longitude swapped, not an address).
 */
export async function checkLocation(ctx: RequestContext, location: LatLng, field: string): Promise<void> {
  const { lat, lng } = location;
  if (!(
    Number.isFinite(lat) &&
    Number.isFinite(lng) &&
    lat >= -90 &&
    lat <= 90 &&
    lng >= -180 &&
    lng <= 180
  )) {
    throw invalid(
      field,
      'non è una coordinata valida (latitudine -90…90, longitudine -180…180)',
      'is not a valid coordinate (latitude -90…90, longitude -180…180)',
    );
  }
  const [row]: { comuni: string; near: boolean }[] = await ctx.em.query(
    `SELECT count(*) AS comuni,
            coalesce(bool_or(ST_DWithin(location, ST_SetSRID(ST_MakePoint($2, $1), 4326)::geography, $3)), false) AS near
       FROM comune`,
    [lat, lng, MAX_KM_FROM_AMBITO * 1000],
  );
  // An Ambito with no Comune yet (a fresh install) has nothing to measure against.
  if (Number(row.comuni) > 0 && !row.near) {
    throw invalid(
      field,
      `è a più di ${MAX_KM_FROM_AMBITO} km dai Comuni dell’Ambito: controlla il punto sulla mappa`,
      `is more than ${MAX_KM_FROM_AMBITO} km from the Comuni of the Ambito: check the point on the map`,
    );
  }
}

/** Trimmed, without empty or repeated entries, in the order given. */
export function distinctTrimmed(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter(Boolean))];
}

/** The GeoJSON point of a LatLng, as PostGIS reads it through TypeORM. */
export function pointOf(location: LatLng): { type: 'Point'; coordinates: [number, number] } {
  return { type: 'Point', coordinates: [location.lng, location.lat] };
}

/** A LatLng from a GeoJSON point. */
export function latLngOf(point: { coordinates: number[] } | null): LatLng | null {
  return point ? { lat: point.coordinates[1], lng: point.coordinates[0] } : null;
}
