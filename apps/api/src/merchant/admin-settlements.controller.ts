import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type RequestContext, TransactionRunner } from '@piazza/core';
import { SettlementService } from '@piazza/vouchers';
import { Roles } from '../auth/access.decorators';
import { Ctx } from '../context/ctx.decorator';
import { ApiIdempotencyKey, IdempotencyKey } from '../context/idempotency-key.decorator';
import { UuidParam } from '../context/uuid-param.pipe';
import { MonthQuery, SettlementDto } from './merchant.dto';
import { statementFile } from './statement-file';

/** What the Comuni owe every shop for the vouchers it took, the payments, and each shop's statements. */
@ApiTags('admin')
@Controller('admin')
@Roles('admin')
export class AdminSettlementsController {
  constructor(
    private readonly settlements: SettlementService,
    private readonly tx: TransactionRunner,
  ) {}

  @Get('settlements')
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'Every shop with redemptions in the month or money owed: redeemed, settled so far, owed now',
  })
  overview(@Ctx() ctx: RequestContext, @Query() query: MonthQuery) {
    return this.settlements.overview(ctx, query.month);
  }

  @Post('settlements')
  @HttpCode(201)
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Record a payment to a shop (not more than it is owed)' })
  settle(@Ctx() ctx: RequestContext, @Body() body: SettlementDto, @IdempotencyKey() key: string) {
    return this.tx.run(ctx, (c) => this.settlements.settle(c, body, key));
  }

  @Get('merchants/:id/statements/:month.csv')
  @Header('cache-control', 'private, no-store')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: "A shop's statement of a month as CSV" })
  async csv(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidParam) id: string,
    @Param('month') month: string,
  ): Promise<StreamableFile> {
    return statementFile(await this.settlements.statement(ctx, id, month, { asMember: false }), 'csv');
  }

  @Get('merchants/:id/statements/:month.pdf')
  @Header('cache-control', 'private, no-store')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: "A shop's statement of a month as PDF" })
  async pdf(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidParam) id: string,
    @Param('month') month: string,
  ): Promise<StreamableFile> {
    return statementFile(await this.settlements.statement(ctx, id, month, { asMember: false }), 'pdf');
  }
}
