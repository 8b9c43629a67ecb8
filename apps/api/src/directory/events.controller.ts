import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  EventCalendarService,
  type EventCard,
  type EventDetail,
  EventDirectoryService,
  type Page,
} from '@piazza/catalogue';
import type { RequestContext } from '@piazza/core';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/access.decorators';
import { Ctx } from '../context/ctx.decorator';
import { sendCalendar } from './calendar-reply';
import { EventListQueryDto } from './directory.query';
import { SlugParam } from './slug-param.pipe';

@ApiTags('events')
@Public()
@Controller()
export class EventsController {
  constructor(
    private readonly events: EventDirectoryService,
    private readonly calendars: EventCalendarService,
  ) {}

  @Get('events')
  @ApiOperation({ summary: 'Public events that overlap the days asked, soonest first' })
  @ApiOkResponse({ description: 'One page of event cards' })
  list(@Ctx() ctx: RequestContext, @Query() query: EventListQueryDto): Promise<Page<EventCard>> {
    return this.events.list(ctx, query);
  }

  @Get('events.ics')
  @ApiOperation({ summary: "iCalendar feed of the whole Ambito's public events, from a month ago on" })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'An iCalendar (RFC 5545) file' })
  async feed(@Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return sendCalendar(reply, await this.calendars.ambitoFeed(ctx));
  }

  @Get('events/:slug')
  @ApiOperation({ summary: 'A published or cancelled event' })
  @ApiOkResponse({ description: 'The event' })
  @ApiNotFoundResponse({ description: 'No public event has this slug (drafts included)' })
  detail(@Ctx() ctx: RequestContext, @Param('slug', SlugParam) slug: string): Promise<EventDetail> {
    return this.events.detail(ctx, slug);
  }

  @Get('events/:slug/calendar.ics')
  @ApiOperation({ summary: 'One public event as an iCalendar file, to add it to a calendar' })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'An iCalendar (RFC 5545) file with one event' })
  async eventFile(
    @Ctx() ctx: RequestContext,
    @Param('slug', SlugParam) slug: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return sendCalendar(reply, await this.calendars.eventFile(ctx, slug));
  }
}
