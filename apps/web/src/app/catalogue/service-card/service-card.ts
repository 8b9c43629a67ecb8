import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

import { type ServiceCard as ServiceCardDto } from '../../api/directory-models';
import { LocalizedPipe } from '../../i18n/localized';
import { UiLanguage } from '../../i18n/ui-language';
import { AmbitoSettings } from '../../settings/ambito-settings';
import { formatDistance } from '../distance';
import { priceText, type TranslatedText } from '../price';
import { Tag } from '../tag/tag';

/** How many Comuni a card names before summarising the rest as "and N more". */
const COMUNI_SHOWN = 3;

/** One service in a list of results: title (the link to its page), who offers it, where, how much. */
@Component({
  selector: 'pz-service-card',
  imports: [RouterLink, TranslatePipe, LocalizedPipe, Tag],
  templateUrl: './service-card.html',
  styleUrl: './service-card.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServiceCard {
  readonly service = input.required<ServiceCardDto>();
  /** Heading level of the title, so the card fits the page's outline. */
  readonly headingLevel = input<2 | 3>(3);
  /** Hides the organisation, on the organisation's own page. */
  readonly showOrganisation = input(true);

  private readonly language = inject(UiLanguage);
  private readonly settings = inject(AmbitoSettings);

  protected readonly price = computed(() =>
    priceText(this.service().priceModel, this.service().priceCents, this.language.locale()),
  );

  protected readonly distance = computed(() => {
    const meters = this.service().distanceMeters;
    return meters === null || meters === undefined ? null : formatDistance(meters, this.language.locale());
  });

  protected readonly comuni = computed((): TranslatedText => {
    const comuni = this.service().comuni;
    const ambitoSize = this.settings.comuni().length;
    if (ambitoSize > 1 && comuni.length === ambitoSize) return { key: 'service.allComuni', params: {} };
    const names = comuni.map((c) => c.name);
    if (names.length <= COMUNI_SHOWN + 1)
      return { key: 'service.comuniList', params: { list: names.join(', ') } };
    return {
      key: 'service.comuniMore',
      params: { list: names.slice(0, COMUNI_SHOWN).join(', '), count: names.length - COMUNI_SHOWN },
    };
  });
}
