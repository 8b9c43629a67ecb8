import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';

import { Session } from './session';

/** Pages for signed-in people: anyone else goes to the sign-in page, and comes back here after. */
export const requireSession: CanActivateFn = async (_route, state) => {
  const session = inject(Session);
  const router = inject(Router);
  await session.load();
  if (session.signedIn()) return true;
  return router.createUrlTree(['/accedi'], { queryParams: { ritorno: state.url } });
};
