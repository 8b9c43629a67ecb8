import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';

import { ApiError } from '../../api/api-error';
import { DirectoryApi } from '../../api/directory-api';
import { type ServiceSearchQuery } from '../../api/directory-models';
import { LoadError } from '../../layout/load-error/load-error';
import { type MapMarker, MapView } from '../../map/map-view/map-view';

/**
 * The results of a search on a map (every located service, no paging), and the same results as a
 * list of links under it, for anyone who does not use the map.
 */
@Component({
  selector: 'pz-service-map-results',
  imports: [RouterLink, TranslatePipe, LoadError, MapView],
  templateUrl: './service-map-results.html',
  styleUrl: './service-map-results.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServiceMapResults {
  readonly query = input.required<ServiceSearchQuery>();

  private readonly api = inject(DirectoryApi);
  private readonly translate = inject(TranslateService);

  protected readonly points = rxResource({
    params: () => this.query(),
    stream: ({ params }) => this.api.serviceMap(params),
  });

  protected readonly loadError = computed(() => {
    const error = this.points.error();
    return error ? ApiError.from(error) : null;
  });

  protected readonly markers = computed<MapMarker[]>(() => {
    if (!this.points.hasValue()) return [];
    return this.points.value().points.map((point) => ({
      id: point.slug,
      lat: point.location.lat,
      lng: point.location.lng,
      title: point.title,
      link: `/servizi/${point.slug}`,
      details: [point.organisation, this.translate.instant(`families.${point.family}`)],
    }));
  });

  protected retry(): void {
    this.points.reload();
  }
}
