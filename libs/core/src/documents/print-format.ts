// Dates and months as printed on the Ambito's documents (PDF, CSV): always in Rome's time.

const ROME = 'Europe/Rome';

const parts = (date: Date, options: Intl.DateTimeFormatOptions, locale = 'it-IT') =>
  Object.fromEntries(
    new Intl.DateTimeFormat(locale, { timeZone: ROME, ...options })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );

/** "31/12/2026": the day in Rome, the form an Italian cashier reads at a glance. */
export function dayIt(date: Date): string {
  const p = parts(date, { day: '2-digit', month: '2-digit', year: 'numeric' });
  return `${p.day}/${p.month}/${p.year}`;
}

/** "31 Dec 2026": unambiguous for a reader used to month-first dates. */
export function dayEn(date: Date): string {
  const p = parts(date, { day: 'numeric', month: 'short', year: 'numeric' }, 'en-GB');
  return `${p.day} ${p.month} ${p.year}`;
}

/** "31 dicembre 2026", for letters. */
export function longDayIt(date: Date): string {
  return date.toLocaleDateString('it-IT', { day: 'numeric', month: 'long', year: 'numeric', timeZone: ROME });
}

export function longDayEn(date: Date): string {
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: ROME });
}

/** "2026-05-03 10:15:00": ISO order, local time of Rome (what the shop's till showed). */
export function isoLocalRome(date: Date): string {
  const p = parts(date, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/**
 * The last day a voucher can be used: the day in Rome of the last instant before `validUntil` (a
 * voucher valid until 1 January 00:00 is last usable on 31 December; one valid until 31 December
 * 23:59:59 too).
 */
export function lastValidDay(validUntil: Date): Date {
  return new Date(validUntil.getTime() - 1);
}

/** "maggio 2026" / "May 2026" for a "2026-05" month. */
export function monthName(month: string, locale: 'it' | 'en'): string {
  const [year, number] = month.split('-').map(Number);
  return new Date(Date.UTC(year, number - 1, 15)).toLocaleDateString(locale === 'it' ? 'it-IT' : 'en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}
