import { Controller, Get, Inject, Logger, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  APP_CONFIG,
  type AppConfig,
  DomainError,
  type RequestContext,
  TransactionRunner,
} from '@piazza/core';
import { OidcLoginService, SessionService, SpidLoginFailedError } from '@piazza/identity';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Ctx } from '../context/ctx.decorator';
import { Public } from './access.decorators';
import { openBrowserSession } from './browser-session';
import { OIDC_COOKIE, oidcCookieOptions } from './cookies';

/** Where the web app's sign-in page shows "SPID/CIE sign-in did not succeed". */
const LOGIN_PAGE_ERROR = '/accedi?errore=spid';

/**
 * "Entra con SPID/CIE". Both routes are full-page navigations of the browser, not calls from the web
 * app's script: they answer with redirects, and a failure takes the person back to the sign-in page
 * with a message rather than to a JSON document.
 */
@ApiTags('auth')
@Controller('auth/oidc')
export class OidcController {
  private readonly logger = new Logger(OidcController.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly oidc: OidcLoginService,
    private readonly sessions: SessionService,
    private readonly tx: TransactionRunner,
  ) {}

  @Public()
  @Get('start')
  @ApiOperation({ summary: 'Send the browser to the SPID/CIE identity provider (302)' })
  @ApiQuery({ name: 'ritorno', required: false, description: 'Path on this site to return to' })
  async start(
    @Ctx() ctx: RequestContext,
    @Query('ritorno') ritorno: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    try {
      const { authorizationUrl, browserKey } = await this.oidc.begin(ctx, {
        returnTo: typeof ritorno === 'string' ? ritorno : undefined,
        browserKey: request.cookies[OIDC_COOKIE],
      });
      reply.setCookie(OIDC_COOKIE, browserKey, oidcCookieOptions(this.config));
      void reply.redirect(authorizationUrl, 302);
    } catch (error) {
      // A script asking (Accept: application/json) gets the error itself, e.g. SPID_UNAVAILABLE.
      if (!(error instanceof DomainError) || !wantsPage(request)) throw error;
      this.logger.warn({ reqId: ctx.requestId, code: error.code }, 'SPID/CIE sign-in could not start');
      void reply.redirect(LOGIN_PAGE_ERROR, 302);
    }
  }

  @Public()
  @Get('callback')
  @ApiOperation({ summary: 'The identity provider sends the browser back here; opens the session (302)' })
  async callback(
    @Ctx() ctx: RequestContext,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const query = new URLSearchParams(request.url.split('?')[1] ?? '');
    try {
      const { identity, returnTo } = await this.oidc.finish(ctx, {
        query,
        browserKey: request.cookies[OIDC_COOKIE],
      });
      const userId = await this.tx.run(ctx, (c) => this.oidc.signIn(c, identity));
      await openBrowserSession(ctx, this.sessions, this.config, reply, userId);
      void reply.redirect(returnTo, 302);
    } catch (error) {
      // Cancelled at the provider, a forged or stale answer, a provider down: the person starts again.
      // Anything else is a defect, logged as one, but still not a 500 page at the end of SPID.
      if (error instanceof DomainError) {
        this.logger.warn(
          {
            reqId: ctx.requestId,
            code: error.code,
            reason: error instanceof SpidLoginFailedError ? error.reason : undefined,
          },
          'SPID/CIE sign-in failed',
        );
      } else {
        this.logger.error({ err: error, reqId: ctx.requestId }, 'SPID/CIE callback failed unexpectedly');
      }
      void reply.redirect(LOGIN_PAGE_ERROR, 302);
    }
  }
}

/** A browser navigating (it asks for HTML), as opposed to a script asking for JSON. */
function wantsPage(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('text/html') || !accept.includes('application/json');
}
