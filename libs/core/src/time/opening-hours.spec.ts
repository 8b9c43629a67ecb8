import { isOpenAt, isValidOpeningHours } from './opening-hours';

describe('opening hours', () => {
  const mornings = [{ day: 1, opens: '09:00', closes: '12:30' }];

  it('reads the instant in Rome time, summer and winter', () => {
    // Monday 2026-06-01 09:30 in Rome is 07:30 UTC (CEST); Monday 2026-12-07 09:30 is 08:30 UTC (CET).
    expect(isOpenAt(mornings, new Date('2026-06-01T07:30:00Z'))).toBe(true);
    expect(isOpenAt(mornings, new Date('2026-12-07T08:30:00Z'))).toBe(true);
    expect(isOpenAt(mornings, new Date('2026-12-07T07:30:00Z'))).toBe(false);
    expect(isOpenAt(mornings, new Date('2026-12-07T11:30:00Z'))).toBe(false);
    expect(isOpenAt(mornings, new Date('2026-12-08T08:30:00Z'))).toBe(false);
  });

  it('refuses malformed intervals', () => {
    expect(isValidOpeningHours(mornings)).toBe(true);
    expect(isValidOpeningHours([{ day: 0, opens: '09:00', closes: '12:00' }])).toBe(false);
    expect(isValidOpeningHours([{ day: 1, opens: '9:00', closes: '12:00' }])).toBe(false);
    expect(isValidOpeningHours([{ day: 1, opens: '14:00', closes: '12:00' }])).toBe(false);
    expect(isValidOpeningHours('x')).toBe(false);
  });
});
