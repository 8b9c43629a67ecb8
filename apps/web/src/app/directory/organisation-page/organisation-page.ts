import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

import { ApiError } from '../../api/api-error';
import { DirectoryApi } from '../../api/directory-api';
import { ServiceCard } from '../../catalogue/service-card/service-card';
import { Tag } from '../../catalogue/tag/tag';
import { Icon } from '../../layout/icon/icon';
import { LoadError } from '../../layout/load-error/load-error';
import { type MapMarker, MapView } from '../../map/map-view/map-view';
import { fullAddress, FullAddressPipe } from '../full-address';
import { Missing } from '../missing/missing';
import { OpeningHours } from '../opening-hours/opening-hours';
import { showPageSummary } from '../page-meta';
import { routeSlug } from '../route-slug';
import { telHref } from '../tel-href';
import { WhenPipe } from '../when';

/**
 * "/enti/{slug}": an organisation's public page — who they are, where and when to find them, their
 * services and upcoming events, and their events as a calendar feed.
 */
@Component({
  selector: 'pz-organisation-page',
  imports: [
    FullAddressPipe,
    RouterLink,
    TranslatePipe,
    Icon,
    LoadError,
    MapView,
    Missing,
    OpeningHours,
    ServiceCard,
    Tag,
    WhenPipe,
  ],
  templateUrl: './organisation-page.html',
  styleUrl: './organisation-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrganisationPage {
  private readonly api = inject(DirectoryApi);
  private readonly slug = routeSlug();

  protected readonly organisation = rxResource({
    params: () => this.slug(),
    stream: ({ params }) => this.api.organisation(params),
  });
  protected readonly page = computed(() => (this.organisation.hasValue() ? this.organisation.value() : null));
  protected readonly loadError = computed(() => {
    const error = this.organisation.error();
    return error ? ApiError.from(error) : null;
  });
  protected readonly notFound = computed(() => this.loadError()?.status === 404);
  protected readonly phoneHref = computed(() => telHref(this.page()?.phone));

  protected readonly markers = computed<MapMarker[]>(() => {
    const page = this.page();
    if (!page) return [];
    const markers: MapMarker[] = page.places.map((place) => ({
      id: place.id,
      lat: place.location.lat,
      lng: place.location.lng,
      title: place.name,
      link: null,
      details: [fullAddress(place.address, place.comune.name)],
    }));
    if (!markers.length && page.location) {
      markers.push({
        id: page.slug,
        ...page.location,
        title: page.name,
        link: null,
        details: [page.address],
      });
    }
    return markers;
  });

  constructor() {
    showPageSummary(
      computed(() => {
        const page = this.page();
        return page ? { title: page.name, description: page.description } : null;
      }),
    );
  }

  protected retry(): void {
    this.organisation.reload();
  }
}
