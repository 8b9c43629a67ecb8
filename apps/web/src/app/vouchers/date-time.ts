import { inject, Pipe, type PipeTransform } from '@angular/core';

import { AMBITO_TIME_ZONE } from '../directory/when';
import { UiLanguage } from '../i18n/ui-language';

/** `{{ redemption.createdAt | dateTime }}`: "25/11/2026, 12:30", in the Ambito's time zone. */
@Pipe({ name: 'dateTime', pure: false })
export class DateTimePipe implements PipeTransform {
  private readonly language = inject(UiLanguage);
  private format: Intl.DateTimeFormat | null = null;
  private formatLocale = '';

  transform(timestamp: string | null | undefined): string {
    if (!timestamp) return '';
    const date = new Date(timestamp);
    if (Number.isNaN(date.getTime())) return timestamp;
    const locale = this.language.locale();
    if (!this.format || this.formatLocale !== locale) {
      this.format = new Intl.DateTimeFormat(locale, {
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZone: AMBITO_TIME_ZONE,
      });
      this.formatLocale = locale;
    }
    return this.format.format(date);
  }
}
