import { AMBITO_TIME_ZONE } from './opening-hours';

/**
 * The instant a calendar day ends in the Ambito (the next local midnight, Europe/Rome), for a date
 * written `YYYY-MM-DD`: "valid until 31 December" means until 1 January 00:00 in Italy, whatever the
 * server's zone and whether daylight saving time applies.
 */
export function endOfLocalDay(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const nextDayUtc = Date.UTC(y, m - 1, d + 1);
  // The zone's offset at that moment (Italy is UTC+1 or UTC+2 at midnight, never at a DST jump).
  const offsetMs = zoneOffsetMs(new Date(nextDayUtc));
  return new Date(nextDayUtc - offsetMs);
}

function zoneOffsetMs(at: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: AMBITO_TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const local = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return local - at.getTime();
}
