import { ChangeDetectionStrategy, Component, computed, effect, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

import { ApiError } from '../../api/api-error';
import { PiazzaApi } from '../../api/piazza-api';
import { ContactList } from '../../layout/contact-list/contact-list';
import { Icon } from '../../layout/icon/icon';
import { Session } from '../../session/session';
import { AccreditationStatus } from '../accreditation-status/accreditation-status';
import { OrganisationDetails } from '../organisation-details/organisation-details';
import { OrganisationPeople } from '../organisation-people/organisation-people';
import { LoadError } from '../../layout/load-error/load-error';

/**
 * "Il mio ente": the organisations the provider or merchant belongs to, where each stands with the
 * Ambito office's accreditation, and its people; owners invite others from here.
 */
@Component({
  selector: 'pz-my-organisation',
  imports: [
    LoadError,
    RouterLink,
    TranslatePipe,
    Icon,
    ContactList,
    AccreditationStatus,
    OrganisationDetails,
    OrganisationPeople,
  ],
  templateUrl: './my-organisation.html',
  styleUrl: './my-organisation.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MyOrganisation {
  private readonly api = inject(PiazzaApi);
  private readonly session = inject(Session);
  private readonly router = inject(Router);

  protected readonly organisations = rxResource({ stream: () => this.api.myOrganisations() });

  /** The back-office pages of a cooperative or association (not of shops). */
  protected readonly manageLinks = [
    { path: '/ente/profilo', label: 'backOffice.myOrganisation.profile' },
    { path: '/ente/sedi', label: 'backOffice.myOrganisation.places' },
    { path: '/ente/servizi', label: 'backOffice.myOrganisation.services' },
    { path: '/ente/eventi', label: 'backOffice.myOrganisation.events' },
  ];

  protected readonly loadError = computed(() => {
    const error = this.organisations.error();
    return error ? ApiError.from(error) : null;
  });

  constructor() {
    // The session ended elsewhere (expired, or "Esci da tutti i dispositivi" on another device).
    effect(() => {
      if (this.loadError()?.status === 401) {
        this.session.expired();
        void this.router.navigate(['/accedi'], { queryParams: { ritorno: '/ente' } });
      }
    });
  }

  protected retry(): void {
    this.organisations.reload();
  }
}
