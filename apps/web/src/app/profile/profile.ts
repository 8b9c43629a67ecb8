import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { of } from 'rxjs';

import { ApiError } from '../api/api-error';
import { type Member } from '../api/models';
import { PiazzaApi } from '../api/piazza-api';
import { HouseholdMembers } from '../household/household-members/household-members';
import { Icon } from '../layout/icon/icon';
import { RoleAreaLinks } from '../layout/role-area-links/role-area-links';
import { roleAreasFor } from '../session/role-areas';
import { Session } from '../session/session';
import { AccountPrivacy } from './account-privacy/account-privacy';
import { AddMember } from './add-member/add-member';
import { LoadError } from '../layout/load-error/load-error';

/**
 * "Il mio profilo": who is signed in, with which roles and the work areas they open, for a citizen
 * the household the Comune's support is assigned to (where they can add the other members), and
 * the person's rights over their data.
 */
@Component({
  selector: 'pz-profile',
  imports: [LoadError, TranslatePipe, Icon, RoleAreaLinks, HouseholdMembers, AddMember, AccountPrivacy],
  templateUrl: './profile.html',
  styleUrl: './profile.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Profile {
  private readonly api = inject(PiazzaApi);
  private readonly router = inject(Router);
  protected readonly session = inject(Session);

  protected readonly isCitizen = computed(() => this.session.me()?.roles.includes('citizen') ?? false);
  protected readonly areas = computed(() => roleAreasFor(this.session.me()?.roles));

  protected readonly household = rxResource({
    params: () => (this.isCitizen() ? true : undefined),
    stream: ({ params }) => (params ? this.api.household() : of(null)),
  });

  protected readonly householdError = computed(() => {
    const error = this.household.error();
    return error instanceof ApiError ? error : null;
  });

  protected readonly signingOut = signal(false);

  constructor() {
    // The session ended elsewhere (expired, or "Esci da tutti i dispositivi" on another device).
    effect(() => {
      if (this.householdError()?.status === 401) this.sessionExpired();
    });
  }

  protected memberAdded(member: Member): void {
    this.household.update((household) =>
      household ? { ...household, members: [...household.members, member] } : household,
    );
  }

  protected async logout(everywhere: boolean): Promise<void> {
    if (this.signingOut()) return;
    this.signingOut.set(true);
    const done = everywhere ? await this.session.logoutEverywhere() : await this.session.logout();
    this.signingOut.set(false);
    if (done) await this.router.navigateByUrl('/');
  }

  protected retry(): void {
    this.household.reload();
  }

  private sessionExpired(): void {
    this.session.expired();
    void this.router.navigate(['/accedi'], { queryParams: { ritorno: '/profilo' } });
  }
}
