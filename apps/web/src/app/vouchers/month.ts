import { inject, Pipe, type PipeTransform, type Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import { map } from 'rxjs';

import { AMBITO_TIME_ZONE } from '../directory/when';
import { UiLanguage } from '../i18n/ui-language';

const MONTH = /^(\d{4})-(\d{2})$/;

/** The month it is now in the Ambito, `YYYY-MM`. */
export function currentMonth(now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: AMBITO_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(now);
  const year = parts.find((part) => part.type === 'year')?.value ?? '1970';
  const month = parts.find((part) => part.type === 'month')?.value ?? '01';
  return `${year}-${month}`;
}

/** True for `YYYY-MM` with a month from 01 to 12. */
export function isMonth(text: string | null | undefined): text is string {
  const match = MONTH.exec(text ?? '');
  return !!match && Number(match[2]) >= 1 && Number(match[2]) <= 12;
}

/** The month before or after, `YYYY-MM`. */
export function addMonths(month: string, count: number): string {
  const [year, number] = month.split('-').map(Number);
  const index = year * 12 + (number - 1) + count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** First and last calendar day of a month, `YYYY-MM-DD`. */
export function monthDays(month: string): { first: string; last: string } {
  const [year, number] = month.split('-').map(Number);
  const last = new Date(Date.UTC(year, number, 0)).getUTCDate();
  return { first: `${month}-01`, last: `${month}-${String(last).padStart(2, '0')}` };
}

/** The query parameter of the month a page shows, `YYYY-MM`. */
const MONTH_PARAM = 'mese';

/** The month a page shows, kept in its address as `?mese=YYYY-MM`, and the way to show another. */
export interface MonthInAddress {
  /** The month in the address; this month when there is none, or it is not a month. */
  readonly month: Signal<string>;
  /** Moves the page to another month, keeping its other query parameters. */
  choose(month: string): void;
}

/** The page's month (see MonthInAddress). Call it in a component's field initialiser. */
export function monthInAddress(): MonthInAddress {
  const router = inject(Router);
  const month = toSignal(
    inject(ActivatedRoute).queryParamMap.pipe(
      map((params) => {
        const month = params.get(MONTH_PARAM);
        return isMonth(month) ? month : currentMonth();
      }),
    ),
    { initialValue: currentMonth() },
  );
  return {
    month,
    choose: (month) =>
      void router.navigate([], { queryParams: { [MONTH_PARAM]: month }, queryParamsHandling: 'merge' }),
  };
}

/** `{{ '2026-11' | monthName }}`: "novembre 2026", "November 2026". */
@Pipe({ name: 'monthName', pure: false })
export class MonthNamePipe implements PipeTransform {
  private readonly language = inject(UiLanguage);

  transform(month: string | null | undefined): string {
    if (!isMonth(month)) return month ?? '';
    const [year, number] = month.split('-').map(Number);
    return new Intl.DateTimeFormat(this.language.locale(), {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(Date.UTC(year, number - 1, 15)));
  }
}
