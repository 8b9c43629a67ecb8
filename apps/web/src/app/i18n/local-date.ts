import { inject, Pipe, type PipeTransform } from '@angular/core';

import { UiLanguage } from './ui-language';

/**
 * `{{ organisation.createdAt | localDate }}`: the day of an instant from the API (an ISO timestamp),
 * in words, in the UI language ("3 marzo 2026"). The day is the Ambito's, in Italy, wherever the
 * browser is. Impure so that it follows a language switch.
 */
@Pipe({ name: 'localDate', pure: false })
export class LocalDatePipe implements PipeTransform {
  private readonly language = inject(UiLanguage);
  private format: Intl.DateTimeFormat | null = null;
  private formatLocale = '';

  transform(timestamp: string | null | undefined): string {
    if (!timestamp) return '';
    const date = new Date(timestamp);
    if (Number.isNaN(date.getTime())) return timestamp;
    const locale = this.language.locale();
    if (!this.format || this.formatLocale !== locale) {
      this.format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'Europe/Rome' });
      this.formatLocale = locale;
    }
    return this.format.format(date);
  }
}
