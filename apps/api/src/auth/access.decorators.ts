import { SetMetadata } from '@nestjs/common';
import type { Role } from '@piazza/core';

export const PUBLIC_ROUTE = 'piazza:public';
export const ROUTE_ROLES = 'piazza:roles';

/** Anyone may call this route, signed in or not. Without it, a route needs a signed-in person. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Only people with one of these roles may call this route. */
export const Roles = (...roles: Role[]) => SetMetadata(ROUTE_ROLES, roles);
