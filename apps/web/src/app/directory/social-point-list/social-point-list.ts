import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

import { ApiError } from '../../api/api-error';
import { DirectoryApi } from '../../api/directory-api';
import { Tag } from '../../catalogue/tag/tag';
import { LoadError } from '../../layout/load-error/load-error';
import { type MapMarker, MapView } from '../../map/map-view/map-view';
import { fullAddress, FullAddressPipe } from '../full-address';
import { LanguageNamesPipe } from '../language-names';
import { describePage } from '../page-meta';
import { telHref } from '../tel-href';
import { WhenPipe } from '../when';

/** "/punti-sociali": where to get help in person, on a map and as a list. */
@Component({
  selector: 'pz-social-point-list',
  imports: [FullAddressPipe, RouterLink, TranslatePipe, LoadError, MapView, Tag, LanguageNamesPipe, WhenPipe],
  templateUrl: './social-point-list.html',
  styleUrl: './social-point-list.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SocialPointList {
  private readonly api = inject(DirectoryApi);

  protected readonly points = rxResource({ stream: () => this.api.socialPoints() });
  protected readonly items = computed(() => (this.points.hasValue() ? this.points.value() : []));
  protected readonly loadError = computed(() => {
    const error = this.points.error();
    return error ? ApiError.from(error) : null;
  });

  protected readonly markers = computed<MapMarker[]>(() =>
    this.items().map((point) => ({
      id: point.slug,
      lat: point.location.lat,
      lng: point.location.lng,
      title: point.name,
      link: `/punti-sociali/${point.slug}`,
      details: [fullAddress(point.address, point.comune.name), point.phone],
    })),
  );

  constructor() {
    describePage('directory.meta.socialPoints');
  }

  protected telHref(phone: string): string {
    return telHref(phone);
  }

  protected retry(): void {
    this.points.reload();
  }
}
