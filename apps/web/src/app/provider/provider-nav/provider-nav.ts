import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

import { LoadError } from '../../layout/load-error/load-error';
import { Icon } from '../../layout/icon/icon';
import { ProviderOrganisation } from '../provider-organisation';

interface Section {
  path: string;
  label: string;
  exact: boolean;
}

/**
 * The top of every back-office page: the sections as tabs, the page's heading and, for someone who
 * works for several organisations, which one the page is about (kept in the address as `?ente=`).
 * While the organisations load, or when there is none, it says so; the page shows its content only
 * once {@link ProviderOrganisation.current} is set.
 */
@Component({
  selector: 'pz-provider-nav',
  imports: [RouterLink, RouterLinkActive, TranslatePipe, LoadError, Icon],
  templateUrl: './provider-nav.html',
  styleUrl: './provider-nav.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProviderNav {
  protected readonly organisation = inject(ProviderOrganisation);

  /** Translation key of the page's h1. */
  readonly heading = input.required<string>();
  /** Translation key of the sentence under it. */
  readonly lead = input<string | null>(null);

  protected readonly sections: Section[] = [
    { path: '/ente', label: 'backOffice.nav.home', exact: true },
    { path: '/ente/profilo', label: 'backOffice.nav.profile', exact: false },
    { path: '/ente/sedi', label: 'backOffice.nav.places', exact: false },
    { path: '/ente/servizi', label: 'backOffice.nav.services', exact: false },
    { path: '/ente/eventi', label: 'backOffice.nav.events', exact: false },
    { path: '/ente/ordini', label: 'commerce.nav.orders', exact: false },
    { path: '/ente/prenotazioni', label: 'commerce.nav.bookings', exact: false },
  ];

  protected choose(event: Event): void {
    this.organisation.choose((event.target as HTMLSelectElement).value);
  }
}
