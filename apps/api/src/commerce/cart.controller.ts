import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type RequestContext, TransactionRunner } from '@piazza/core';
import {
  CartService,
  CheckoutService,
  OrderService,
  PriceChangedError,
  renderOrderReceiptPdf,
} from '@piazza/commerce';
import { Roles } from '../auth/access.decorators';
import { Ctx } from '../context/ctx.decorator';
import { ApiIdempotencyKey, IdempotencyKey } from '../context/idempotency-key.decorator';
import { UuidParam } from '../context/uuid-param.pipe';
import {
  AddCartLineDto,
  CheckoutDto,
  CheckoutPreviewQuery,
  OptionalReasonDto,
  UpdateCartLineDto,
} from './commerce.dto';

/** The family's cart, checkout and orders. */
@ApiTags('cart')
@Controller()
@Roles('citizen')
export class CartController {
  constructor(
    private readonly carts: CartService,
    private readonly checkouts: CheckoutService,
    private readonly orders: OrderService,
    private readonly tx: TransactionRunner,
  ) {}

  @Get('cart')
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'Your cart, with today’s prices and the free places of each slot' })
  cart(@Ctx() ctx: RequestContext) {
    return this.carts.view(ctx);
  }

  @Post('cart/lines')
  @HttpCode(201)
  @ApiOperation({ summary: 'Put a service (and a date, for services with slots) in the cart' })
  add(@Ctx() ctx: RequestContext, @Body() body: AddCartLineDto) {
    return this.tx.run(ctx, (c) => this.carts.addLine(c, body));
  }

  @Patch('cart/lines/:id')
  @ApiOperation({ summary: 'Change the quantity of a line' })
  update(@Ctx() ctx: RequestContext, @Param('id', UuidParam) id: string, @Body() body: UpdateCartLineDto) {
    return this.tx.run(ctx, (c) => this.carts.updateLine(c, id, body.quantity));
  }

  @Delete('cart/lines/:id')
  @ApiOperation({ summary: 'Remove a line' })
  remove(@Ctx() ctx: RequestContext, @Param('id', UuidParam) id: string) {
    return this.tx.run(ctx, (c) => this.carts.removeLine(c, id));
  }

  @Delete('cart')
  @ApiOperation({ summary: 'Empty the cart' })
  clear(@Ctx() ctx: RequestContext) {
    return this.tx.run(ctx, (c) => this.carts.clear(c));
  }

  @Get('checkout/preview')
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'What paying the cart would do: orders, vouchers applied, the card remainder' })
  preview(@Ctx() ctx: RequestContext, @Query() query: CheckoutPreviewQuery) {
    return this.checkouts.preview(ctx, query.vouchers);
  }

  @Post('checkout')
  @HttpCode(201)
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Pay the cart: vouchers held, the rest by card (Stripe); one order per provider' })
  async checkout(@Ctx() ctx: RequestContext, @Body() body: CheckoutDto, @IdempotencyKey() key: string) {
    try {
      const result = await this.tx.run(ctx, (c) => this.checkouts.place(c, body.vouchers ?? 'auto', key));
      return { ...result, orders: await this.orders.listByIds(ctx, result.orderIds) };
    } catch (error) {
      // The cart takes the new prices (in a transaction of its own), so the family sees them and confirms.
      if (error instanceof PriceChangedError) await this.tx.run(ctx, (c) => this.carts.refreshPrices(c));
      throw error;
    }
  }

  @Get('checkout/:id')
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'The state of a payment (the page the card payment returns to)' })
  async status(@Ctx() ctx: RequestContext, @Param('id', UuidParam) id: string) {
    const result = await this.checkouts.status(ctx, id);
    return { ...result, orders: await this.orders.listByIds(ctx, result.orderIds) };
  }

  @Get('orders')
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'Your orders, newest first' })
  list(@Ctx() ctx: RequestContext) {
    return this.orders.listForFamily(ctx);
  }

  @Get('orders/:id')
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'One of your orders' })
  detail(@Ctx() ctx: RequestContext, @Param('id', UuidParam) id: string) {
    return this.orders.detailForFamily(ctx, id);
  }

  @Get('orders/:id/receipt.pdf')
  @Header('cache-control', 'private, no-store')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'The receipt of a paid order (PDF): lines, vouchers and card, refunds' })
  async receipt(@Ctx() ctx: RequestContext, @Param('id', UuidParam) id: string): Promise<StreamableFile> {
    const receipt = await this.orders.receipt(ctx, id);
    return new StreamableFile(await renderOrderReceiptPdf(receipt), {
      type: 'application/pdf',
      disposition: `attachment; filename="ricevuta-${receipt.number}.pdf"`,
    });
  }

  @Post('orders/:id/cancel')
  @HttpCode(200)
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Cancel an order before its deadline: vouchers and card refunded' })
  cancel(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidParam) id: string,
    @Body() body: OptionalReasonDto,
    @IdempotencyKey() _key: string,
  ) {
    return this.tx.run(ctx, (c) => this.orders.cancelByFamily(c, id, body.reason ?? null));
  }
}
