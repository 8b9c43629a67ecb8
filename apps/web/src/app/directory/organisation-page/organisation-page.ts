import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

import { DirectoryApi } from '../../api/directory-api';
import { ServiceCard } from '../../catalogue/service-card/service-card';
import { Tag } from '../../catalogue/tag/tag';
import { Icon } from '../../layout/icon/icon';
import { LoadError } from '../../layout/load-error/load-error';
import { type MapMarker, MapView } from '../../map/map-view/map-view';
import { fullAddress, FullAddressPipe } from '../full-address';
import { Missing } from '../missing/missing';
import { OpeningHours } from '../opening-hours/opening-hours';
import { pageBySlug } from '../page-by-slug';
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
  protected readonly loaded = pageBySlug(
    (slug) => this.api.organisation(slug),
    (organisation) => ({ title: organisation.name, description: organisation.description }),
  );
  protected readonly page = this.loaded.value;
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
}
