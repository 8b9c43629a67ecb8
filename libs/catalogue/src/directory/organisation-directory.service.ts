import { Inject, Injectable } from '@nestjs/common';
import {
  APP_CONFIG,
  type AppConfig,
  NotFoundError,
  type OpeningHours,
  publicUrl,
  type RequestContext,
  type Translated,
} from '@piazza/core';
import type { ServiceCard } from '../search/search.types';
import { openNowSql, serviceCardSql } from '../search/service-search.sql';
import type { Page } from '../services/catalogue-query.service';
import type {
  DirectoryOrganisationKind,
  DirectoryPlace,
  LogoImage,
  OrganisationCard,
  OrganisationListQuery,
  OrganisationPage,
} from './directory.types';
import { EventDirectoryService } from './event-directory.service';

const NOT_FOUND: Translated = { it: "L'ente", en: 'The organisation' };

interface OrganisationRow {
  id: string;
  slug: string;
  name: string;
  kind: DirectoryOrganisationKind;
  description: string;
  comune_slug: string;
  comune_name: string;
  logo_version: string | null;
  service_count: string;
}

/**
 * Accredited organisations as the public sees them. The organisation table belongs to libs/identity,
 * which this library does not import: it is read by SQL.
 */
const ORGANISATION_SELECT = `
  SELECT o.id, o.slug, o.name, o.kind, o.description, c.slug AS comune_slug, c.name AS comune_name,
         CASE WHEN l.organisation_id IS NOT NULL
              THEN floor(extract(epoch FROM coalesce(o.logo_updated_at, l.updated_at)) * 1000)::bigint::text
         END AS logo_version,
         (SELECT count(*) FROM service_offer s WHERE s.organisation_id = o.id AND s.status = 'published')
           AS service_count
    FROM organisation o
    JOIN comune c ON c.id = o.comune_id
    LEFT JOIN organisation_logo l ON l.organisation_id = o.id
   WHERE o.accreditation_status = 'accredited'`;

