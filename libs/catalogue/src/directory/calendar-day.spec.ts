import { addDays, calendarDayOf, daysBetween, isCalendarDay } from './calendar-day';

describe('calendar days in Europe/Rome', () => {
  it('reads the day of an instant in Rome, not in UTC', () => {
    expect(calendarDayOf(new Date('2026-01-19T23:00:00Z'))).toBe('2026-01-20');
    expect(calendarDayOf(new Date('2026-01-19T22:59:59Z'))).toBe('2026-01-19');
    expect(calendarDayOf(new Date('2026-07-19T22:00:00Z'))).toBe('2026-07-20');
  });

  it('accepts only days that exist', () => {
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('2026-02-29')).toBe(false);
    expect(isCalendarDay('2026-13-01')).toBe(false);
    expect(isCalendarDay('2026-1-01')).toBe(false);
    expect(isCalendarDay('domani')).toBe(false);
  });

  it('counts days across the change to summer time', () => {
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
    expect(daysBetween('2026-04-01', '2026-03-01')).toBe(-31);
  });
});
