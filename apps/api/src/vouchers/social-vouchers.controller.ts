import { Body, Controller, Get, Header, HttpCode, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { NotFoundError, type RequestContext, TransactionRunner } from '@piazza/core';
import {
  FundService,
  VoucherAssignmentService,
  VoucherKindService,
  VoucherLifecycleService,
  VoucherQueryService,
} from '@piazza/vouchers';
import { Roles } from '../auth/access.decorators';
import { Ctx } from '../context/ctx.decorator';
import { ApiIdempotencyKey, IdempotencyKey } from '../context/idempotency-key.decorator';
import { UuidParam } from '../context/uuid-param.pipe';
import { AssignVouchersDto, RevokeVoucherDto } from './vouchers.dto';

/** A social worker's vouchers: funds and kinds of their Comuni, assignment, revocation, printing. */
@ApiTags('social')
@Controller('social')
@Roles('social_worker')
export class SocialVouchersController {
  constructor(
    private readonly funds: FundService,
    private readonly kinds: VoucherKindService,
    private readonly assignments: VoucherAssignmentService,
    private readonly vouchers: VoucherQueryService,
    private readonly lifecycle: VoucherLifecycleService,
    private readonly tx: TransactionRunner,
  ) {}

  @Get('funds')
  @ApiOperation({ summary: 'Funds of your Comuni, with what is still available' })
  listFunds(@Ctx() ctx: RequestContext) {
    return this.funds.list(ctx, this.assignments.comuniOf(ctx));
  }

  @Get('voucher-kinds')
  @ApiOperation({ summary: 'Voucher kinds usable in your Comuni' })
  listKinds(@Ctx() ctx: RequestContext) {
    const comuneIds = this.assignments.comuniOf(ctx);
    return this.kinds.list(ctx, { activeOnly: true, ...(comuneIds && { comuneIds }) });
  }

  @Post('households/:id/voucher-assignments')
  @HttpCode(201)
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Assign vouchers to a household from a fund (issued by the worker in seconds)' })
  assign(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidParam) id: string,
    @Body() body: AssignVouchersDto,
    @IdempotencyKey() key: string,
  ) {
    return this.tx.run(ctx, (c) => this.assignments.assign(c, id, body, key));
  }

  @Get('households/:id/vouchers')
  @ApiOperation({ summary: "A household's vouchers and assignments still being issued" })
  async list(@Ctx() ctx: RequestContext, @Param('id', UuidParam) id: string) {
    await this.requireHousehold(ctx, id);
    const [vouchers, assignments] = await Promise.all([
      this.vouchers.forHousehold(ctx, id),
      this.assignments.forHousehold(ctx, id),
    ]);
    return { vouchers, assignments: assignments.filter((a) => a.status === 'pending') };
  }

  @Get('households/:id/vouchers.pdf')
  @Header('content-type', 'application/pdf')
  @Header('cache-control', 'no-store')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: "Print a household's spendable vouchers after a cover letter with its address" })
  async print(@Ctx() ctx: RequestContext, @Param('id', UuidParam) id: string): Promise<StreamableFile> {
    const pdf = await this.vouchers.householdPack(ctx, id, this.assignments.comuniOf(ctx));
    return new StreamableFile(pdf, { disposition: 'inline; filename="buoni.pdf"' });
  }

  @Post('vouchers/:id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw a voucher: what is left goes back to its fund' })
  async revoke(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidParam) id: string,
    @Body() body: RevokeVoucherDto,
  ) {
    return this.tx.run(ctx, async (c) => {
      const { householdId } = await this.lifecycle.revoke(c, id, body.reason, this.assignments.comuniOf(c));
      return this.vouchers.detail(c, householdId, id);
    });
  }

  private async requireHousehold(ctx: RequestContext, householdId: string): Promise<void> {
    const comuneIds = this.assignments.comuniOf(ctx);
    const [row]: unknown[] = await ctx.em.query(
      `SELECT 1 FROM household WHERE id = $1 AND ($2::uuid[] IS NULL OR comune_id = ANY ($2))`,
      [householdId, comuneIds],
    );
    if (!row) throw new NotFoundError({ it: 'Il nucleo familiare', en: 'The household' });
  }
}
