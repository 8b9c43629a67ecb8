import type { AppConfig, RequestContext } from '@piazza/core';
import type { SessionService } from '@piazza/identity';
import type { FastifyReply } from 'fastify';
import { randomBytes } from 'node:crypto';
import { SESSION_COOKIE, sessionCookieOptions, XSRF_COOKIE, xsrfCookieOptions } from './cookies';

/**
 * Opens a session for a person who has just proved who they are (password or SPID/CIE) and sets its
 * cookies on the reply: every way of signing in ends the same way.
 */
export async function openBrowserSession(
  ctx: RequestContext,
  sessions: SessionService,
  config: AppConfig,
  reply: FastifyReply,
  userId: string,
): Promise<void> {
  const { token } = await sessions.open(ctx, userId);
  reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(config));
  // A new XSRF token with the new session, so one planted before sign-in is worthless after it.
  reply.setCookie(XSRF_COOKIE, randomBytes(24).toString('base64url'), xsrfCookieOptions(config));
}
