import { inject, Pipe, type PipeTransform } from '@angular/core';

import { formatInstant } from '../directory/when';
import { UiLanguage } from '../i18n/ui-language';

const DATE_TIME: Intl.DateTimeFormatOptions = {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
};

/** `{{ redemption.createdAt | dateTime }}`: "25/11/2026, 12:30", in the Ambito's time zone. */
@Pipe({ name: 'dateTime', pure: false })
export class DateTimePipe implements PipeTransform {
  private readonly language = inject(UiLanguage);

  transform(timestamp: string | null | undefined): string {
    return formatInstant(timestamp, this.language.locale(), DATE_TIME);
  }
}
