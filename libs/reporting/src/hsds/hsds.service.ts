import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, NotFoundError, publicUrl, type RequestContext } from '@piazza/core';
import {
  ambitoOrganization,
  ambitoOrganizationId,
  attributes,
  costOptions,
  organization,
  organizationSummary,
  placeLocation,
  schedules,
  seatLocation,
  seatLocationId,
  serviceAreas,
  serviceAtLocationId,
  servicePhones,
  serviceSummary,
  socialPointLocation,
  TAXONOMY_KEYS,
  taxonomy,
  taxonomyId,
  taxonomyTerm,
} from './hsds-objects';
import {
  type ComuneRow,
  HsdsSourceService,
  type OrganisationRow,
  type ServiceLocationPair,
  type ServiceRow,
  type SocialPointRow,
  type TaxonomyKey,
  type TermRow,
} from './hsds-source.service';
import type {
  HsdsApiInfo,
  HsdsLocation,
  HsdsOrganization,
  HsdsOrganizationSummary,
  HsdsPage,
  HsdsPaging,
  HsdsServiceFull,
  HsdsServiceAtLocation,
  HsdsServiceFilter,
  HsdsServiceSummary,
  HsdsTaxonomy,
  HsdsTaxonomyTerm,
} from './hsds.types';

/** What `/services` returns for each service: its one-to-one fields, everything, or id and date only. */
export type HsdsServiceDetail = 'summary' | 'full' | 'minimal';

export interface HsdsTermFilter {
  search?: string;
  taxonomy_id?: string;
  top_only?: boolean;
  parent_id?: string;
}

/** Lookups every answer needs, read once per request. */
interface Vocabulary {
  base: string;
  comuni: Map<string, ComuneRow>;
  terms: Map<string, TermRow>;
}

const NOT_FOUND = {
  service: { it: 'Il servizio', en: 'The service' },
  organization: { it: "L'ente", en: 'The organization' },
  taxonomy: { it: 'La tassonomia', en: 'The taxonomy' },
  term: { it: 'Il termine', en: 'The taxonomy term' },
  serviceAtLocation: { it: 'Il servizio in questa sede', en: 'The service at location' },
};

/**
 * The Ambito's directory as an Open Referral HSDS 3.0 API (read-only): published services of accredited
 * organisations, their organisations, places and Social Points as locations, and the category tree,
 * themes and target groups as three taxonomies.
 */
