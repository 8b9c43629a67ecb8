import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { RequestContext } from '@piazza/core';
import { VoucherKeyring, VoucherKindService } from '@piazza/vouchers';
import { Public } from '../auth/access.decorators';
import { Ctx } from '../context/ctx.decorator';
import { SlugParam } from '../directory/slug-param.pipe';

@ApiTags('vouchers')
@Controller()
@Public()
export class PublicVouchersController {
  constructor(
    private readonly keyring: VoucherKeyring,
    private readonly kinds: VoucherKindService,
  ) {}

  @Get('.well-known/voucher-keys')
  @Header('cache-control', 'public, max-age=3600')
  @ApiOperation({ summary: 'Public Ed25519 keys that sign the vouchers’ QR codes (JWK)' })
  async keys(@Ctx() ctx: RequestContext) {
    return { keys: await this.keyring.jwks(ctx.em) };
  }

  @Get('campaigns')
  @ApiOperation({ summary: 'Local-shopping campaigns running or coming, with their shops' })
  campaigns(@Ctx() ctx: RequestContext) {
    return this.kinds.campaigns(ctx);
  }

  @Get('campaigns/:slug')
  @ApiOperation({ summary: 'One campaign with its shops (for the map)' })
  campaign(@Ctx() ctx: RequestContext, @Param('slug', SlugParam) slug: string) {
    return this.kinds.campaign(ctx, slug);
  }
}
