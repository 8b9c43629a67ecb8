import { ChangeDetectionStrategy, Component, computed, DOCUMENT, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

import { DirectoryApi } from '../../api/directory-api';
import { formatEuroCents } from '../../catalogue/price';
import { UiLanguage } from '../../i18n/ui-language';
import { Icon } from '../../layout/icon/icon';
import { LoadError } from '../../layout/load-error/load-error';
import { type MapMarker, MapView } from '../../map/map-view/map-view';
import { fullAddress, FullAddressPipe } from '../full-address';
import { Missing } from '../missing/missing';
import { pageBySlug } from '../page-by-slug';
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
  protected readonly loaded = pageBySlug(
    (slug) => this.api.event(slug),
    (event) => ({ title: event.title, description: event.summary || event.description }),
  );
  protected readonly detail = this.loaded.value;

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

  protected print(): void {
    this.document.defaultView?.print();
  }
}
