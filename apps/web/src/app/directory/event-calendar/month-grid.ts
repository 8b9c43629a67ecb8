import { type EventCard } from '../../api/directory-models';
import { ambitoDay } from '../when';

/** One day of the month grid, with the events that happen on it. */
export interface CalendarDay {
  /** `YYYY-MM-DD`. */
  date: string;
  day: number;
  inMonth: boolean;
  events: EventCard[];
}

/** `YYYY-MM` of the month an instant falls in, in the Ambito's time zone. */
export function monthOf(instant: Date): string {
  return ambitoDay(instant).slice(0, 7);
}

export function isMonth(value: string | null): value is string {
  return value !== null && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

/** `YYYY-MM` a number of months away. */
export function addMonths(month: string, delta: number): string {
  const [year, m] = month.split('-').map(Number);
  const index = year * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** First and last day of a month, `YYYY-MM-DD`. */
export function monthRange(month: string): { from: string; to: string } {
  const [year, m] = month.split('-').map(Number);
  const days = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(days).padStart(2, '0')}` };
}

/** The last day an event covers (a whole-day event may end at the next midnight). */
export function lastDayOf(event: EventCard): string {
  const end = Date.parse(event.endsAt) - (event.allDay ? 1 : 0);
  return ambitoDay(new Date(Math.max(end, Date.parse(event.startsAt))));
}

/** The weeks of a month, Monday to Sunday, padded with the days of the months around it. */
export function monthGrid(month: string, events: EventCard[]): CalendarDay[][] {
  const [year, m] = month.split('-').map(Number);
  const first = new Date(Date.UTC(year, m - 1, 1));
  const offset = (first.getUTCDay() + 6) % 7; // days since Monday
  const start = Date.UTC(year, m - 1, 1 - offset);
  const weeks: CalendarDay[][] = [];
  for (let cursor = start, week: CalendarDay[] = []; ; cursor += 86_400_000) {
    const date = new Date(cursor).toISOString().slice(0, 10);
    week.push({
      date,
      day: new Date(cursor).getUTCDate(),
      inMonth: date.startsWith(month),
      events: events.filter((e) => ambitoDay(e.startsAt) <= date && date <= lastDayOf(e)),
    });
    if (week.length === 7) {
      weeks.push(week);
      week = [];
      const next = new Date(cursor + 86_400_000).toISOString().slice(0, 10);
      if (!next.startsWith(month) && next > month) break;
    }
  }
  return weeks;
}
