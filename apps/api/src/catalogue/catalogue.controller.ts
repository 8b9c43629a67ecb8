import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CatalogueQueryService,
  CatalogueTaxonomyService,
  type FamilySummary,
  type MapPoints,
  type ServiceDetail,
  ServiceDetailService,
  ServiceSearchService,
  type Taxonomy,
} from '@piazza/catalogue';
import type { RequestContext } from '@piazza/core';
import { Public } from '../auth/access.decorators';
import { Ctx } from '../context/ctx.decorator';
import { ServiceFilterQuery, ServiceSearchQuery } from './service-search.query';

@ApiTags('catalogue')
@Public()
@Controller('catalogue')
export class CatalogueController {
  constructor(
    private readonly catalogue: CatalogueQueryService,
    private readonly taxonomyService: CatalogueTaxonomyService,
    private readonly searchService: ServiceSearchService,
    private readonly details: ServiceDetailService,
  ) {}

  @Get('families')
  @ApiOperation({ summary: 'The five service families with the number of published services in each' })
  @ApiOkResponse({ description: 'Families in display order' })
  families(@Ctx() ctx: RequestContext): Promise<FamilySummary[]> {
    return this.catalogue.families(ctx);
  }

  @Get('taxonomy')
  @ApiOperation({
    summary: 'Families with their categories, themes, target groups and Comuni, with service counts',
  })
  @ApiOkResponse({ description: 'Everything the catalogue can be filtered by, in display order' })
  taxonomy(@Ctx() ctx: RequestContext): Promise<Taxonomy> {
    return this.taxonomyService.taxonomy(ctx);
  }

  @Get('services')
  @ApiOperation({
    summary: 'Search published services: words (typo tolerant), filters, distance, disjunctive facets',
  })
  @ApiOkResponse({ description: 'One page of services with facet counts, origin and spelling suggestion' })
  // A SearchResult, as UTF-8 JSON from the answer cache: a hit is neither serialised nor encoded again.
  @Header('content-type', 'application/json; charset=utf-8')
  services(@Ctx() ctx: RequestContext, @Query() query: ServiceSearchQuery): Promise<Buffer> {
    return this.searchService.searchJson(ctx, query);
  }

  @Get('services/map')
  @ApiOperation({ summary: 'Map points of the services matching the same filters as the search' })
  @ApiOkResponse({ description: 'At most 5,000 located services, and how many match in all' })
  map(@Ctx() ctx: RequestContext, @Query() query: ServiceFilterQuery): Promise<MapPoints> {
    return this.searchService.map(ctx, query);
  }

  @Get('services/:slug')
  @ApiOperation({ summary: 'A published service with its places, upcoming free slots and organisation' })
  @ApiOkResponse({ description: 'The service page' })
  @ApiNotFoundResponse({ description: 'No published service of an accredited organisation has this slug' })
  service(@Ctx() ctx: RequestContext, @Param('slug') slug: string): Promise<ServiceDetail> {
    return this.details.bySlug(ctx, slug);
  }
}
