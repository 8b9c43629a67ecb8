import { Body, Controller, Get, Header, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig, type RequestContext, TransactionRunner } from '@piazza/core';
import { PrivacyService } from '@piazza/identity';
import { Equals } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Ctx } from '../context/ctx.decorator';
import { SESSION_COOKIE, sessionCookieOptions } from './cookies';
import { SessionCache } from './session-cache';

export class DeletionDto {
  @ApiProperty({ description: 'Must be true: the person confirms the deletion', enum: [true] })
  @Equals(true)
  confirm: true;
}

@ApiTags('account')
@Controller('account')
export class AccountController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly privacy: PrivacyService,
    private readonly tx: TransactionRunner,
    private readonly sessionCache: SessionCache,
  ) {}

  @Get('export')
  @Header('content-disposition', 'attachment; filename="piazza-dati-personali.json"')
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'Download everything the platform holds about you (GDPR)' })
  export(@Ctx() ctx: RequestContext) {
    return this.tx.run(ctx, (c) => this.privacy.export(c));
  }

  @Post('deletion')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete your account: personal data erased, money records kept anonymous (GDPR)' })
  async erase(
    @Ctx() ctx: RequestContext,
    @Body() _body: DeletionDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    await this.tx.run(ctx, (c) => this.privacy.erase(c));
    if (ctx.actor) this.sessionCache.forgetUser(ctx.actor.userId);
    reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(this.config));
  }
}
