import { endOfLocalDay } from './local-day';

describe(endOfLocalDay.name, () => {
  it('ends a winter day at the next midnight in Italy (UTC+1)', () => {
    expect(endOfLocalDay('2026-12-31').toISOString()).toBe('2026-12-31T23:00:00.000Z');
  });

  it('ends a summer day at the next midnight in Italy (UTC+2)', () => {
    expect(endOfLocalDay('2027-07-15').toISOString()).toBe('2027-07-15T22:00:00.000Z');
  });

  it('ends the day of the clock change correctly', () => {
    expect(endOfLocalDay('2027-03-28').toISOString()).toBe('2027-03-28T22:00:00.000Z');
    expect(endOfLocalDay('2027-10-31').toISOString()).toBe('2027-10-31T23:00:00.000Z');
  });
});
