import { ChangeDetectionStrategy, Component, computed, effect, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

import { ApiError } from '../../api/api-error';
import { PiazzaApi } from '../../api/piazza-api';
import { routeParam } from '../../directory/route-slug';
import { HouseholdMembers } from '../../household/household-members/household-members';
import { Session } from '../../session/session';
import { AccessLetter } from '../access-letter/access-letter';
import { LoadError } from '../../layout/load-error/load-error';
import { HouseholdVouchers } from '../../vouchers/household-vouchers/household-vouchers';

/**
 * One household of the social worker's Comuni: where it lives, its members, its vouchers, and the
 * access letter for a head of household registered without e-mail. The server records every opening.
 */
@Component({
  selector: 'pz-household-detail',
  imports: [LoadError, RouterLink, TranslatePipe, HouseholdMembers, AccessLetter, HouseholdVouchers],
  templateUrl: './household-detail.html',
  styleUrl: './household-detail.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HouseholdDetail {
  private readonly api = inject(PiazzaApi);
  private readonly session = inject(Session);
  private readonly router = inject(Router);

  protected readonly id = routeParam('id');

  protected readonly household = rxResource({
    params: () => this.id(),
    stream: ({ params: id }) => this.api.socialHousehold(id),
  });

  protected readonly loadError = computed(() => {
    const error = this.household.error();
    return error ? ApiError.from(error) : null;
  });

  /** The head of household's name, for the title. */
  protected readonly head = computed(() => {
    if (!this.household.hasValue()) return null;
    const head = this.household.value().members.find((member) => member.relation === 'self');
    return head ? `${head.firstName} ${head.lastName}` : null;
  });

  constructor() {
    effect(() => {
      if (this.loadError()?.status === 401) {
        this.session.expired();
        void this.router.navigate(['/accedi'], {
          queryParams: { ritorno: `/servizi-sociali/nuclei/${this.id()}` },
        });
      }
    });
  }

  protected retry(): void {
    this.household.reload();
  }
}
