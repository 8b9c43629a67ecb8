import { inject, Pipe, type PipeTransform } from '@angular/core';

import { formatInstant } from '../directory/when';
import { UiLanguage } from '../i18n/ui-language';

/** Slots, events and opening hours are in the Ambito's clock, wherever the browser is. */
export const AMBITO_TIME_ZONE = 'Europe/Rome';

const partsFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: AMBITO_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A calendar date (`YYYY-MM-DD`) and a time (`HH:MM`) as the Ambito's wall clock shows them. */
export interface AmbitoDateTime {
  date: string;
  time: string;
}

/** The Ambito's wall-clock date and time of an instant. */
export function ambitoDateTime(instant: string | Date): AmbitoDateTime {
  const parts = Object.fromEntries(
    partsFormat.formatToParts(new Date(instant)).map((part) => [part.type, part.value]),
  );
  return {
    date: `${parts['year']}-${parts['month']}-${parts['day']}`,
    time: `${parts['hour']}:${parts['minute']}`,
  };
}

/**
 * The instant (ISO, UTC) at which the Ambito's clock shows this date and time. The offset is read
 * from the time-zone data for that very day, so summer time needs no rule of our own.
 */
export function ambitoInstant(date: string, time: string): string {
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  const wall = Date.UTC(year!, month! - 1, day!, hour!, minute!);
  let instant = wall;
  // Twice: the first guess may sit on the other side of a change of offset.
  for (let i = 0; i < 2; i++) instant = wall - offsetMinutes(instant) * 60_000;
  return new Date(instant).toISOString();
}

/** How far the Ambito's clock is ahead of UTC at an instant, in minutes. */
function offsetMinutes(instant: number): number {
  const { date, time } = ambitoDateTime(new Date(instant));
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  const shown = Date.UTC(year!, month! - 1, day!, hour!, minute!);
  return Math.round((shown - Math.floor(instant / 60_000) * 60_000) / 60_000);
}

/** Today in the Ambito, `YYYY-MM-DD`. */
export function ambitoToday(): string {
  return ambitoDateTime(new Date()).date;
}

/** Adds days to a calendar date, as text, without a time zone in the way. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year!, month! - 1, day! + days)).toISOString().slice(0, 10);
}

/** `{{ slot.startsAt | ambitoTime }}`: "15:30", on the Ambito's clock. */
@Pipe({ name: 'ambitoTime' })
export class AmbitoTimePipe implements PipeTransform {
  transform(instant: string | null | undefined): string {
    return instant ? ambitoDateTime(instant).time : '';
  }
}

/**
 * `{{ slot.startsAt | ambitoDay }}`: the day with its weekday, in the UI language ("martedì 3 marzo
 * 2026"). Impure so that it follows a language switch.
 */
@Pipe({ name: 'ambitoDay', pure: false })
export class AmbitoDayPipe implements PipeTransform {
  private readonly language = inject(UiLanguage);

  transform(instant: string | null | undefined): string {
    return formatInstant(instant, this.language.locale(), { dateStyle: 'full' });
  }
}
