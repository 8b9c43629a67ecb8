/** One opening interval of a week: the platform's one shape for opening hours (HSDS schedules map to it). */
export interface OpeningHours {
  /** ISO weekday: 1 = Monday ... 7 = Sunday. */
  day: number;
  /** Local time in the Ambito's zone (Europe/Rome), "HH:MM". */
  opens: string;
  /** Local time, "HH:MM", later than `opens`. */
  closes: string;
}

/** The Ambito's time zone: opening hours, slots and events are read in it. */
export const AMBITO_TIME_ZONE = 'Europe/Rome';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Whether a list of intervals is well formed: weekday 1-7, "HH:MM" times, each closing after it opens. */
export function isValidOpeningHours(hours: unknown): hours is OpeningHours[] {
  return (
    Array.isArray(hours) &&
    hours.every(
      (h: Partial<OpeningHours>) =>
        typeof h === 'object' &&
        h !== null &&
        Number.isInteger(h.day) &&
        h.day! >= 1 &&
        h.day! <= 7 &&
        typeof h.opens === 'string' &&
        typeof h.closes === 'string' &&
        HH_MM.test(h.opens) &&
        HH_MM.test(h.closes) &&
        h.opens < h.closes,
    )
  );
}

/** Whether the intervals contain the given instant, read in the Ambito's time zone. */
export function isOpenAt(hours: readonly OpeningHours[], at: Date): boolean {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: AMBITO_TIME_ZONE,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1;
  const time = `${get('hour')}:${get('minute')}`;
  return hours.some((h) => h.day === day && h.opens <= time && time < h.closes);
}
