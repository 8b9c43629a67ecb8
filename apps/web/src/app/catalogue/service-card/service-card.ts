import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';

import { type ServiceSummary } from '../../api/models';
import { LocalizedPipe } from '../../i18n/localized';
import { UiLanguage } from '../../i18n/ui-language';
import { Icon } from '../../layout/icon/icon';
import { AmbitoSettings } from '../../settings/ambito-settings';
import { formatEuroCents } from '../price';

interface TranslatedText {
  key: string;
  params: Record<string, string | number>;
}

/** How many Comuni a card names before summarising the rest as "and N more". */
const COMUNI_SHOWN = 3;

/** One service in a list of results. */
@Component({
  selector: 'pz-service-card',
  imports: [TranslatePipe, LocalizedPipe, Icon],
  templateUrl: './service-card.html',
  styleUrl: './service-card.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServiceCard {
  readonly service = input.required<ServiceSummary>();
  /** Heading level of the title, so the card fits the page's outline. */
  readonly headingLevel = input<2 | 3>(3);

  private readonly language = inject(UiLanguage);
  private readonly settings = inject(AmbitoSettings);

  /** The translation key and parameters that describe the price, e.g. "12,50 € all'ora". */
  protected readonly price = computed((): TranslatedText => {
    const { priceModel, priceCents } = this.service();
    if (priceModel === 'free') return { key: 'service.priceModel.free', params: {} };
    if (priceCents === null) return { key: 'service.priceOnRequest', params: {} };
    return {
      key: `service.priceModel.${priceModel}`,
      params: { price: formatEuroCents(priceCents, this.language.locale()) },
    };
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
