import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CatalogueQueryService, type FamilySummary, type Page, type ServiceCard } from '@piazza/catalogue';
import type { RequestContext } from '@piazza/core';
import { Public } from '../auth/access.decorators';
import { Ctx } from '../context/ctx.decorator';
import { ServiceSearchQuery } from './service-search.query';

@ApiTags('catalogue')
@Public()
@Controller('catalogue')
export class CatalogueController {
  constructor(private readonly catalogue: CatalogueQueryService) {}

  @Get('families')
  @ApiOperation({ summary: 'The five service families with the number of published services in each' })
  @ApiOkResponse({ description: 'Families in display order' })
  families(@Ctx() ctx: RequestContext): Promise<FamilySummary[]> {
    return this.catalogue.families(ctx);
  }

  @Get('services')
  @ApiOperation({ summary: 'Search published services' })
  @ApiOkResponse({ description: 'One page of services, best matches first' })
  services(@Ctx() ctx: RequestContext, @Query() query: ServiceSearchQuery): Promise<Page<ServiceCard>> {
    return this.catalogue.searchServices(ctx, query);
  }
}
