import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  EventManagementService,
  PlaceManagementService,
  type ProviderEvent,
  type ProviderPlace,
  type ProviderProfile,
  ProviderProfileService,
  type ProviderService,
  ServiceManagementService,
} from '@piazza/catalogue';
import { type RequestContext, TransactionRunner } from '@piazza/core';
import type { FastifyRequest } from 'fastify';
import { Roles } from '../auth/access.decorators';
import { Ctx } from '../context/ctx.decorator';
import { UuidParam } from '../context/uuid-param.pipe';
import { readLogoUpload } from './logo-upload';
import { EventInputDto, PlaceInputDto, ProfileDto, ServiceInputDto } from './provider.dto';

/**
 * An organisation's back-office, for its members (owner or staff): the page, the logo, and the lists of
 * its places, services and events. Someone else's organisation answers 404.
 */
@ApiTags('provider')
@Controller('provider/organisations/:orgId')
@Roles('provider')
export class ProviderOrganisationsController {
  constructor(
    private readonly profiles: ProviderProfileService,
    private readonly places: PlaceManagementService,
    private readonly services: ServiceManagementService,
    private readonly events: EventManagementService,
    private readonly tx: TransactionRunner,
  ) {}

  @Get('profile')
  @ApiOperation({ summary: "The organisation's public page, as its members edit it" })
  profile(@Ctx() ctx: RequestContext, @Param('orgId', UuidParam) orgId: string): Promise<ProviderProfile> {
    return this.profiles.profile(ctx, orgId);
  }

  @Put('profile')
  @ApiOperation({
    summary: "Updates the organisation's texts, contacts, address, point on the map and hours",
  })
  updateProfile(
    @Ctx() ctx: RequestContext,
    @Param('orgId', UuidParam) orgId: string,
    @Body() body: ProfileDto,
  ): Promise<ProviderProfile> {
    return this.tx.run(ctx, (c) => this.profiles.update(c, orgId, body));
  }

  @Put('logo')
  @ApiOperation({
    summary:
      'Replaces the logo: a PNG, JPEG or WebP of at most 5 MB, resized to fit 512×512 and stored as WebP',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['logo'],
      properties: { logo: { type: 'string', format: 'binary', description: 'PNG, JPEG or WebP, ≤ 5 MB' } },
    },
  })
  async uploadLogo(
    @Ctx() ctx: RequestContext,
    @Param('orgId', UuidParam) orgId: string,
    @Req() request: FastifyRequest,
  ): Promise<ProviderProfile> {
    const upload = await readLogoUpload(request);
    return this.tx.run(ctx, (c) => this.profiles.setLogo(c, orgId, upload));
  }

  @Delete('logo')
  @HttpCode(204)
  @ApiOperation({ summary: 'Removes the logo' })
  async deleteLogo(@Ctx() ctx: RequestContext, @Param('orgId', UuidParam) orgId: string): Promise<void> {
    await this.tx.run(ctx, (c) => this.profiles.deleteLogo(c, orgId));
  }

  @Get('places')
  @ApiOperation({ summary: "The organisation's places" })
  listPlaces(@Ctx() ctx: RequestContext, @Param('orgId', UuidParam) orgId: string): Promise<ProviderPlace[]> {
    return this.places.list(ctx, orgId);
  }

  @Post('places')
  @HttpCode(201)
  @ApiOperation({ summary: 'Adds a place, with its point picked on the map' })
  createPlace(
    @Ctx() ctx: RequestContext,
    @Param('orgId', UuidParam) orgId: string,
    @Body() body: PlaceInputDto,
  ): Promise<ProviderPlace> {
    return this.tx.run(ctx, (c) => this.places.create(c, orgId, body));
  }

  @Get('services')
  @ApiOperation({ summary: "The organisation's services, in every status" })
  listServices(
    @Ctx() ctx: RequestContext,
    @Param('orgId', UuidParam) orgId: string,
  ): Promise<ProviderService[]> {
    return this.services.list(ctx, orgId);
  }

  @Post('services')
  @HttpCode(201)
  @ApiOperation({ summary: 'Creates a service as a draft (the organisation must be accredited)' })
  createService(
    @Ctx() ctx: RequestContext,
    @Param('orgId', UuidParam) orgId: string,
    @Body() body: ServiceInputDto,
  ): Promise<ProviderService> {
    return this.tx.run(ctx, (c) => this.services.create(c, orgId, body));
  }

  @Get('events')
  @ApiOperation({ summary: "The organisation's events, latest first" })
  listEvents(@Ctx() ctx: RequestContext, @Param('orgId', UuidParam) orgId: string): Promise<ProviderEvent[]> {
    return this.events.list(ctx, orgId);
  }

  @Post('events')
  @HttpCode(201)
  @ApiOperation({ summary: 'Creates an event as a draft (the organisation must be accredited)' })
  createEvent(
    @Ctx() ctx: RequestContext,
    @Param('orgId', UuidParam) orgId: string,
    @Body() body: EventInputDto,
  ): Promise<ProviderEvent> {
    return this.tx.run(ctx, (c) => this.events.create(c, orgId, body));
  }
}
