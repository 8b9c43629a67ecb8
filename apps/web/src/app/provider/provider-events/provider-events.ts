import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

import { ApiError } from '../../api/api-error';
import { BackOfficeApi } from '../../api/back-office-api';
import { LoadError } from '../../layout/load-error/load-error';
import { AmbitoDayPipe, AmbitoTimePipe } from '../ambito-time';
import { ProviderNav } from '../provider-nav/provider-nav';
import { ProviderOrganisation } from '../provider-organisation';
import { StatusBadge } from '../status-badge/status-badge';

/** "Eventi": the organisation's events on the Ambito's calendar, coming ones first, then the past. */
@Component({
  selector: 'pz-provider-events',
  imports: [RouterLink, TranslatePipe, LoadError, ProviderNav, StatusBadge, AmbitoDayPipe, AmbitoTimePipe],
  templateUrl: './provider-events.html',
  styleUrl: './provider-events.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProviderEvents {
  private readonly api = inject(BackOfficeApi);
  protected readonly organisation = inject(ProviderOrganisation);

  protected readonly events = rxResource({
    params: () => this.organisation.current()?.id,
    stream: ({ params: organisationId }) => this.api.events(organisationId),
  });

  protected readonly loadError = computed(() => {
    const error = this.events.error();
    return error ? ApiError.from(error) : null;
  });

  private readonly sorted = computed(() =>
    [...(this.events.value() ?? [])].sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
  );
  /** Coming events, soonest first; then past ones, latest first (shown only when there are some). */
  protected readonly groups = computed(() => {
    const now = Date.now();
    const upcoming = this.sorted().filter((event) => new Date(event.endsAt).getTime() >= now);
    const past = this.sorted()
      .filter((event) => new Date(event.endsAt).getTime() < now)
      .reverse();
    return [{ key: 'upcoming', list: upcoming }, ...(past.length ? [{ key: 'past', list: past }] : [])];
  });
}
