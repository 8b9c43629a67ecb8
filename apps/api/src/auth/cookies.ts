import type { AppConfig } from '@piazza/core';
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
