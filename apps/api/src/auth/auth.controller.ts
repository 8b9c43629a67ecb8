import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  APP_CONFIG,
  type AppConfig,
  oidcEnabled,
  type RequestContext,
  TransactionRunner,
} from '@piazza/core';
import {
  AccountService,
  AuditService,
  HouseholdService,
  type MeView,
  SessionService,
} from '@piazza/identity';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Ctx } from '../context/ctx.decorator';
import { Public } from './access.decorators';
import {
  LoginDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  RegisterCitizenDto,
  TokenDto,
} from './auth.dto';
import { openBrowserSession } from './browser-session';
import { SESSION_COOKIE, sessionCookieOptions } from './cookies';
import { SessionCache } from './session-cache';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: AccountService,
    private readonly sessions: SessionService,
    private readonly households: HouseholdService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly sessionCache: SessionCache,
  ) {}

  @Public()
  @Get('methods')
  @ApiOperation({ summary: 'Which ways of signing in this Ambito offers' })
  methods(): { password: boolean; spid: boolean } {
    return { password: true, spid: oidcEnabled(this.config) };
  }

  @Public()
  @Post('register')
  @HttpCode(201)
  @ApiOperation({ summary: 'Register a citizen and their household; sends the verification e-mail' })
  async register(
    @Ctx() ctx: RequestContext,
    @Body() body: RegisterCitizenDto,
  ): Promise<{ status: 'verification_sent' }> {
    await this.tx.run(ctx, (c) => this.accounts.registerCitizen(c, body));
    return { status: 'verification_sent' };
  }

  @Public()
  @Post('verify-email')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm an e-mail address with the token from the link' })
  async verifyEmail(@Ctx() ctx: RequestContext, @Body() body: TokenDto): Promise<{ status: 'verified' }> {
    await this.tx.run(ctx, (c) => this.accounts.verifyEmail(c, body.token));
    return { status: 'verified' };
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with e-mail and password; sets the session cookie' })
  async login(
    @Ctx() ctx: RequestContext,
    @Body() body: LoginDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MeView> {
    // No surrounding transaction: a failed attempt must still be counted and audited.
    const userId = await this.accounts.checkPassword(ctx, body.email, body.password);
    await openBrowserSession(ctx, this.sessions, this.config, reply, userId);
    return this.households.me(ctx.withActor({ userId, roles: [], comuneIds: [] }));
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out this browser' })
  async logout(
    @Ctx() ctx: RequestContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      await this.sessions.revoke(ctx, token);
      this.sessionCache.forget(token);
    }
    if (ctx.actor)
      await this.audit.record(ctx, 'logout', { subjectType: 'user', subjectId: ctx.actor.userId });
    reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(this.config));
  }

  @Post('logout-all')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out every browser and device of the signed-in person' })
  async logoutAll(@Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply) {
    await this.tx.run(ctx, async (c) => {
      const count = await this.sessions.revokeAll(c, c.actor!.userId);
      await this.audit.record(c, 'logout_all', {
        subjectType: 'user',
        subjectId: c.actor!.userId,
        details: { sessions: count },
      });
    });
    this.sessionCache.forgetUser(ctx.actor!.userId);
    reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(this.config));
  }

  @Public()
  @Get('session')
  @ApiOperation({ summary: 'The signed-in person, or null for a visitor (200 either way)' })
  async session(@Ctx() ctx: RequestContext): Promise<{ me: MeView | null }> {
    return { me: ctx.actor ? await this.households.me(ctx) : null };
  }

  @Public()
  @Post('verify-email/resend')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send the verification link again, if the address has an unverified account' })
  async resendVerification(
    @Ctx() ctx: RequestContext,
    @Body() body: PasswordResetRequestDto,
  ): Promise<{ status: 'accepted' }> {
    await this.tx.run(ctx, (c) => this.accounts.resendVerification(c, body.email));
    return { status: 'accepted' };
  }

  @Get('me')
  @ApiOperation({ summary: 'The signed-in person, their roles and household' })
  me(@Ctx() ctx: RequestContext): Promise<MeView> {
    return this.households.me(ctx);
  }

  @Public()
  @Post('password-reset')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a password reset link, if the address has an account (the answer is the same)',
  })
  async requestPasswordReset(
    @Ctx() ctx: RequestContext,
    @Body() body: PasswordResetRequestDto,
  ): Promise<{ status: 'accepted' }> {
    await this.tx.run(ctx, (c) => this.accounts.requestPasswordReset(c, body.email));
    return { status: 'accepted' };
  }

  @Public()
  @Post('password-reset/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Set a new password with the token from the link; signs out every session' })
  async resetPassword(
    @Ctx() ctx: RequestContext,
    @Body() body: PasswordResetConfirmDto,
  ): Promise<{ status: 'password_changed' }> {
    const userId = await this.tx.run(ctx, (c) => this.accounts.resetPassword(c, body.token, body.password));
    this.sessionCache.forgetUser(userId);
    return { status: 'password_changed' };
  }
}
