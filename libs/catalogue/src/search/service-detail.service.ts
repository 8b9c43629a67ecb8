import { Injectable } from '@nestjs/common';
import { NotFoundError, type RequestContext } from '@piazza/core';
import type { PlaceDto, ServiceCard, ServiceDetail, ServiceSlotView } from './search.types';
import { latLngSql, openNowSql, serviceCardSql, VISIBLE_SERVICE } from './service-search.sql';

/** How many upcoming slots a service page lists. */
export const DETAIL_SLOTS_LIMIT = 50;

const PLACE_JSON = `json_build_object('id', p.id, 'name', p.name, 'address', p.address,
    'comune', json_build_object('slug', pc.slug, 'name', pc.name),
    'location', ${latLngSql('p.location')}, 'openingHours', p.opening_hours, 'accessibility', p.accessibility)`;

interface DetailRow {
  card: ServiceCard;
  detail: {
    description: string;
    keywords: string[];
    openingHours: ServiceDetail['openingHours'];
    places: PlaceDto[];
    slots: ServiceSlotView[];
    organisation: ServiceDetail['organisation'];
    publishedAt: string;
    updatedAt: string;
  };
}

/** The public page of one service. */
@Injectable()
export class ServiceDetailService {
  /**
   * A published service of an accredited organisation, with its places, its upcoming bookable slots
   * and its organisation's contacts. Anything else (draft, in review, archived, unknown) is a 404.
   */
  async bySlug(ctx: RequestContext, slug: string): Promise<ServiceDetail> {
    const rows: DetailRow[] = await ctx.em.query(
      `SELECT ${serviceCardSql(openNowSql('s'), 'NULL::float8')} AS card,
              json_build_object(
                'description', s.description,
                'keywords', s.keywords,
                'openingHours', s.opening_hours,
                'places', coalesce((
                   SELECT json_agg(${PLACE_JSON} ORDER BY sp.position, p.created_at, p.id)
                     FROM service_offer_place sp JOIN place p ON p.id = sp.place_id
                     JOIN comune pc ON pc.id = p.comune_id
                    WHERE sp.service_offer_id = s.id), '[]'),
                'slots', coalesce((
                   SELECT json_agg(json_build_object('id', sl.id, 'startsAt', sl.starts_at, 'endsAt', sl.ends_at,
                            'capacity', sl.capacity, 'free', sl.capacity - sl.booked,
                            'place', CASE WHEN p.id IS NULL THEN NULL ELSE ${PLACE_JSON} END, 'note', sl.note)
                            ORDER BY sl.starts_at, sl.id)
                     FROM (SELECT * FROM service_slot
                            WHERE service_offer_id = s.id AND cancelled_at IS NULL AND starts_at > now()
                              AND booked < capacity
                            ORDER BY starts_at, id LIMIT ${DETAIL_SLOTS_LIMIT}) sl
                     LEFT JOIN place p ON p.id = sl.place_id LEFT JOIN comune pc ON pc.id = p.comune_id), '[]'),
                'organisation', json_build_object('slug', o.slug, 'name', o.name, 'kind', o.kind,
                   'logoUrl', CASE WHEN o.logo_updated_at IS NULL THEN NULL
                     ELSE '/api/catalogue/organisations/' || o.slug || '/logo?v='
                          || floor(extract(epoch FROM o.logo_updated_at) * 1000)::bigint END,
                   'email', o.email, 'phone', o.phone, 'website', o.website),
                'publishedAt', s.published_at,
                'updatedAt', s.updated_at) AS detail
         FROM service_offer s
         JOIN category c ON c.id = s.category_id
         JOIN organisation o ON o.id = s.organisation_id
        WHERE s.slug = $1 AND ${VISIBLE_SERVICE}`,
      [slug],
    );
    if (!rows.length) throw new NotFoundError({ it: 'Il servizio richiesto', en: 'The requested service' });
    const { card, detail } = rows[0];
    return {
      ...card,
      ...detail,
      slots: detail.slots.map((slot) => ({
        ...slot,
        startsAt: iso(slot.startsAt),
        endsAt: iso(slot.endsAt),
      })),
      publishedAt: iso(detail.publishedAt),
      updatedAt: iso(detail.updatedAt),
    };
  }
}

/** PostgreSQL's JSON writes timestamps as "2026-12-03T16:30:00+01:00"; the API speaks UTC with milliseconds. */
function iso(timestamp: string): string {
  return new Date(timestamp).toISOString();
}
