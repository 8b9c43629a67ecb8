import { Controller, Get, Header, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { RequestContext } from '@piazza/core';
import { VoucherNotFoundError, VoucherQueryService } from '@piazza/vouchers';
import { Roles } from '../auth/access.decorators';
import { Ctx } from '../context/ctx.decorator';
import { UuidParam } from '../context/uuid-param.pipe';
import { VoucherPdfQuery } from './vouchers.dto';

/** The family's wallet: its household's vouchers, movements, QR code and PDF. */
@ApiTags('wallet')
@Controller('wallet/vouchers')
@Roles('citizen')
export class WalletController {
  constructor(private readonly vouchers: VoucherQueryService) {}

  @Get()
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'Your household’s vouchers with their balances' })
  async list(@Ctx() ctx: RequestContext) {
    const householdId = await this.vouchers.householdOf(ctx);
    return householdId ? this.vouchers.forHousehold(ctx, householdId) : [];
  }

  @Get(':id')
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'One voucher with its movements' })
  async detail(@Ctx() ctx: RequestContext, @Param('id', UuidParam) id: string) {
    return this.vouchers.detail(ctx, await this.household(ctx), id);
  }

  @Get(':id/pdf')
  @Header('content-type', 'application/pdf')
  @Header('cache-control', 'private, no-store')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'The printable voucher (A4 with the voucher in an A6 frame, or A6)' })
  async pdf(@Ctx() ctx: RequestContext, @Param('id', UuidParam) id: string, @Query() query: VoucherPdfQuery) {
    const pdf = await this.vouchers.pdf(ctx, await this.household(ctx), id, query.format);
    return new StreamableFile(pdf, { disposition: `attachment; filename="buono-${id.slice(0, 8)}.pdf"` });
  }

  @Get(':id/qr.svg')
  @Header('content-type', 'image/svg+xml')
  @Header('cache-control', 'private, max-age=86400')
  @ApiProduces('image/svg+xml')
  @ApiOperation({ summary: 'The QR code to show at the till' })
  async qr(@Ctx() ctx: RequestContext, @Param('id', UuidParam) id: string): Promise<string> {
    return this.vouchers.qrSvg(ctx, await this.household(ctx), id);
  }

  private async household(ctx: RequestContext): Promise<string> {
    const householdId = await this.vouchers.householdOf(ctx);
    if (!householdId) throw new VoucherNotFoundError();
    return householdId;
  }
}
