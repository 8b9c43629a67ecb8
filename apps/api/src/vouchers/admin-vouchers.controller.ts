import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type RequestContext, TransactionRunner } from '@piazza/core';
import { FundService, VoucherKindService } from '@piazza/vouchers';
import { Roles } from '../auth/access.decorators';
import { Ctx } from '../context/ctx.decorator';
import { ApiIdempotencyKey, IdempotencyKey } from '../context/idempotency-key.decorator';
import { UuidParam } from '../context/uuid-param.pipe';
import { CreateFundDto, FundStatusDto, TopUpDto, UpdateVoucherKindDto, VoucherKindDto } from './vouchers.dto';

@ApiTags('admin')
@Controller('admin')
@Roles('admin')
export class AdminVouchersController {
  constructor(
    private readonly funds: FundService,
    private readonly kinds: VoucherKindService,
    private readonly tx: TransactionRunner,
  ) {}

  @Get('funds')
  @ApiOperation({
    summary: 'Every fund of every Comune with budget, available, assigned, spent and returned',
  })
  listFunds(@Ctx() ctx: RequestContext) {
    return this.funds.list(ctx, null);
  }

  @Post('funds')
  @HttpCode(201)
  @ApiOperation({ summary: 'Open a fund of a Comune (empty until topped up)' })
  createFund(@Ctx() ctx: RequestContext, @Body() body: CreateFundDto) {
    return this.tx.run(ctx, (c) => this.funds.create(c, body));
  }

  @Post('funds/:id/top-ups')
  @HttpCode(201)
  @ApiIdempotencyKey()
  @ApiOperation({ summary: "Move money from the Comune's treasury into the fund" })
  topUp(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidParam) id: string,
    @Body() body: TopUpDto,
    @IdempotencyKey() key: string,
  ) {
    return this.tx.run(ctx, (c) => this.funds.topUp(c, id, body, key));
  }

  @Patch('funds/:id')
  @ApiOperation({ summary: 'Close a fund (no new assignments) or open it again' })
  setFundStatus(@Ctx() ctx: RequestContext, @Param('id', UuidParam) id: string, @Body() body: FundStatusDto) {
    return this.tx.run(ctx, (c) => this.funds.setStatus(c, id, body.status));
  }

  @Get('voucher-kinds')
  @ApiOperation({ summary: 'Voucher kinds and local-shopping campaigns' })
  listKinds(@Ctx() ctx: RequestContext) {
    return this.kinds.list(ctx);
  }

  @Post('voucher-kinds')
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a voucher kind or a campaign' })
  createKind(@Ctx() ctx: RequestContext, @Body() body: VoucherKindDto) {
    return this.tx.run(ctx, (c) => this.kinds.create(c, body));
  }

  @Patch('voucher-kinds/:id')
  @ApiOperation({
    summary: 'Change a voucher kind (vouchers already issued keep their face value and expiry)',
  })
  updateKind(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidParam) id: string,
    @Body() body: UpdateVoucherKindDto,
  ) {
    return this.tx.run(ctx, (c) => this.kinds.update(c, id, body));
  }
}
