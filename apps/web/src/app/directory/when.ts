import { inject, Pipe, type PipeTransform } from '@angular/core';
import { TranslateService } from '@ngx-translate/core';

import { UiLanguage } from '../i18n/ui-language';

/** Every date and time of the directory is the Ambito's, in Italy, wherever the browser is. */
export const AMBITO_TIME_ZONE = 'Europe/Rome';

const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = locale + JSON.stringify(options);
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone: AMBITO_TIME_ZONE });
    formats.set(key, format);
  }
  return format;
}

/**
 * An instant from the API (an ISO timestamp) in the Ambito's clock, in the given locale: '' for none,
 * the text itself when it is not a date.
 */
export function formatInstant(
  instant: string | null | undefined,
  locale: string,
  options: Intl.DateTimeFormatOptions,
): string {
  if (!instant) return '';
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return formatter(locale, options).format(date);
}

/** "sabato 12 dicembre 2026" (with `year: false`, "sabato 12 dicembre"). */
export function formatDay(instant: string | Date, locale: string, year = true): string {
  return formatter(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(year ? { year: 'numeric' } : {}),
  }).format(new Date(instant));
}

/** "15:00". */
export function formatTime(instant: string | Date, locale: string): string {
  return formatter(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(instant),
  );
}

/** The calendar day of an instant in the Ambito: `YYYY-MM-DD`. */
export function ambitoDay(instant: string | Date): string {
  return formatter('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

/**
 * `{{ event | when }}`: when something happens, in words: "sabato 12 dicembre 2026, 15:00–18:00",
 * "sabato 12 dicembre 2026" for a whole day, "da … a …" across days; an instant alone (a string) is
 * "sabato 12 dicembre 2026, 15:00". Impure so that it follows a
 * language switch.
 */
@Pipe({ name: 'when', pure: false })
export class WhenPipe implements PipeTransform {
  private readonly language = inject(UiLanguage);
  private readonly translate = inject(TranslateService);

  transform(
    range: { startsAt: string; endsAt: string; allDay?: boolean } | string | null | undefined,
    options: { year?: boolean } = {},
  ): string {
    if (!range) return '';
    const locale = this.language.locale();
    const year = options.year ?? true;
    if (typeof range === 'string') return `${formatDay(range, locale, year)}, ${formatTime(range, locale)}`;
    const sameDay = ambitoDay(range.startsAt) === ambitoDay(range.endsAt);
    if (range.allDay) {
      // The end of a whole-day event may be the next midnight: the last day is the one before it.
      const last = new Date(Math.max(Date.parse(range.startsAt), Date.parse(range.endsAt) - 1));
      if (ambitoDay(last) === ambitoDay(range.startsAt)) return formatDay(range.startsAt, locale, year);
      return this.translate.instant('directory.when.range', {
        from: formatDay(range.startsAt, locale, year),
        to: formatDay(last, locale, year),
      });
    }
    if (sameDay) {
      return `${formatDay(range.startsAt, locale, year)}, ${formatTime(range.startsAt, locale)}–${formatTime(range.endsAt, locale)}`;
    }
    return this.translate.instant('directory.when.range', {
      from: `${formatDay(range.startsAt, locale, year)}, ${formatTime(range.startsAt, locale)}`,
      to: `${formatDay(range.endsAt, locale, year)}, ${formatTime(range.endsAt, locale)}`,
    });
  }
}
