import { inject, Injectable } from '@angular/core';
import { map } from 'rxjs';

import { type MemberOrganisation } from '../api/models';
import { PiazzaApi } from '../api/piazza-api';
import { MembershipChoice } from '../session/membership-choice';

/** The query parameter that says which of the person's organisations the pages work on. */
export const ORGANISATION_PARAM = 'ente';

/**
 * The organisation the back-office pages work on: the one named by `?ente=<id>`, else the person's
 * first one (null when the person belongs to no organisation that offers services). Provided by the
 * provider routes, so the list is read once for all their pages.
 */
@Injectable()
export class ProviderOrganisation extends MembershipChoice<MemberOrganisation> {
  constructor() {
    const api = inject(PiazzaApi);
    // Shops have no services or events: only cooperatives and associations are listed.
    super(ORGANISATION_PARAM, () =>
      api.myOrganisations().pipe(map((list) => list.filter((organisation) => organisation.kind !== 'shop'))),
    );
  }
}
