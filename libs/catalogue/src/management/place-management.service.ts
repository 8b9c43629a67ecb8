import { Injectable } from '@nestjs/common';
import type { OpeningHours, RequestContext } from '@piazza/core';
import { checkLocation, checkOpeningHours, resolveComune } from './directory-input';
import { ManagementAccess } from './management-access';
import type { PlaceInput, ProviderPlace } from './management.types';

interface PlaceRow {
  id: string;
  name: string;
  address: string;
  comune_slug: string;
  comune_name: string;
  lat: number;
  lng: number;
  opening_hours: OpeningHours[];
  accessibility: string;
}

const PLACE_COLUMNS = `p.id, p.name, p.address, c.slug AS comune_slug, c.name AS comune_name,
  ST_Y(p.location::geometry) AS lat, ST_X(p.location::geometry) AS lng, p.opening_hours, p.accessibility`;

/** An organisation's sites, each with a point picked on the map (no geocoder). */
@Injectable()
export class PlaceManagementService {
  constructor(private readonly access: ManagementAccess) {}

  async list(ctx: RequestContext, organisationId: string): Promise<ProviderPlace[]> {
    await this.access.organisation(ctx, organisationId);
    const rows: PlaceRow[] = await ctx.em.query(
      `SELECT ${PLACE_COLUMNS} FROM place p JOIN comune c ON c.id = p.comune_id
        WHERE p.organisation_id = $1 ORDER BY p.name, p.created_at`,
      [organisationId],
    );
    return rows.map(toPlace);
  }

  async create(ctx: RequestContext, organisationId: string, input: PlaceInput): Promise<ProviderPlace> {
    await this.access.organisation(ctx, organisationId);
    const values = await this.checked(ctx, input);
    const [{ id }]: { id: string }[] = await ctx.em.query(
      `INSERT INTO place (organisation_id, name, address, comune_id, location, opening_hours, accessibility)
       VALUES ($1, $2, $3, $4, ST_SetSRID(ST_MakePoint($6, $5), 4326)::geography, $7::jsonb, $8)
       RETURNING id`,
      [organisationId, ...values],
    );
    return this.load(ctx, id);
  }

  async update(ctx: RequestContext, placeId: string, input: PlaceInput): Promise<ProviderPlace> {
    await this.access.owner(ctx, 'place', placeId);
    const values = await this.checked(ctx, input);
    await ctx.em.query(
      `UPDATE place
          SET name = $2, address = $3, comune_id = $4,
              location = ST_SetSRID(ST_MakePoint($6, $5), 4326)::geography,
              opening_hours = $7::jsonb, accessibility = $8, updated_at = now()
        WHERE id = $1`,
      [placeId, ...values],
    );
    return this.load(ctx, placeId);
  }

  /** Services held there lose it (and move to their next place on the map); slots and events keep no place. */
  async delete(ctx: RequestContext, placeId: string): Promise<void> {
    await this.access.owner(ctx, 'place', placeId);
    await ctx.em.query(`DELETE FROM place WHERE id = $1`, [placeId]);
  }

  private async checked(ctx: RequestContext, input: PlaceInput): Promise<unknown[]> {
    const comune = await resolveComune(ctx, input.comuneSlug, 'comuneSlug');
    await checkLocation(ctx, input.location, 'location');
    const openingHours = checkOpeningHours(input.openingHours);
    return [
      input.name.trim(),
      input.address.trim(),
      comune.id,
      input.location.lat,
      input.location.lng,
      JSON.stringify(openingHours),
      input.accessibility.trim(),
    ];
  }

  private async load(ctx: RequestContext, placeId: string): Promise<ProviderPlace> {
    const [row]: PlaceRow[] = await ctx.em.query(
      `SELECT ${PLACE_COLUMNS} FROM place p JOIN comune c ON c.id = p.comune_id WHERE p.id = $1`,
      [placeId],
    );
    return toPlace(row);
  }
}

function toPlace(row: PlaceRow): ProviderPlace {
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    comune: { slug: row.comune_slug, name: row.comune_name },
    location: { lat: row.lat, lng: row.lng },
    openingHours: row.opening_hours,
    accessibility: row.accessibility,
  };
}