/** Organisation pages: the list of accredited organisations, one page with everything on it, the logo. */
@Injectable()
export class OrganisationDirectoryService {
  constructor(
    private readonly events: EventDirectoryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Accredited organisations by name; shops only when asked for by kind. */
  async list(ctx: RequestContext, query: OrganisationListQuery): Promise<Page<OrganisationCard>> {
    const where = `
      AND (CASE WHEN $1::text IS NULL THEN o.kind <> 'shop' ELSE o.kind = $1 END)
      AND ($2::text[] IS NULL OR c.slug = ANY($2))
      AND ($3::text IS NULL OR strpos(
            f_unaccent(lower(concat_ws(' ', o.name, o.legal_name, o.description))), f_unaccent(lower($3))) > 0)`;
    const params = [query.kind ?? null, query.comune?.length ? query.comune : null, query.q?.trim() || null];
    const [rows, [count]]: [OrganisationRow[], { n: string }[]] = await Promise.all([
      ctx.em.query(
        `${ORGANISATION_SELECT} ${where} ORDER BY lower(f_unaccent(o.name)), o.slug LIMIT $4 OFFSET $5`,
        [...params, query.pageSize, (query.page - 1) * query.pageSize],
      ),
      ctx.em.query(
        `SELECT count(*) AS n FROM organisation o JOIN comune c ON c.id = o.comune_id
          WHERE o.accreditation_status = 'accredited' ${where}`,
        params,
      ),
    ]);
    return {
      items: rows.map((r) => organisationCard(r)),
      total: Number(count.n),
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** An accredited organisation's public page; any other organisation does not exist. */
  async page(ctx: RequestContext, slug: string): Promise<OrganisationPage> {
    const [row]: (OrganisationRow & {
      history: string;
      email: string;
      phone: string | null;
      website: string | null;
      pec: string | null;
      address: string;
      lat: number | null;
      lng: number | null;
      opening_hours: OpeningHours[];
    })[] = await ctx.em.query(
      `SELECT sub.*, o.history, o.email, o.phone, o.website, o.pec, o.address, o.opening_hours,
              ST_Y(o.location::geometry) AS lat, ST_X(o.location::geometry) AS lng
         FROM (${ORGANISATION_SELECT} AND o.slug = $1) sub
         JOIN organisation o ON o.id = sub.id`,
      [slug],
    );
    if (!row) throw new NotFoundError(NOT_FOUND);
    const [places, services, events] = await Promise.all([
      this.places(ctx, row.id),
      this.services(ctx, row.id),
      this.events.upcomingOf(ctx, row.id),
    ]);
    return {
      ...organisationCard(row),
      history: row.history,
      email: row.email,
      phone: row.phone,
      website: row.website,
      pec: row.pec,
      address: row.address,
      location: row.lat === null || row.lng === null ? null : { lat: row.lat, lng: row.lng },
      openingHours: row.opening_hours,
      places,
      services,
      events,
      icsUrl: `${publicUrl(this.config)}/api/catalogue/organisations/${row.slug}/events.ics`,
    };
  }

  /** The logo of an accredited organisation, with a validator for conditional requests. */
  async logo(ctx: RequestContext, slug: string): Promise<LogoImage> {
    const [row]: { content_type: string; image: Buffer; version: string }[] = await ctx.em.query(
      `SELECT l.content_type, l.image, floor(extract(epoch FROM l.updated_at) * 1000)::bigint::text AS version
         FROM organisation_logo l
         JOIN organisation o ON o.id = l.organisation_id
        WHERE o.slug = $1 AND o.accreditation_status = 'accredited'`,
      [slug],
    );
    if (!row) throw new NotFoundError({ it: "Il logo dell'ente", en: "The organisation's logo" });
    return { contentType: row.content_type, image: row.image, etag: `"logo-${row.version}"` };
  }

  private async places(ctx: RequestContext, organisationId: string): Promise<DirectoryPlace[]> {
    const rows: {
      id: string;
      name: string;
      address: string;
      comune_slug: string;
      comune_name: string;
      lat: number;
      lng: number;
      opening_hours: OpeningHours[];
      accessibility: string;
    }[] = await ctx.em.query(
      `SELECT p.id, p.name, p.address, c.slug AS comune_slug, c.name AS comune_name,
              ST_Y(p.location::geometry) AS lat, ST_X(p.location::geometry) AS lng, p.opening_hours,
              p.accessibility
         FROM place p JOIN comune c ON c.id = p.comune_id
        WHERE p.organisation_id = $1
        ORDER BY p.name, p.id`,
      [organisationId],
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      address: r.address,
      comune: { slug: r.comune_slug, name: r.comune_name },
      location: { lat: r.lat, lng: r.lng },
      openingHours: r.opening_hours,
      accessibility: r.accessibility,
    }));
  }

  /** The organisation's published services, as the catalogue's cards, by title. */
  private async services(ctx: RequestContext, organisationId: string): Promise<ServiceCard[]> {
    const rows: { card: ServiceCard }[] = await ctx.em.query(
      `SELECT ${serviceCardSql(openNowSql('s'), 'NULL::float8')} AS card
         FROM service_offer s
         JOIN category c ON c.id = s.category_id
         JOIN organisation o ON o.id = s.organisation_id
        WHERE s.organisation_id = $1 AND s.status = 'published'
        ORDER BY lower(s.title), s.slug`,
      [organisationId],
    );
    return rows.map((r) => r.card);
  }
}

function organisationCard(row: OrganisationRow): OrganisationCard {
  return {
    slug: row.slug,
    name: row.name,
    kind: row.kind,
    comune: { slug: row.comune_slug, name: row.comune_name },
    description: row.description,
    logoUrl:
      row.logo_version === null
        ? null
        : `/api/catalogue/organisations/${row.slug}/logo?v=${row.logo_version}`,
    serviceCount: Number(row.service_count),
  };
}
