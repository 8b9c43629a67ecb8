import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

import { ApiError } from '../../api/api-error';
import { BackOfficeApi } from '../../api/back-office-api';
import { type ProviderService } from '../../api/back-office-models';
import { LocalDatePipe } from '../../i18n/local-date';
import { LocalizedPipe } from '../../i18n/localized';
import { LoadError } from '../../layout/load-error/load-error';
import { ProviderNav } from '../provider-nav/provider-nav';
import { ProviderOrganisation } from '../provider-organisation';
import { StatusBadge } from '../status-badge/status-badge';
import { TaxonomySource } from '../taxonomy-source';

/** Drafts first (work to do), then those waiting, the published and the archived. */
const STATUS_ORDER = { draft: 0, pending_review: 1, published: 2, archived: 3 } as const;

/**
 * "Servizi": every service of the organisation, whatever its status, with the moderator's note on
 * those sent back, and the way to a new one.
 */
@Component({
  selector: 'pz-provider-services',
  imports: [RouterLink, TranslatePipe, LocalizedPipe, LocalDatePipe, LoadError, ProviderNav, StatusBadge],
  templateUrl: './provider-services.html',
  styleUrl: './provider-services.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProviderServices {
  private readonly api = inject(BackOfficeApi);
  protected readonly organisation = inject(ProviderOrganisation);
  protected readonly taxonomy = inject(TaxonomySource);

  protected readonly services = rxResource({
    params: () => this.organisation.current()?.id,
    stream: ({ params: organisationId }) => this.api.services(organisationId),
  });

  protected readonly sorted = computed<ProviderService[]>(() =>
    [...(this.services.value() ?? [])].sort(
      (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.title.localeCompare(b.title, 'it'),
    ),
  );

  protected readonly loadError = computed(() => {
    const error = this.services.error();
    return error ? ApiError.from(error) : null;
  });
}
