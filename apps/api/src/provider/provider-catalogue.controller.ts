import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  EventManagementService,
  PlaceManagementService,
  type ProviderEvent,
  type ProviderPlace,
  type ProviderService,
  type ProviderSlot,
  ServiceManagementService,
  SlotManagementService,
} from '@piazza/catalogue';
import { type RequestContext, TransactionRunner } from '@piazza/core';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/access.decorators';
import { Ctx } from '../context/ctx.decorator';
import { UuidParam } from '../context/uuid-param.pipe';
import { EventInputDto, PlaceInputDto, ServiceInputDto, SlotInputDto } from './provider.dto';

/**
 * Places, services, slots and events reached by their own id. Each service method first finds the
 * organisation that owns the row and checks the caller is one of its members (else 404).
 */
@ApiTags('provider')
@Controller('provider')
@Roles('provider')
export class ProviderCatalogueController {
  constructor(
    private readonly places: PlaceManagementService,
    private readonly services: ServiceManagementService,
    private readonly slots: SlotManagementService,
    private readonly events: EventManagementService,
    private readonly tx: TransactionRunner,
  ) {}

  @Put('places/:id')
  @ApiOperation({ summary: 'Changes a place' })
  updatePlace(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidParam) id: string,
    @Body() body: PlaceInputDto,
  ): Promise<ProviderPlace> {
    return this.tx.run(ctx, (c) => this.places.update(c, id, body));
  }

  @Delete('places/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Removes a place (services held there lose it)' })
  async deletePlace(@Ctx() ctx: RequestContext, @Param('id', UuidParam) id: string): Promise<void> {
    await this.tx.run(ctx, (c) => this.places.delete(c, id));
  }

  @Get('services/:id')
  @ApiOperation({ summary: 'A service of one of my organisations' })
  service(@Ctx() ctx: RequestContext, @Param('id', UuidParam) id: string): Promise<ProviderService> {
    return this.services.get(ctx, id);
  }

  @Put('services/:id')
  @ApiOperation({ summary: 'Changes a service; a published one stays published' })
  updateService(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidParam) id: string,
    @Body() body: ServiceInputDto,
  ): Promise<ProviderService> {
    return this.tx.run(ctx, (c) => this.services.update(c, id, body));
  }

  @Post('services/:id/submit')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Asks to publish a draft: it waits for review, or is published at once if approved before',
  })
  submitService(@Ctx() ctx: RequestContext, @Param('id', UuidParam) id: string): Promise<ProviderService> {
    return this.tx.run(ctx, (c) => this.services.submit(c, id));
  }

  @Post('services/:id/archive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Takes a service out of the catalogue' })
  archiveService(@Ctx() ctx: RequestContext, @Param('id', UuidParam) id: string): Promise<ProviderService> {
    return this.tx.run(ctx, (c) => this.services.archive(c, id));
  }

  @Get('services/:id/slots')
  @ApiOperation({ summary: "A service's bookable slots, with places booked and free" })
  listSlots(@Ctx() ctx: RequestContext, @Param('id', UuidParam) id: string): Promise<ProviderSlot[]> {
    return this.slots.list(ctx, id);
  }

  @Post('services/:id/slots')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Adds a slot, repeated weekly for `repeatWeeks` more weeks; answers every slot made',
  })
  createSlots(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidParam) id: string,
    @Body() body: SlotInputDto,
  ): Promise<ProviderSlot[]> {
    return this.tx.run(ctx, (c) => this.slots.create(c, id, body));
  }

  @Put('slots/:id')
  @ApiOperation({ summary: 'Changes a slot; its capacity cannot go below the places booked (409)' })
  updateSlot(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidParam) id: string,
    @Body() body: SlotInputDto,
  ): Promise<ProviderSlot> {
    return this.tx.run(ctx, (c) => this.slots.update(c, id, body));
  }

  @Delete('slots/:id')
  @ApiOperation({
    summary: 'Deletes a slot nobody booked (204), or cancels a booked one (200, with cancelledAt)',
  })
  @ApiNoContentResponse({ description: 'Deleted: nobody had booked it' })
  @ApiOkResponse({ description: 'Cancelled: it had bookings, so it is kept with its cancelledAt' })
  async deleteSlot(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidParam) id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const outcome = await this.tx.run(ctx, (c) => this.slots.delete(c, id));
    // Two answers for one route: the reply is sent here (Nest would force one status code).
    if ('cancelled' in outcome) await reply.status(200).send(outcome.cancelled);
    else await reply.status(204).send();
  }

  @Get('events/:id')
  @ApiOperation({ summary: 'An event of one of my organisations' })
  event(@Ctx() ctx: RequestContext, @Param('id', UuidParam) id: string): Promise<ProviderEvent> {
    return this.events.get(ctx, id);
  }

  @Put('events/:id')
  @ApiOperation({ summary: 'Changes an event; a published one gets a new iCalendar SEQUENCE' })
  updateEvent(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidParam) id: string,
    @Body() body: EventInputDto,
  ): Promise<ProviderEvent> {
    return this.tx.run(ctx, (c) => this.events.update(c, id, body));
  }

  @Post('events/:id/publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publishes a draft event on the calendar' })
  publishEvent(@Ctx() ctx: RequestContext, @Param('id', UuidParam) id: string): Promise<ProviderEvent> {
    return this.tx.run(ctx, (c) => this.events.publish(c, id));
  }

  @Post('events/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancels a published event (it stays in the feeds as cancelled)' })
  cancelEvent(@Ctx() ctx: RequestContext, @Param('id', UuidParam) id: string): Promise<ProviderEvent> {
    return this.tx.run(ctx, (c) => this.events.cancel(c, id));
  }
}
