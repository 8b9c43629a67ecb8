import { inject, Pipe, type PipeTransform } from '@angular/core';

import { formatInstant } from '../directory/when';
import { UiLanguage } from './ui-language';

const LONG_DATE: Intl.DateTimeFormatOptions = { dateStyle: 'long' };

/**
 * `{{ organisation.createdAt | localDate }}`: the day of an instant from the API (an ISO timestamp),
 * in words, in the UI language ("3 marzo 2026"). The day is the Ambito's, in Italy, wherever the
 * browser is. Impure so that it follows a language switch.
 */
@Pipe({ name: 'localDate', pure: false })
export class LocalDatePipe implements PipeTransform {
  private readonly language = inject(UiLanguage);

  transform(timestamp: string | null | undefined): string {
    return formatInstant(timestamp, this.language.locale(), LONG_DATE);
  }
}
