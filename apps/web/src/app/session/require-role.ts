import { inject } from '@angular/core';
import { type CanActivateFn, RedirectCommand, Router } from '@angular/router';

import { type Role } from '../api/models';
import { Session } from './session';

/**
 * Pages for some roles only. Visitors go to the sign-in page and come back here after; someone
 * signed in without the role sees "access denied" at the address they asked for, as a 403 page
 * would, rather than being sent somewhere else without a word.
 */
export function requireRole(...roles: Role[]): CanActivateFn {
  return async (_route, state) => {
    const session = inject(Session);
    const router = inject(Router);
    await session.load();
    if (!session.signedIn()) {
      return router.createUrlTree(['/accedi'], { queryParams: { ritorno: state.url } });
    }
    if (session.hasRole(...roles)) return true;
    return new RedirectCommand(router.parseUrl('/accesso-negato'), { skipLocationChange: true });
  };
}