@Injectable()
export class HsdsService {
  constructor(
    private readonly source: HsdsSourceService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  info(): HsdsApiInfo {
    return {
      version: '3.0',
      profile: 'https://docs.openreferral.org/en/latest/hsds/',
      openapi_url: 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json',
    };
  }

  async services(
    ctx: RequestContext,
    filter: HsdsServiceFilter,
    paging: HsdsPaging,
    detail: HsdsServiceDetail,
  ): Promise<HsdsPage<HsdsServiceSummary | HsdsServiceFull | { id: string; last_modified: string }>> {
    const { ids, total } = await this.source.serviceIds(
      ctx,
      filter,
      this.taxonomyOf(filter.taxonomy_id),
      paging,
    );
    const rows = await this.source.services(ctx, ids);
    if (detail === 'minimal') {
      return page(
        rows.map((r) => ({ id: r.id, last_modified: r.last_modified.toISOString() })),
        total,
        paging,
      );
    }
    const vocabulary = await this.vocabulary(ctx);
    const contents =
      detail === 'full'
        ? await this.fullServices(ctx, rows, vocabulary)
        : await this.serviceSummaries(ctx, rows, vocabulary);
    return page(contents, total, paging);
  }

  /** One published service with everything related to it. */
  async service(ctx: RequestContext, id: string): Promise<HsdsServiceFull> {
    const rows = await this.source.services(ctx, [id]);
    if (!rows.length) throw new NotFoundError(NOT_FOUND.service);
    const [service] = await this.fullServices(ctx, rows, await this.vocabulary(ctx));
    return service;
  }

  /**
   * Accredited organisations (not shops) by name, after the Ambito itself when it owns Social Points;
   * `full`: with phones, contacts, identifiers, locations and their services' one-to-one fields;
   * `fullService`: the same with every service in full.
   */
  async organizations(
    ctx: RequestContext,
    search: string | null,
    paging: HsdsPaging,
    options: { full: boolean; fullService: boolean },
  ): Promise<HsdsPage<HsdsOrganizationSummary | HsdsOrganization>> {
    const ambito =
      (await this.socialPointOwners(ctx)).ambitoOwnsAny &&
      this.ambitoMatches(search, await this.ambitoSettings(ctx));
    const first = (paging.page - 1) * paging.per_page;
    const skip = ambito ? Math.max(first - 1, 0) : first;
    const take = ambito && first === 0 ? paging.per_page - 1 : paging.per_page;
    const { rows, total } = await this.source.organisations(ctx, search?.trim() || null, skip, take);
    const full = options.full || options.fullService;
    const contents: (HsdsOrganizationSummary | HsdsOrganization)[] = [];
    if (ambito && first === 0) contents.push(full ? await this.ambito(ctx) : await this.ambitoSummary(ctx));
    if (full) contents.push(...(await this.fullOrganizations(ctx, rows, options.fullService)));
    else contents.push(...rows.map((r) => organizationSummary(r, this.base())));
    return page(contents, total + (ambito ? 1 : 0), paging);
  }

  /** One organization in full, with its services (one-to-one fields, or in full with `fullService`). */
  async organization(ctx: RequestContext, id: string, fullService: boolean): Promise<HsdsOrganization> {
    if (id === ambitoOrganizationId()) {
      if (!(await this.socialPointOwners(ctx)).ambitoOwnsAny) throw new NotFoundError(NOT_FOUND.organization);
      return this.ambito(ctx);
    }
    const rows = await this.source.organisationsById(ctx, [id]);
    if (!rows.length) throw new NotFoundError(NOT_FOUND.organization);
    const [org] = await this.fullOrganizations(ctx, rows, fullService);
    return org;
  }

  taxonomies(search: string | null, paging: HsdsPaging): HsdsPage<HsdsTaxonomy> {
    const all = TAXONOMY_KEYS.map((key) => taxonomy(key, this.base())).filter((t) =>
      matches(search, t.name, t.description),
    );
    return slice(all, paging);
  }

  taxonomy(id: string): HsdsTaxonomy {
    const key = TAXONOMY_KEYS.find((k) => taxonomyId(k) === id);
    if (!key) throw new NotFoundError(NOT_FOUND.taxonomy);
    return taxonomy(key, this.base());
  }

  async taxonomyTerms(
    ctx: RequestContext,
    filter: HsdsTermFilter,
    paging: HsdsPaging,
  ): Promise<HsdsPage<HsdsTaxonomyTerm>> {
    const terms = (await this.source.terms(ctx)).filter(
      (t) =>
        (!filter.taxonomy_id || taxonomyId(t.taxonomy) === filter.taxonomy_id) &&
        (!filter.top_only || t.parent_id === null) &&
        (!filter.parent_id || t.parent_id === filter.parent_id) &&
        matches(filter.search ?? null, t.name, t.code, t.description),
    );
    return slice(
      terms.map((t) => taxonomyTerm(t, this.base())),
      paging,
    );
  }

  async taxonomyTerm(ctx: RequestContext, id: string): Promise<HsdsTaxonomyTerm> {
    const term = (await this.source.terms(ctx)).find((t) => t.id === id);
    if (!term) throw new NotFoundError(NOT_FOUND.term);
    return taxonomyTerm(term, this.base(), true);
  }

  async serviceAtLocations(
    ctx: RequestContext,
    filter: HsdsServiceFilter,
    paging: HsdsPaging,
    full: boolean,
  ): Promise<HsdsPage<HsdsServiceAtLocation>> {
    const { pairs, total } = await this.source.serviceLocations(
      ctx,
      filter,
      this.taxonomyOf(filter.taxonomy_id),
      paging,
    );
    return page(await this.serviceAtLocationObjects(ctx, pairs, full), total, paging);
  }

  /** One service at one location, with the location in full and the service's one-to-one fields. */
  async serviceAtLocation(ctx: RequestContext, id: string): Promise<HsdsServiceAtLocation> {
    // Ids are derived from the service and the location: find the pair among all published ones.
    const { pairs } = await this.source.serviceLocations(ctx, {}, null, null);
    const pair = pairs.find((p) => serviceAtLocationId(p.service_id, locationIdOf(p)) === id);
    if (!pair) throw new NotFoundError(NOT_FOUND.serviceAtLocation);
    const [object] = await this.serviceAtLocationObjects(ctx, [pair], true);
    return object;
  }

  private async serviceAtLocationObjects(
    ctx: RequestContext,
    pairs: ServiceLocationPair[],
    full: boolean,
  ): Promise<HsdsServiceAtLocation[]> {
    const vocabulary = await this.vocabulary(ctx);
    const services = new Map(
      (await this.source.services(ctx, [...new Set(pairs.map((p) => p.service_id))])).map((s) => [s.id, s]),
    );
    const organisations = await this.organisationMap(
      ctx,
      [...services.values()].map((s) => s.organisation_id),
    );
    const locations = full
      ? await this.serviceLocations(ctx, [...services.values()], organisations, vocabulary)
      : null;
    return pairs.flatMap((pair) => {
      const service = services.get(pair.service_id);
      const org = service && organisations.get(service.organisation_id);
      if (!service || !org) return [];
      const locationId = locationIdOf(pair);
      return [
        {
          id: serviceAtLocationId(service.id, locationId),
          service_id: service.id,
          location_id: locationId,
          description:
            pair.kind === 'seat' ? `${service.title} presso la sede di ${org.name}` : service.title,
          ...(locations?.has(locationId) && {
            location: locations.get(locationId),
            service: serviceSummary(service, org, vocabulary.terms, vocabulary.base),
          }),
        },
      ];
    });
  }

  private async serviceSummaries(
    ctx: RequestContext,
    rows: ServiceRow[],
    vocabulary: Vocabulary,
  ): Promise<HsdsServiceSummary[]> {
    const organisations = await this.organisationMap(
      ctx,
      rows.map((r) => r.organisation_id),
    );
    return rows.flatMap((r) => {
      const org = organisations.get(r.organisation_id);
      return org ? [serviceSummary(r, org, vocabulary.terms, vocabulary.base)] : [];
    });
  }

  private async fullServices(
    ctx: RequestContext,
    rows: ServiceRow[],
    vocabulary: Vocabulary,
  ): Promise<HsdsServiceFull[]> {
    const organisations = await this.organisationMap(
      ctx,
      rows.map((r) => r.organisation_id),
    );
    const locations = await this.serviceLocations(ctx, rows, organisations, vocabulary);
    const { base, terms, comuni } = vocabulary;
    return rows.flatMap((row) => {
      const org = organisations.get(row.organisation_id);
      if (!org) return [];
      const locationIds = row.place_ids.length ? row.place_ids : [seatLocationId(org.id)];
      return [
        {
          ...serviceSummary(row, org, terms, base),
          organization: organizationSummary(org, base),
          phones: servicePhones(row, org),
          schedules: schedules(row.opening_hours, { service_id: row.id }),
          service_areas: serviceAreas(row, comuni),
          service_at_locations: locationIds.flatMap((locationId) => {
            const location = locations.get(locationId);
            return location
              ? [
                  {
                    id: serviceAtLocationId(row.id, locationId),
                    service_id: row.id,
                    location_id: locationId,
                    description: row.place_ids.length
                      ? row.title
                      : `${row.title} presso la sede di ${org.name}`,
                    location,
                  },
                ]
              : [];
          }),
          cost_options: costOptions(row),
          attributes: attributes(row, terms, base),
        },
      ];
    });
  }

  /** The locations of these services, by id: their places, or their organisation's seat. */
  private async serviceLocations(
    ctx: RequestContext,
    rows: ServiceRow[],
    organisations: Map<string, OrganisationRow>,
    { comuni }: Vocabulary,
  ): Promise<Map<string, HsdsLocation>> {
    const places = await this.source.places(ctx, { ids: [...new Set(rows.flatMap((r) => r.place_ids))] });
    const locations = new Map<string, HsdsLocation>();
    for (const place of places) {
      const comune = comuni.get(place.comune_id);
      if (comune) locations.set(place.id, placeLocation(place, comune));
    }
    for (const row of rows.filter((r) => !r.place_ids.length)) {
      const org = organisations.get(row.organisation_id);
      const comune = org && comuni.get(org.comune_id);
      if (org && comune) locations.set(seatLocationId(org.id), seatLocation(org, comune));
    }
    return locations;
  }

  private async fullOrganizations(
    ctx: RequestContext,
    rows: OrganisationRow[],
    fullService: boolean,
  ): Promise<HsdsOrganization[]> {
    if (!rows.length) return [];
    const vocabulary = await this.vocabulary(ctx);
    const ids = rows.map((r) => r.id);
    const [places, owners, serviceIds] = await Promise.all([
      this.source.places(ctx, { organisationIds: ids }),
      this.socialPointOwners(ctx),
      this.source.serviceIdsOf(ctx, ids),
    ]);
    const mine = await this.source.services(ctx, serviceIds);
    const organisations = new Map(rows.map((r) => [r.id, r]));
    const serviceObjects: (HsdsServiceSummary | HsdsServiceFull)[] = fullService
      ? await this.fullServices(ctx, mine, vocabulary)
      : mine.map((s) =>
          serviceSummary(s, organisations.get(s.organisation_id)!, vocabulary.terms, vocabulary.base),
        );
    return rows.map((org) => {
      const comune = vocabulary.comuni.get(org.comune_id);
      const locations: HsdsLocation[] = [
        ...(comune ? [seatLocation(org, comune)] : []),
        ...places.flatMap((p) => {
          const c = vocabulary.comuni.get(p.comune_id);
          return p.organisation_id === org.id && c ? [placeLocation(p, c)] : [];
        }),
        ...this.socialPointLocations(owners.points, owners.ownerOf, org.id, vocabulary.comuni),
      ];
      return {
        ...organization(org, vocabulary.base, locations),
        services: serviceObjects.filter((s) => s.organization_id === org.id),
      };
    });
  }

  private async ambitoSummary(ctx: RequestContext): Promise<HsdsOrganizationSummary> {
    return ambitoOrganization(await this.ambitoSettings(ctx), this.base(), null);
  }

  private async ambito(ctx: RequestContext): Promise<HsdsOrganization> {
    const [settings, owners, { comuni }] = await Promise.all([
      this.ambitoSettings(ctx),
      this.socialPointOwners(ctx),
      this.vocabulary(ctx),
    ]);
    const locations = this.socialPointLocations(
      owners.points,
      owners.ownerOf,
      ambitoOrganizationId(),
      comuni,
    );
    // The Ambito lists no service of its own in the catalogue: its Social Points are places, not services.
    return { ...(ambitoOrganization(settings, this.base(), locations) as HsdsOrganization), services: [] };
  }

  private socialPointLocations(
    points: SocialPointRow[],
    ownerOf: (point: SocialPointRow) => string,
    organisationId: string,
    comuni: Map<string, ComuneRow>,
  ): HsdsLocation[] {
    return points.flatMap((p) => {
      const comune = comuni.get(p.comune_id);
      return ownerOf(p) === organisationId && comune ? [socialPointLocation(p, organisationId, comune)] : [];
    });
  }

  /**
   * Who runs each Social Point: the accredited public body of its Comune when there is one, otherwise
   * the Ambito.
   */
  private async socialPointOwners(ctx: RequestContext): Promise<{
    points: SocialPointRow[];
    ownerOf: (point: SocialPointRow) => string;
    ambitoOwnsAny: boolean;
  }> {
    const [points, bodies] = await Promise.all([
      this.source.socialPoints(ctx),
      this.source.publicBodiesByComune(ctx),
    ]);
    const ownerOf = (p: SocialPointRow) => bodies.get(p.comune_id) ?? ambitoOrganizationId();
    return { points, ownerOf, ambitoOwnsAny: points.some((p) => !bodies.has(p.comune_id)) };
  }

  private ambitoSettings(ctx: RequestContext) {
    return this.source.settings(ctx);
  }

  private ambitoMatches(search: string | null, settings: { name: string; tagline: { it: string } }): boolean {
    return matches(search, settings.name, settings.tagline.it);
  }

  private async organisationMap(ctx: RequestContext, ids: string[]): Promise<Map<string, OrganisationRow>> {
    const rows = await this.source.organisationsById(ctx, [...new Set(ids)]);
    return new Map(rows.map((r) => [r.id, r]));
  }

  private async vocabulary(ctx: RequestContext): Promise<Vocabulary> {
    const [comuni, terms] = await Promise.all([this.source.comuni(ctx), this.source.terms(ctx)]);
    return { base: this.base(), comuni, terms: new Map(terms.map((t) => [t.id, t])) };
  }

  /** The taxonomy a `taxonomy_id` names; an id of no taxonomy matches nothing. */
  private taxonomyOf(id: string | undefined): TaxonomyKey | 'none' | null {
    if (!id) return null;
    return TAXONOMY_KEYS.find((k) => taxonomyId(k) === id) ?? 'none';
  }

  private base(): string {
    return publicUrl(this.config);
  }
}

function locationIdOf(pair: ServiceLocationPair): string {
  return pair.kind === 'seat' ? seatLocationId(pair.ref_id) : pair.ref_id;
}

function page<T>(contents: T[], total: number, paging: HsdsPaging): HsdsPage<T> {
  const totalPages = Math.ceil(total / paging.per_page);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: paging.page,
    size: contents.length,
    first_page: paging.page === 1,
    last_page: paging.page >= totalPages,
    empty: total === 0,
    contents,
  };
}

function slice<T>(all: T[], paging: HsdsPaging): HsdsPage<T> {
  const start = (paging.page - 1) * paging.per_page;
  return page(all.slice(start, start + paging.per_page), all.length, paging);
}

/** Whether every word of a search appears in one of the texts (accents and case ignored). */
function matches(search: string | null, ...texts: string[]): boolean {
  const words = fold(search ?? '')
    .split(/\s+/)
    .filter(Boolean);
  const haystack = fold(texts.join(' '));
  return words.every((w) => haystack.includes(w));
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
