import { Injectable } from '@nestjs/common';
import type { OpeningHours, RequestContext } from '@piazza/core';
import { OrganisationLogo } from '../entities/organisation-logo.entity';
import { checkLocation, checkOpeningHours, resolveComune } from './directory-input';
import { invalid } from './management.errors';
import { ManagementAccess } from './management-access';
import type { ProfileInput, ProviderProfile } from './management.types';
import { toLogoWebp } from './logo-image';

interface ProfileRow {
  id: string;
  slug: string;
  name: string;
  kind: ProviderProfile['kind'];
  description: string;
  history: string;
  email: string;
  phone: string | null;
  website: string | null;
  pec: string | null;
  address: string;
  comune_slug: string;
  lat: number | null;
  lng: number | null;
  opening_hours: OpeningHours[];
  logo_updated_at: Date | null;
  accreditation_status: ProviderProfile['accreditationStatus'];
}

/** The public address of an organisation's logo; the version changes with every new logo (long caching). */
export function logoUrlOf(slug: string, logoUpdatedAt: Date | null): string | null {
  return logoUpdatedAt ? `/api/catalogue/organisations/${slug}/logo?v=${logoUpdatedAt.getTime()}` : null;
}

/**
 * An organisation's public page as its members keep it: texts, contacts, address and point on the map,
 * opening hours and logo. The `organisation` table belongs to libs/identity: it is read and written here
 * by SQL, only in the profile's columns.
 */
@Injectable()
export class ProviderProfileService {
  constructor(private readonly access: ManagementAccess) {}

  async profile(ctx: RequestContext, organisationId: string): Promise<ProviderProfile> {
    await this.access.organisation(ctx, organisationId);
    return this.load(ctx, organisationId);
  }

  async update(ctx: RequestContext, organisationId: string, input: ProfileInput): Promise<ProviderProfile> {
    await this.access.organisation(ctx, organisationId);
    const comune = await resolveComune(ctx, input.comuneSlug, 'comuneSlug');
    const openingHours = checkOpeningHours(input.openingHours);
    if (input.location) await checkLocation(ctx, input.location, 'location');
    await ctx.em.query(
      `UPDATE organisation
          SET description = $2, history = $3, email = $4, phone = $5, website = $6, pec = $7, address = $8,
              comune_id = $9,
              location = CASE WHEN $10::float8 IS NULL THEN NULL
                              ELSE ST_SetSRID(ST_MakePoint($11::float8, $10::float8), 4326)::geography END,
              opening_hours = $12::jsonb, updated_at = now()
        WHERE id = $1`,
      [
        organisationId,
        input.description.trim(),
        input.history.trim(),
        input.email.trim().toLowerCase(),
        input.phone?.trim() || null,
        input.website?.trim() || null,
        input.pec?.trim().toLowerCase() || null,
        input.address.trim(),
        comune.id,
        input.location?.lat ?? null,
        input.location?.lng ?? null,
        JSON.stringify(openingHours),
      ],
    );
    // Services without a place of their own sit at the organisation's address on the map.
    await ctx.em.query(
      `SELECT service_offer_location_refresh(s.id) FROM service_offer s
        WHERE s.organisation_id = $1
          AND NOT EXISTS (SELECT 1 FROM service_offer_place sp WHERE sp.service_offer_id = s.id)`,
      [organisationId],
    );
    return this.load(ctx, organisationId);
  }

  /** Replaces the logo with an uploaded PNG, JPEG or WebP, resized and stored as WebP. */
  async setLogo(
    ctx: RequestContext,
    organisationId: string,
    upload: Buffer | null,
  ): Promise<ProviderProfile> {
    await this.access.organisation(ctx, organisationId);
    if (!upload || upload.length === 0) {
      throw invalid(
        'logo',
        'invia l’immagine come file nel campo "logo" di un modulo multipart/form-data',
        'send the image as the file field "logo" of a multipart/form-data form',
      );
    }
    const logo = await toLogoWebp(upload);
    await ctx.em.query(
      `INSERT INTO organisation_logo (organisation_id, content_type, image, width, height, updated_at)
       VALUES ($1, 'image/webp', $2, $3, $4, now())
       ON CONFLICT (organisation_id) DO UPDATE
          SET content_type = EXCLUDED.content_type, image = EXCLUDED.image, width = EXCLUDED.width,
              height = EXCLUDED.height, updated_at = EXCLUDED.updated_at`,
      [organisationId, logo.image, logo.width, logo.height],
    );
    await ctx.em.query(`UPDATE organisation SET logo_updated_at = now() WHERE id = $1`, [organisationId]);
    return this.load(ctx, organisationId);
  }

  async deleteLogo(ctx: RequestContext, organisationId: string): Promise<void> {
    await this.access.organisation(ctx, organisationId);
    await ctx.em.delete(OrganisationLogo, { organisationId });
    await ctx.em.query(`UPDATE organisation SET logo_updated_at = NULL WHERE id = $1`, [organisationId]);
  }

  private async load(ctx: RequestContext, organisationId: string): Promise<ProviderProfile> {
    const [row]: ProfileRow[] = await ctx.em.query(
      `SELECT o.id, o.slug, o.name, o.kind, o.description, o.history, o.email, o.phone, o.website, o.pec,
              o.address, c.slug AS comune_slug, ST_Y(o.location::geometry) AS lat,
              ST_X(o.location::geometry) AS lng, o.opening_hours, o.logo_updated_at, o.accreditation_status
         FROM organisation o JOIN comune c ON c.id = o.comune_id
        WHERE o.id = $1`,
      [organisationId],
    );
    return {
      id: row.id,
      slug: row.slug,
      name: row.name,
      kind: row.kind,
      description: row.description,
      history: row.history,
      email: row.email,
      phone: row.phone,
      website: row.website,
      pec: row.pec,
      address: row.address,
      comuneSlug: row.comune_slug,
      location: row.lat === null || row.lng === null ? null : { lat: row.lat, lng: row.lng },
      openingHours: row.opening_hours,
      logoUrl: logoUrlOf(row.slug, row.logo_updated_at),
      accreditationStatus: row.accreditation_status,
    };
  }
}
