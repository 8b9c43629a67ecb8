import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, type Role } from '@piazza/core';
import type { FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { CSRF_EXEMPT, PUBLIC_ROUTE, ROUTE_ROLES } from './access.decorators';
import { XSRF_COOKIE, XSRF_HEADER } from './cookies';

export class UnauthenticatedError extends DomainError {
  constructor() {
    super('UNAUTHENTICATED', 401, {
      it: 'Devi accedere per continuare. Se eri già dentro, la sessione è scaduta.',
      en: 'You need to sign in to continue. If you were signed in, your session has expired.',
    });
  }
}

export class ForbiddenError extends DomainError {
  constructor() {
    super('FORBIDDEN', 403, { it: 'Non hai il permesso di farlo.', en: 'You are not allowed to do this.' });
  }
}

export class CsrfError extends DomainError {
  constructor() {
    super('CSRF_TOKEN_INVALID', 403, {
      it: 'La richiesta non arriva da una pagina di questo sito, o la pagina è rimasta aperta troppo a lungo: ricaricala e riprova.',
      en: 'The request does not come from a page of this site, or the page was open too long: reload it and try again.',
    });
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every route: first the CSRF check for requests that change something (double-submit cookie, as
 * Angular's XSRF support sends it; not on @CsrfExempt routes, which servers call), then who may call it
 * (@Public, @Roles, or any signed-in person).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) ?? false;
    // Only a public route may skip it: one that acts for the signed-in person always needs the token.
    const csrfExempt = isPublic && (this.reflector.getAllAndOverride<boolean>(CSRF_EXEMPT, targets) ?? false);
    if (
      !SAFE_METHODS.has(request.method) &&
      !csrfExempt &&
      !sameToken(request.cookies[XSRF_COOKIE], request.headers[XSRF_HEADER])
    ) {
      throw new CsrfError();
    }
    if (isPublic) return true;
    const actor = request.ctx.actor;
    if (!actor) throw new UnauthenticatedError();
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROUTE_ROLES, targets);
    if (roles && !roles.some((role) => actor.roles.includes(role))) throw new ForbiddenError();
    return true;
  }
}

function sameToken(cookie: string | undefined, header: string | string[] | undefined): boolean {
  if (!cookie || typeof header !== 'string' || cookie.length !== header.length) return false;
  return timingSafeEqual(Buffer.from(cookie), Buffer.from(header));
}
