import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

import { ApiError } from '../../api/api-error';
import { VouchersApi } from '../../api/vouchers-api';
import { routeSlug } from '../../directory/route-slug';
import { CalendarDatePipe } from '../../i18n/calendar-date';
import { LocalizedPipe } from '../../i18n/localized';
import { UiLanguage } from '../../i18n/ui-language';
import { LoadError } from '../../layout/load-error/load-error';
import { type MapMarker, MapView } from '../../map/map-view/map-view';

/**
 * One campaign: what it is, where and when, and its shops on the map (the catalogue's map, which
 * works without tiles) and as a list, the list being what screen readers and keyboards use.
 */
@Component({
  selector: 'pz-campaign-page',
  imports: [RouterLink, TranslatePipe, LoadError, LocalizedPipe, CalendarDatePipe, MapView],
  templateUrl: './campaign-page.html',
  styleUrl: './campaign-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CampaignPage {
  private readonly api = inject(VouchersApi);
  private readonly language = inject(UiLanguage);

  private readonly slug = routeSlug();

  protected readonly campaign = rxResource({
    params: () => this.slug(),
    stream: ({ params: slug }) => this.api.campaign(slug),
  });

  protected readonly loadError = computed(() => {
    const error = this.campaign.error();
    return error ? ApiError.from(error) : null;
  });

  protected readonly markers = computed<MapMarker[]>(() => {
    if (!this.campaign.hasValue()) return [];
    return this.campaign
      .value()
      .shops.filter((shop) => shop.location)
      .map((shop) => ({
        id: shop.slug,
        lat: shop.location!.lat,
        lng: shop.location!.lng,
        title: shop.name,
        link: null,
        details: [`${shop.address}, ${shop.comune}`],
      }));
  });

  protected readonly title = computed(() =>
    this.campaign.hasValue() ? this.language.pick(this.campaign.value().name) : '',
  );

  protected retry(): void {
    this.campaign.reload();
  }
}
