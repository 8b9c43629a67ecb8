import { inject, Pipe, type PipeTransform } from '@angular/core';

import { formatEuroCents } from '../catalogue/price';
import { UiLanguage } from '../i18n/ui-language';

/**
 * `{{ voucher.balance | euro }}`: integer cents as money in the UI language ("12,50 €", "€12.50").
 * Impure so that it follows a language switch.
 */
@Pipe({ name: 'euro', pure: false })
export class EuroPipe implements PipeTransform {
  private readonly language = inject(UiLanguage);

  transform(cents: number | null | undefined): string {
    if (cents === null || cents === undefined) return '';
    return formatEuroCents(cents, this.language.locale());
  }
}
