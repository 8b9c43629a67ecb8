import { SetMetadata } from '@nestjs/common';
import type { Role } from '@piazza/core';

export const PUBLIC_ROUTE = 'piazza:public';
export const ROUTE_ROLES = 'piazza:roles';
export const CSRF_EXEMPT = 'piazza:csrf-exempt';

/** Anyone may call this route, signed in or not. Without it, a route needs a signed-in person. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Only people with one of these roles may call this route. */
export const Roles = (...roles: Role[]) => SetMetadata(ROUTE_ROLES, roles);

/**
 * A route that servers call, not browsers, and that proves its caller another way (a signed webhook): no
 * XSRF token is asked. It must not act on the session cookie.
 */
export const CsrfExempt = () => SetMetadata(CSRF_EXEMPT, true);
