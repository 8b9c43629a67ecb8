import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

import { DirectoryApi } from '../../api/directory-api';
import { Tag } from '../../catalogue/tag/tag';
import { Icon } from '../../layout/icon/icon';
import { LoadError } from '../../layout/load-error/load-error';
import { type MapMarker, MapView } from '../../map/map-view/map-view';
import { fullAddress, FullAddressPipe } from '../full-address';
import { LanguageNamesPipe } from '../language-names';
import { Missing } from '../missing/missing';
import { OpeningHours } from '../opening-hours/opening-hours';
import { pageBySlug } from '../page-by-slug';
import { telHref } from '../tel-href';
import { WhenPipe } from '../when';

/** Free appointments listed before "show all". */
const SLOTS_SHOWN = 10;

/**
 * "/punti-sociali/{slug}": a Social Point's address, hours, languages and its next free
 * appointments. Booking online comes later: until then the page says to call.
 */
@Component({
  selector: 'pz-social-point-page',
  imports: [
    FullAddressPipe,
    RouterLink,
    TranslatePipe,
    Icon,
    LoadError,
    MapView,
    Missing,
    OpeningHours,
    Tag,
    LanguageNamesPipe,
    WhenPipe,
  ],
  templateUrl: './social-point-page.html',
  styleUrl: './social-point-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SocialPointPage {
  private readonly api = inject(DirectoryApi);
  protected readonly loaded = pageBySlug(
    (slug) => this.api.socialPoint(slug),
    (point) => ({ title: point.name, description: point.description || point.address }),
  );
  protected readonly detail = this.loaded.value;
  protected readonly phoneHref = computed(() => telHref(this.detail()?.phone));
  protected readonly slots = computed(() => (this.detail()?.slots ?? []).slice(0, SLOTS_SHOWN));

  protected readonly markers = computed<MapMarker[]>(() => {
    const point = this.detail();
    return point
      ? [
          {
            id: point.slug,
            ...point.location,
            title: point.name,
            link: null,
            details: [fullAddress(point.address, point.comune.name)],
          },
        ]
      : [];
  });
}
