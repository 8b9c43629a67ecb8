import { vatNumberIsValid } from './vat-number';

describe(vatNumberIsValid.name, () => {
  it('accepts a partita IVA with the right check digit, with or without IT and spaces', () => {
    // 0762756001-9: the check digit follows from the first ten by that rule with the Agenzia delle Entrate's rule.
    expect(vatNumberIsValid('07627560019')).toBe(true);
    expect(vatNumberIsValid('IT 07627560019')).toBe(true);
  });

  it('refuses a typo, a wrong length and all zeros', () => {
    expect(vatNumberIsValid('07627560018')).toBe(false);
    expect(vatNumberIsValid('07627560091')).toBe(false); // last two digits swapped
    expect(vatNumberIsValid('0762756001')).toBe(false);
    expect(vatNumberIsValid('00000000000')).toBe(false);
  });
});
