import { AMBITO_TIME_ZONE } from '@piazza/core';

/** A day of the calendar as people in the Ambito read it (month 1-12). */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: AMBITO_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function wallClockParts(at: Date): CalendarDate & { hour: number; minute: number; second: number } {
  const parts = wallClock.formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** The Ambito's calendar day at an instant. */
export function ambitoDate(at: Date): CalendarDate {
  const { year, month, day } = wallClockParts(at);
  return { year, month, day };
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: CalendarDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() || 7;
}

/** 'YYYY-MM-DD'. */
export function isoDate(date: CalendarDate): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

/** How far the Ambito's clocks are ahead of UTC at an instant, in milliseconds (1 or 2 hours for Rome). */
function offsetAt(epochMs: number): number {
  const p = wallClockParts(new Date(epochMs));
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(epochMs / 1000) * 1000;
}

/**
 * The instant at which the Ambito's clocks show `time` ('HH:MM') on `date`, with summer time applied for
 * that very date. A time skipped by the spring change reads as one hour later, as clocks do.
 */
export function ambitoInstant(date: CalendarDate, time: string): Date {
  const [hour, minute] = time.split(':').map(Number);
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  // The offset depends on the instant we are looking for: a second pass settles it around the changes.
  const guess = wall - offsetAt(wall);
  return new Date(wall - offsetAt(guess));
}

/** Easter Sunday of a year (Gregorian computus, Meeus/Jones/Butcher). */
function easter(year: number): CalendarDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  return { year, month, day: ((h + l - 7 * m + 114) % 31) + 1 };
}

/** Italian national holidays, with Easter and Easter Monday: offices and services are closed. */
const FIXED_HOLIDAYS = [
  '01-01',
  '01-06',
  '04-25',
  '05-01',
  '06-02',
  '08-15',
  '11-01',
  '12-08',
  '12-25',
  '12-26',
];

export function isPublicHoliday(date: CalendarDate): boolean {
  if (FIXED_HOLIDAYS.includes(isoDate(date).slice(5))) return true;
  const sunday = easter(date.year);
  const monday = addDays(sunday, 1);
  return [sunday, monday].some((d) => d.month === date.month && d.day === date.day);
}
