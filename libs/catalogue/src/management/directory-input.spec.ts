import { ValidationError } from '@piazza/core';
import { checkOpeningHours, checkPrice, parseInstant } from './directory-input';

const fieldOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.field;
    throw error;
  }
  return undefined;
};

describe(checkPrice.name, () => {
  it('wants no price for a free service and a positive one up to 10,000 € otherwise', () => {
    expect(fieldOf(() => checkPrice('free', null))).toBeUndefined();
    expect(fieldOf(() => checkPrice('per_hour', 1_000_000))).toBeUndefined();
    expect(fieldOf(() => checkPrice('free', 500))).toBe('priceCents');
    expect(fieldOf(() => checkPrice('fixed', null))).toBe('priceCents');
    expect(fieldOf(() => checkPrice('fixed', 0))).toBe('priceCents');
    expect(fieldOf(() => checkPrice('fixed', 12.5))).toBe('priceCents');
    expect(fieldOf(() => checkPrice('per_month', 1_000_001))).toBe('priceCents');
  });
});

describe(parseInstant.name, () => {
  it('reads an instant only with its offset, so 17:00 means 17:00 in Italy and not on the server', () => {
    expect(parseInstant('2026-12-03T17:00:00+01:00', 'startsAt').toISOString()).toBe(
      '2026-12-03T16:00:00.000Z',
    );
    expect(parseInstant('2026-12-03T16:00:00.000Z', 'startsAt').toISOString()).toBe(
      '2026-12-03T16:00:00.000Z',
    );
    expect(fieldOf(() => parseInstant('2026-12-03T17:00:00', 'startsAt'))).toBe('startsAt');
    expect(fieldOf(() => parseInstant('2026-02-30T17:00:00+01:00', 'endsAt'))).toBe('endsAt');
    expect(fieldOf(() => parseInstant('domani', 'startsAt'))).toBe('startsAt');
  });
});

describe(checkOpeningHours.name, () => {
  it('keeps well-formed intervals and refuses one that closes before it opens', () => {
    expect(checkOpeningHours([{ day: 1, opens: '09:00', closes: '12:30' }])).toEqual([
      { day: 1, opens: '09:00', closes: '12:30' },
    ]);
    expect(fieldOf(() => checkOpeningHours([{ day: 1, opens: '18:00', closes: '09:00' }]))).toBe(
      'openingHours',
    );
  });
});
