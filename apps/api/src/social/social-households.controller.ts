import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type RequestContext, TransactionRunner } from '@piazza/core';
import { type HouseholdSummary, HouseholdService, type HouseholdView } from '@piazza/identity';
import { Roles } from '../auth/access.decorators';
import { Ctx } from '../context/ctx.decorator';
import { UuidParam } from '../context/uuid-param.pipe';
import { HouseholdSearchQuery } from '../organisations/organisation.dto';

@ApiTags('social')
@Controller('social/households')
@Roles('social_worker')
export class SocialHouseholdsController {
  constructor(
    private readonly households: HouseholdService,
    private readonly tx: TransactionRunner,
  ) {}

  @Get()
  @ApiOperation({ summary: "Households resident in the social worker's Comuni" })
  list(@Ctx() ctx: RequestContext, @Query() query: HouseholdSearchQuery): Promise<HouseholdSummary[]> {
    return this.households.listForSocialWorker(ctx, query);
  }

  @Get(':id')
  @ApiOperation({ summary: "One household of the social worker's Comuni (the access is audited)" })
  detail(@Ctx() ctx: RequestContext, @Param('id', UuidParam) id: string): Promise<HouseholdView> {
    return this.tx.run(ctx, (c) => this.households.detailForSocialWorker(c, id));
  }
}
