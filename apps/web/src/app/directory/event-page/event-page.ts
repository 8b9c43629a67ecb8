import { ChangeDetectionStrategy, Component, computed, DOCUMENT, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

import { ApiError } from '../../api/api-error';
import { DirectoryApi } from '../../api/directory-api';
import { formatEuroCents } from '../../catalogue/price';
import { UiLanguage } from '../../i18n/ui-language';
import { Icon } from '../../layout/icon/icon';
import { LoadError } from '../../layout/load-error/load-error';
import { type MapMarker, MapView } from '../../map/map-view/map-view';
import { fullAddress, FullAddressPipe } from '../full-address';
import { Missing } from '../missing/missing';
import { showPageSummary } from '../page-meta';
import { routeSlug } from '../route-slug';
import { WhenPipe } from '../when';

/** "/eventi/{slug}": when and where, the price, who organises it, and the event for a calendar app. */
@Component({
  selector: 'pz-event-page',
  imports: [FullAddressPipe, RouterLink, TranslatePipe, Icon, LoadError, MapView, Missing, WhenPipe],
  templateUrl: './event-page.html',
  styleUrl: './event-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EventPage {
  private readonly api = inject(DirectoryApi);
  private readonly language = inject(UiLanguage);
  private readonly document = inject(DOCUMENT);
  private readonly slug = routeSlug();

  protected readonly event = rxResource({
    params: () => this.slug(),
    stream: ({ params }) => this.api.event(params),
  });
  protected readonly detail = computed(() => (this.event.hasValue() ? this.event.value() : null));
  protected readonly loadError = computed(() => {
    const error = this.event.error();
    return error ? ApiError.from(error) : null;
  });
  protected readonly notFound = computed(() => this.loadError()?.status === 404);

  protected readonly price = computed(() => {
    const cents = this.detail()?.priceCents;
    return cents ? formatEuroCents(cents, this.language.locale()) : null;
  });

  protected readonly markers = computed<MapMarker[]>(() => {
    const event = this.detail();
    return event?.location
      ? [
          {
            id: event.id,
            ...event.location,
            title: event.venue || event.title,
            link: null,
            details: [fullAddress(event.address, event.comune.name)],
          },
        ]
      : [];
  });

  constructor() {
    showPageSummary(
      computed(() => {
        const event = this.detail();
        return event ? { title: event.title, description: event.summary || event.description } : null;
      }),
    );
  }

  protected print(): void {
    this.document.defaultView?.print();
  }

  protected retry(): void {
    this.event.reload();
  }
}
