import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { RequestContext } from '@piazza/core';
import {
  type HsdsApiInfo,
  type HsdsOrganization,
  type HsdsOrganizationSummary,
  type HsdsPage,
  HsdsService,
  type HsdsServiceAtLocation,
  type HsdsServiceFilter,
  type HsdsServiceFull,
  type HsdsServiceSummary,
  type HsdsTaxonomy,
  type HsdsTaxonomyTerm,
} from '@piazza/reporting';
import { Public } from '../auth/access.decorators';
import { Ctx } from '../context/ctx.decorator';
import { UuidParam } from '../context/uuid-param.pipe';
import {
  HsdsOrganizationQuery,
  HsdsOrganizationsQuery,
  HsdsSearchQuery,
  type HsdsServiceFilterQuery,
  HsdsServiceAtLocationsQuery,
  HsdsServicesQuery,
  HsdsTaxonomyTermsQuery,
} from './hsds.query';

/** The Open Referral HSDS 3.0 API (../shared/hsds-3.0/schema/openapi.json), read-only and public. */
@ApiTags('hsds')
@Public()
@Controller('hsds')
export class HsdsController {
  constructor(private readonly hsds: HsdsService) {}

  @Get()
  @ApiOperation({ summary: 'HSDS: this API and its relationship with HSDS' })
  @ApiOkResponse({ description: 'HSDS version, profile and OpenAPI document' })
  info(): HsdsApiInfo {
    return this.hsds.info();
  }

  @Get('services')
  @ApiOperation({ summary: 'HSDS: published services, one page at a time' })
  @ApiOkResponse({ description: 'A Page of services (one-to-one fields, or nested with full=true)' })
  services(
    @Ctx() ctx: RequestContext,
    @Query() query: HsdsServicesQuery,
  ): Promise<HsdsPage<HsdsServiceSummary | HsdsServiceFull | { id: string; last_modified: string }>> {
    const detail = query.minimal ? 'minimal' : query.full || query.full_service ? 'full' : 'summary';
    return this.hsds.services(ctx, serviceFilter(query), paging(query), detail);
  }

  @Get('services/:id')
  @ApiOperation({ summary: 'HSDS: one published service, fully nested' })
  @ApiOkResponse({ description: 'The service' })
  @ApiNotFoundResponse({ description: 'No published service has this id' })
  service(@Ctx() ctx: RequestContext, @Param('id', UuidParam) id: string): Promise<HsdsServiceFull> {
    return this.hsds.service(ctx, id);
  }

  @Get('organizations')
  @ApiOperation({ summary: 'HSDS: accredited organizations, one page at a time' })
  @ApiOkResponse({ description: 'A Page of organizations' })
  organizations(
    @Ctx() ctx: RequestContext,
    @Query() query: HsdsOrganizationsQuery,
  ): Promise<HsdsPage<HsdsOrganizationSummary | HsdsOrganization>> {
    return this.hsds.organizations(ctx, query.search ?? null, paging(query), {
      full: query.full === true,
      fullService: query.full_service === true,
    });
  }

  @Get('organizations/:id')
  @ApiOperation({ summary: 'HSDS: one organization, fully nested, with its services' })
  @ApiOkResponse({ description: 'The organization' })
  @ApiNotFoundResponse({ description: 'No accredited organization has this id' })
  organization(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidParam) id: string,
    @Query() query: HsdsOrganizationQuery,
  ): Promise<HsdsOrganization> {
    return this.hsds.organization(ctx, id, query.full_service === true);
  }

  @Get('taxonomies')
  @ApiOperation({ summary: 'HSDS: the taxonomies (categories, themes, target groups)' })
  @ApiOkResponse({ description: 'A Page of taxonomies' })
  taxonomies(@Query() query: HsdsSearchQuery): HsdsPage<HsdsTaxonomy> {
    return this.hsds.taxonomies(query.search ?? null, paging(query));
  }

  @Get('taxonomies/:id')
  @ApiOperation({ summary: 'HSDS: one taxonomy' })
  @ApiOkResponse({ description: 'The taxonomy' })
  @ApiNotFoundResponse({ description: 'No taxonomy has this id' })
  taxonomy(@Param('id', UuidParam) id: string): HsdsTaxonomy {
    return this.hsds.taxonomy(id);
  }

  @Get('taxonomy_terms')
  @ApiOperation({ summary: 'HSDS: taxonomy terms, one page at a time' })
  @ApiOkResponse({ description: 'A Page of taxonomy terms' })
  taxonomyTerms(
    @Ctx() ctx: RequestContext,
    @Query() query: HsdsTaxonomyTermsQuery,
  ): Promise<HsdsPage<HsdsTaxonomyTerm>> {
    return this.hsds.taxonomyTerms(
      ctx,
      {
        search: query.search,
        taxonomy_id: query.taxonomy_id,
        top_only: query.top_only,
        parent_id: query.parent_id,
      },
      paging(query),
    );
  }

  @Get('taxonomy_terms/:id')
  @ApiOperation({ summary: 'HSDS: one taxonomy term, with its taxonomy' })
  @ApiOkResponse({ description: 'The taxonomy term' })
  @ApiNotFoundResponse({ description: 'No taxonomy term has this id' })
  taxonomyTerm(@Ctx() ctx: RequestContext, @Param('id', UuidParam) id: string): Promise<HsdsTaxonomyTerm> {
    return this.hsds.taxonomyTerm(ctx, id);
  }

  @Get('service_at_locations')
  @ApiOperation({ summary: 'HSDS: each published service at each of its locations, one page at a time' })
  @ApiOkResponse({ description: 'A Page of service_at_location (with location and service when full=true)' })
  serviceAtLocations(
    @Ctx() ctx: RequestContext,
    @Query() query: HsdsServiceAtLocationsQuery,
  ): Promise<HsdsPage<HsdsServiceAtLocation>> {
    const filter = { ...serviceFilter(query), postcode: query.postcode, proximity: query.proximity };
    return this.hsds.serviceAtLocations(ctx, filter, paging(query), query.full === true);
  }

  @Get('service_at_locations/:id')
  @ApiOperation({ summary: 'HSDS: one service at one location, with the location and the service' })
  @ApiOkResponse({ description: 'The service_at_location' })
  @ApiNotFoundResponse({ description: 'No published service is at a location with this id' })
  serviceAtLocation(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidParam) id: string,
  ): Promise<HsdsServiceAtLocation> {
    return this.hsds.serviceAtLocation(ctx, id);
  }
}

function paging(query: { page: number; per_page: number }) {
  return { page: query.page, per_page: query.per_page };
}

function serviceFilter(query: HsdsServiceFilterQuery): HsdsServiceFilter {
  return {
    search: query.search,
    taxonomy_term_id: query.taxonomy_term_id?.toLowerCase(),
    taxonomy_id: query.taxonomy_id?.toLowerCase(),
    organization_id: query.organization_id?.toLowerCase(),
    modified_after: query.modified_after ? new Date(query.modified_after) : undefined,
  };
}
