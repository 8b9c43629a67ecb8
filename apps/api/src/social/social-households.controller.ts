import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type RequestContext, TransactionRunner } from '@piazza/core';
import {
  AssistedAccessService,
  type HouseholdSummary,
  type MemberView,
  HouseholdService,
  type HouseholdView,
} from '@piazza/identity';
import { Roles } from '../auth/access.decorators';
import { Ctx } from '../context/ctx.decorator';
import { UuidParam } from '../context/uuid-param.pipe';
import { AddMemberDto } from '../auth/auth.dto';
import { HouseholdSearchQuery } from '../organisations/organisation.dto';
import { AssistedRegistrationDto } from './assisted.dto';

@ApiTags('social')
@Controller('social/households')
@Roles('social_worker')
export class SocialHouseholdsController {
  constructor(
    private readonly households: HouseholdService,
    private readonly assisted: AssistedAccessService,
    private readonly tx: TransactionRunner,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Register at a Social Point a household whose head has no e-mail (assisted mode)',
  })
  register(@Ctx() ctx: RequestContext, @Body() body: AssistedRegistrationDto) {
    return this.tx.run(ctx, (c) => this.assisted.register(c, body));
  }

  @Post(':id/members')
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a person to a household of your Comuni whose head has no e-mail' })
  addMember(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidParam) id: string,
    @Body() body: AddMemberDto,
  ): Promise<MemberView> {
    return this.tx.run(ctx, (c) => this.households.addMemberAsSocialWorker(c, id, body));
  }

  @Post(':id/access-letter')
  @HttpCode(200)
  @Header('content-type', 'application/pdf')
  @Header('cache-control', 'no-store')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'Print the access letter with a new one-time code (earlier codes stop working)' })
  async accessLetter(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidParam) id: string,
  ): Promise<StreamableFile> {
    const pdf = await this.tx.run(ctx, (c) => this.assisted.accessLetter(c, id));
    return new StreamableFile(pdf, { disposition: 'inline; filename="lettera-accesso.pdf"' });
  }

  @Get()
  @ApiOperation({ summary: "Households resident in the social worker's Comuni" })
  list(@Ctx() ctx: RequestContext, @Query() query: HouseholdSearchQuery): Promise<HouseholdSummary[]> {
    return this.households.listForSocialWorker(ctx, query);
  }

  @Get(':id')
  @ApiOperation({ summary: "One household of the social worker's Comuni (the access is audited)" })
  detail(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidParam) id: string,
  ): Promise<HouseholdView & { headHasEmail: boolean; accessLetter: boolean }> {
    return this.tx.run(ctx, (c) => this.households.detailForSocialWorker(c, id));
  }
}
