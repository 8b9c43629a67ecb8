import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type RequestContext, TransactionRunner } from '@piazza/core';
import {
  OrderService,
  providerVoucherStatementCsv,
  renderProviderVoucherStatementPdf,
} from '@piazza/commerce';
import { Roles } from '../auth/access.decorators';
import { Ctx } from '../context/ctx.decorator';
import { ApiIdempotencyKey, IdempotencyKey } from '../context/idempotency-key.decorator';
import { UuidParam } from '../context/uuid-param.pipe';
import { BookingsQuery, OrdersQuery, ReasonDto } from './commerce.dto';

/** A provider's incoming orders and bookings calendar. */
@ApiTags('provider')
@Controller('provider/organisations/:orgId')
@Roles('provider')
export class ProviderOrdersController {
  constructor(
    private readonly orders: OrderService,
    private readonly tx: TransactionRunner,
  ) {}

  @Get('orders')
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'Orders received (paid and later), newest first' })
  list(@Ctx() ctx: RequestContext, @Param('orgId', UuidParam) orgId: string, @Query() query: OrdersQuery) {
    return this.orders.listForProvider(ctx, orgId, query.status);
  }

  @Get('orders/:id')
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'One order received' })
  detail(
    @Ctx() ctx: RequestContext,
    @Param('orgId', UuidParam) orgId: string,
    @Param('id', UuidParam) id: string,
  ) {
    return this.orders.detailForProvider(ctx, orgId, id);
  }

  @Post('orders/:id/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm a paid order' })
  confirm(
    @Ctx() ctx: RequestContext,
    @Param('orgId', UuidParam) orgId: string,
    @Param('id', UuidParam) id: string,
  ) {
    return this.tx.run(ctx, (c) => this.orders.confirm(c, orgId, id));
  }

  @Post('orders/:id/decline')
  @HttpCode(200)
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Decline a paid order with a reason: the family is refunded' })
  decline(
    @Ctx() ctx: RequestContext,
    @Param('orgId', UuidParam) orgId: string,
    @Param('id', UuidParam) id: string,
    @Body() body: ReasonDto,
    @IdempotencyKey() _key: string,
  ) {
    return this.tx.run(ctx, (c) => this.orders.decline(c, orgId, id, body.reason));
  }

  @Post('orders/:id/fulfil')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark a confirmed order as delivered' })
  fulfil(
    @Ctx() ctx: RequestContext,
    @Param('orgId', UuidParam) orgId: string,
    @Param('id', UuidParam) id: string,
  ) {
    return this.tx.run(ctx, (c) => this.orders.fulfil(c, orgId, id));
  }

  @Post('orders/:id/cancel')
  @HttpCode(200)
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Cancel an order with a reason: the family is refunded, places freed' })
  cancel(
    @Ctx() ctx: RequestContext,
    @Param('orgId', UuidParam) orgId: string,
    @Param('id', UuidParam) id: string,
    @Body() body: ReasonDto,
    @IdempotencyKey() _key: string,
  ) {
    return this.tx.run(ctx, (c) => this.orders.cancelByProvider(c, orgId, id, body.reason));
  }

  @Get('bookings')
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'Slots in a period with the orders that booked them (calendar)' })
  bookings(
    @Ctx() ctx: RequestContext,
    @Param('orgId', UuidParam) orgId: string,
    @Query() query: BookingsQuery,
  ) {
    return this.orders.bookings(ctx, orgId, query.from, query.to);
  }

  @Get('voucher-statements/:month.csv')
  @Header('cache-control', 'private, no-store')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary:
      'What vouchers paid you in a month (Europe/Rome), per Comune, as CSV (semicolons, decimal comma)',
  })
  async voucherStatementCsv(
    @Ctx() ctx: RequestContext,
    @Param('orgId', UuidParam) orgId: string,
    @Param('month') month: string,
  ): Promise<StreamableFile> {
    const statement = await this.orders.voucherStatement(ctx, orgId, month);
    return new StreamableFile(Buffer.from(providerVoucherStatementCsv(statement), 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="pagamenti-voucher-${statement.month}.csv"`,
    });
  }

  @Get('voucher-statements/:month.pdf')
  @Header('cache-control', 'private, no-store')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'What vouchers paid you in a month, per Comune, as PDF (for the Comuni)' })
  async voucherStatementPdf(
    @Ctx() ctx: RequestContext,
    @Param('orgId', UuidParam) orgId: string,
    @Param('month') month: string,
  ): Promise<StreamableFile> {
    const statement = await this.orders.voucherStatement(ctx, orgId, month);
    return new StreamableFile(await renderProviderVoucherStatementPdf(statement), {
      type: 'application/pdf',
      disposition: `attachment; filename="pagamenti-voucher-${statement.month}.pdf"`,
    });
  }
}
