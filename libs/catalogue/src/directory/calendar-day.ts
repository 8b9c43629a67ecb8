import { AMBITO_TIME_ZONE } from '@piazza/core';

/** A day of the calendar as people in the Ambito read it, `YYYY-MM-DD` (no time, no zone). */
export type CalendarDay = string;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

const romeDayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: AMBITO_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The day an instant falls on in Europe/Rome. */
export function calendarDayOf(instant: Date): CalendarDay {
  return romeDayFormat.format(instant);
}

/** Whether a text is a real day (`2026-02-30` is not). */
export function isCalendarDay(value: string): boolean {
  const match = DAY.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The day `n` days after (or before, when negative) another. */
export function addDays(day: CalendarDay, n: number): CalendarDay {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** How many days from `a` to `b` (negative when `b` comes first). */
export function daysBetween(a: CalendarDay, b: CalendarDay): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / MS_PER_DAY);
}
