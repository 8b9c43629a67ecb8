import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  EventCalendarService,
  type OrganisationCard,
  OrganisationDirectoryService,
  type OrganisationPage,
  type Page,
} from '@piazza/catalogue';
import type { RequestContext } from '@piazza/core';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/access.decorators';
import { Ctx } from '../context/ctx.decorator';
import { sendCalendar } from './calendar-reply';
import { OrganisationListQueryDto } from './directory.query';
import { SlugParam } from './slug-param.pipe';

@ApiTags('directory')
@Public()
@Controller('catalogue/organisations')
export class DirectoryOrganisationsController {
  constructor(
    private readonly organisations: OrganisationDirectoryService,
    private readonly calendars: EventCalendarService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Accredited organisations by name (shops only with kind=shop)' })
  @ApiOkResponse({ description: 'One page of organisation cards' })
  list(
    @Ctx() ctx: RequestContext,
    @Query() query: OrganisationListQueryDto,
  ): Promise<Page<OrganisationCard>> {
    return this.organisations.list(ctx, query);
  }

  @Get(':slug')
  @ApiOperation({ summary: "An accredited organisation's page: profile, places, services, upcoming events" })
  @ApiOkResponse({ description: 'The organisation page' })
  @ApiNotFoundResponse({ description: 'No accredited organisation has this slug' })
  page(@Ctx() ctx: RequestContext, @Param('slug', SlugParam) slug: string): Promise<OrganisationPage> {
    return this.organisations.page(ctx, slug);
  }

  @Get(':slug/logo')
  @ApiOperation({ summary: "The organisation's logo (cacheable for a day; conditional with If-None-Match)" })
  @ApiProduces('image/webp', 'image/png', 'image/jpeg')
  @ApiOkResponse({ description: 'The image' })
  @ApiNotFoundResponse({ description: 'The organisation has no logo' })
  async logo(
    @Ctx() ctx: RequestContext,
    @Param('slug', SlugParam) slug: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const logo = await this.organisations.logo(ctx, slug);
    void reply.header('etag', logo.etag).header('cache-control', 'public, max-age=86400');
    if (matches(ifNoneMatch, logo.etag)) {
      await reply.status(304).send();
      return;
    }
    await reply.status(200).header('content-type', logo.contentType).send(logo.image);
  }

  @Get(':slug/events.ics')
  @ApiOperation({ summary: "iCalendar feed of the organisation's public events, from a month ago on" })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'An iCalendar (RFC 5545) file' })
  async calendar(
    @Ctx() ctx: RequestContext,
    @Param('slug', SlugParam) slug: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return sendCalendar(reply, await this.calendars.organisationFeed(ctx, slug));
  }
}

/** Whether an If-None-Match header names this entity tag (weak comparison, as RFC 9110 asks for GET). */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
