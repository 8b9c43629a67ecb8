import { addDays, ambitoDate, ambitoInstant, isoDate, isoWeekday, isPublicHoliday } from './ambito-calendar';

describe('ambito calendar', () => {
  it('reads a local time in winter as UTC+1 and in summer as UTC+2', () => {
    expect(ambitoInstant({ year: 2026, month: 1, day: 15 }, '09:00').toISOString()).toBe(
      '2026-01-15T08:00:00.000Z',
    );
    expect(ambitoInstant({ year: 2026, month: 7, day: 1 }, '09:00').toISOString()).toBe(
      '2026-07-01T07:00:00.000Z',
    );
  });

  it('applies the clock change on the day it happens, not the day before', () => {
    // Summer time starts on 29 March 2026 at 02:00 and ends on 25 October 2026 at 03:00.
    expect(ambitoInstant({ year: 2026, month: 3, day: 28 }, '09:00').toISOString()).toBe(
      '2026-03-28T08:00:00.000Z',
    );
    expect(ambitoInstant({ year: 2026, month: 3, day: 29 }, '09:00').toISOString()).toBe(
      '2026-03-29T07:00:00.000Z',
    );
    expect(ambitoInstant({ year: 2026, month: 3, day: 29 }, '00:30').toISOString()).toBe(
      '2026-03-28T23:30:00.000Z',
    );
    expect(ambitoInstant({ year: 2026, month: 10, day: 25 }, '09:00').toISOString()).toBe(
      '2026-10-25T08:00:00.000Z',
    );
    expect(ambitoInstant({ year: 2026, month: 10, day: 24 }, '23:30').toISOString()).toBe(
      '2026-10-24T21:30:00.000Z',
    );
  });

  it("takes the day from Rome's clock, not from UTC", () => {
    expect(ambitoDate(new Date('2026-03-31T22:30:00Z'))).toEqual({ year: 2026, month: 4, day: 1 });
    expect(ambitoDate(new Date('2026-12-31T22:59:00Z'))).toEqual({ year: 2026, month: 12, day: 31 });
    expect(ambitoDate(new Date('2026-12-31T23:00:00Z'))).toEqual({ year: 2027, month: 1, day: 1 });
  });

  it('counts days across months and years, with ISO weekdays', () => {
    const date = addDays({ year: 2026, month: 12, day: 30 }, 3);
    expect(isoDate(date)).toBe('2027-01-02');
    expect(isoWeekday(date)).toBe(6); // a Saturday
    expect(isoWeekday({ year: 2027, month: 1, day: 3 })).toBe(7);
    expect(isoWeekday({ year: 2027, month: 1, day: 4 })).toBe(1);
  });

  it('knows the Italian public holidays, Easter Monday included', () => {
    expect(isPublicHoliday({ year: 2026, month: 12, day: 25 })).toBe(true);
    expect(isPublicHoliday({ year: 2026, month: 12, day: 8 })).toBe(true);
    expect(isPublicHoliday({ year: 2026, month: 4, day: 6 })).toBe(true); // Easter Monday 2026
    expect(isPublicHoliday({ year: 2027, month: 3, day: 29 })).toBe(true); // Easter Monday 2027
    expect(isPublicHoliday({ year: 2026, month: 4, day: 7 })).toBe(false);
    expect(isPublicHoliday({ year: 2026, month: 12, day: 24 })).toBe(false);
  });
});
