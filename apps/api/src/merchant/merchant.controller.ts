import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type RequestContext, TransactionRunner } from '@piazza/core';
import { RedemptionService, SettlementService } from '@piazza/vouchers';
import { Roles } from '../auth/access.decorators';
import { Ctx } from '../context/ctx.decorator';
import { ApiIdempotencyKey, IdempotencyKey } from '../context/idempotency-key.decorator';
import { UuidParam } from '../context/uuid-param.pipe';
import { MonthQuery, RedeemDto, VoucherCodeDto } from './merchant.dto';
import { statementFile } from './statement-file';

/**
 * The shop's till: check a voucher, take part of it, void within 15 minutes, the month's history and
 * statements. Only members of the shop; another shop is 404, a shop not accredited yet is 409.
 */
@ApiTags('merchant')
@Controller('merchant/shops')
@Roles('merchant')
export class MerchantController {
  constructor(
    private readonly redemptions: RedemptionService,
    private readonly settlements: SettlementService,
    private readonly tx: TransactionRunner,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The shops you work at, and whether each is accredited to take vouchers' })
  shops(@Ctx() ctx: RequestContext) {
    return this.redemptions.shops(ctx);
  }

  @Post(':shopId/voucher-checks')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary:
      "A voucher's balance, expiry and Comune, and whether this shop can take it now (never the holder)",
  })
  check(
    @Ctx() ctx: RequestContext,
    @Param('shopId', UuidParam) shopId: string,
    @Body() body: VoucherCodeDto,
  ) {
    return this.redemptions.check(ctx, shopId, body.code);
  }

  @Post(':shopId/redemptions')
  @HttpCode(201)
  @ApiIdempotencyKey()
  @ApiOperation({
    summary: 'Take an amount from a voucher (partial redemptions allowed; no change is given in cash)',
  })
  redeem(
    @Ctx() ctx: RequestContext,
    @Param('shopId', UuidParam) shopId: string,
    @Body() body: RedeemDto,
    @IdempotencyKey() key: string,
  ) {
    // No transaction around it: the redemption writes in one statement (RedemptionService.redeem).
    return this.redemptions.redeem(ctx, shopId, body, key);
  }

  @Post(':shopId/redemptions/:id/void')
  @HttpCode(200)
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Give a redemption back to the voucher: same shop, within 15 minutes, once' })
  void(
    @Ctx() ctx: RequestContext,
    @Param('shopId', UuidParam) shopId: string,
    @Param('id', UuidParam) id: string,
    @IdempotencyKey() key: string,
  ) {
    return this.tx.run(ctx, (c) => this.redemptions.void(c, shopId, id, key));
  }

  @Get(':shopId/redemptions')
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: "A month's redemptions (Europe/Rome), voided ones included, with the total" })
  history(
    @Ctx() ctx: RequestContext,
    @Param('shopId', UuidParam) shopId: string,
    @Query() query: MonthQuery,
  ) {
    return this.redemptions.history(ctx, shopId, query.month);
  }

  @Get(':shopId/statements/:month.csv')
  @Header('cache-control', 'private, no-store')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: "The month's statement as CSV (semicolons, decimal comma, UTF-8)" })
  async csv(
    @Ctx() ctx: RequestContext,
    @Param('shopId', UuidParam) shopId: string,
    @Param('month') month: string,
  ): Promise<StreamableFile> {
    return statementFile(await this.settlements.statement(ctx, shopId, month, { asMember: true }), 'csv');
  }

  @Get(':shopId/statements/:month.pdf')
  @Header('cache-control', 'private, no-store')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: "The month's statement as PDF" })
  async pdf(
    @Ctx() ctx: RequestContext,
    @Param('shopId', UuidParam) shopId: string,
    @Param('month') month: string,
  ): Promise<StreamableFile> {
    return statementFile(await this.settlements.statement(ctx, shopId, month, { asMember: true }), 'pdf');
  }
}
