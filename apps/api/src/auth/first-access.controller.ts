import { Body, Controller, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig, type RequestContext, TransactionRunner } from '@piazza/core';
import { AssistedAccessService, HouseholdService, type MeView, SessionService } from '@piazza/identity';
import type { FastifyReply } from 'fastify';
import { Ctx } from '../context/ctx.decorator';
import { FirstAccessDto } from '../social/assisted.dto';
import { Public } from './access.decorators';
import { openBrowserSession } from './browser-session';

@ApiTags('auth')
@Controller('auth')
export class FirstAccessController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly assisted: AssistedAccessService,
    private readonly sessions: SessionService,
    private readonly households: HouseholdService,
    private readonly tx: TransactionRunner,
  ) {}

  @Public()
  @Post('first-access')
  @HttpCode(200)
  @ApiOperation({
    summary: 'First sign-in with the username and one-time code of an access letter; sets a password',
  })
  async firstAccess(
    @Ctx() ctx: RequestContext,
    @Body() body: FirstAccessDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MeView> {
    const userId = await this.tx.run(ctx, (c) =>
      this.assisted.firstAccess(c, body.username, body.code, body.password),
    );
    await openBrowserSession(ctx, this.sessions, this.config, reply, userId);
    return this.households.me(ctx.withActor({ userId, roles: [], comuneIds: [] }));
  }
}
