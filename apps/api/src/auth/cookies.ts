import type { AppConfig } from '@piazza/core';
import { OIDC_PENDING_SECONDS } from '@piazza/identity';
import type { CookieSerializeOptions } from '@fastify/cookie';

export const SESSION_COOKIE = 'pz_session';
/** Angular's HttpClient reads this cookie and sends it back as the X-XSRF-TOKEN header. */
export const XSRF_COOKIE = 'XSRF-TOKEN';
export const XSRF_HEADER = 'x-xsrf-token';

export function sessionCookieOptions(config: AppConfig, maxAgeSeconds?: number): CookieSerializeOptions {
  return {
    httpOnly: true,
    secure: config.NODE_ENV === 'production',
    sameSite: 'lax',
    path: '/',
    ...(maxAgeSeconds !== undefined && { maxAge: maxAgeSeconds }),
  };
}

export function xsrfCookieOptions(config: AppConfig): CookieSerializeOptions {
  // Readable by the page's script on purpose (double-submit): it proves the request came from our origin.
  return { httpOnly: false, secure: config.NODE_ENV === 'production', sameSite: 'lax', path: '/' };
}

/** The browser's key to its SPID/CIE sign-ins in progress (see OidcLoginService). */
export const OIDC_COOKIE = 'pz_oidc';

export function oidcCookieOptions(config: AppConfig): CookieSerializeOptions {
  return {
    httpOnly: true,
    secure: config.NODE_ENV === 'production',
    // Lax, not Strict: the provider sends the browser back with a cross-site top-level GET, which Lax
    // lets the cookie ride on (the callback uses the query response mode, not form_post).
    sameSite: 'lax',
    // Only the two routes of the flow ever see it.
    path: '/api/auth/oidc',
    maxAge: OIDC_PENDING_SECONDS,
  };
}
