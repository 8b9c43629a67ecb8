import { fiscalCodeBirth, fiscalCodeCheckChar, fiscalCodeProblem, normaliseFiscalCode } from './fiscal-code';

describe('fiscalCodeProblem', () => {
  // The textbook example: Mario Rossi, born on 10 December 1985.
  const valid = 'RSSMRA85T10A562S';

  it('accepts a valid code however it was typed', () => {
    expect(fiscalCodeProblem(valid)).toBeNull();
    expect(fiscalCodeProblem('rssmra 85t10 a562s')).toBeNull();
    expect(normaliseFiscalCode(' rssmra85t10a562s ')).toBe(valid);
  });

  it('refuses a wrong check character, as made by a typo', () => {
    expect(fiscalCodeProblem('RSSMRA85T10A562T')).toBe('check');
    expect(fiscalCodeProblem('RSSMRA85T10A526S')).toBe('check'); // two digits swapped
  });

  it('refuses what is not shaped like a fiscal code', () => {
    expect(fiscalCodeProblem('RSSMRA85T10A562')).toBe('format');
    expect(fiscalCodeProblem('12345678901')).toBe('format'); // a VAT number
    expect(fiscalCodeProblem('RSSMRA85Z10A562S')).toBe('format'); // Z is no month
  });

  it('checks the date of birth it encodes, for men and women', () => {
    expect(fiscalCodeProblem(valid, '1985-12-10')).toBeNull();
    expect(fiscalCodeProblem(valid, '1985-12-11')).toBe('birthDate');
    const woman = 'RSSMRA85T50A562' + fiscalCodeCheckChar('RSSMRA85T50A562');
    expect(fiscalCodeBirth(woman)).toMatchObject({ day: 10, month: 12, female: true });
    expect(fiscalCodeProblem(woman, '1985-12-10')).toBeNull();
  });

  it('understands omocodia (digits replaced by letters)', () => {
    // 85 -> 8R (5 -> R); the check character changes accordingly.
    const omocode = 'RSSMRA8RT10A562' + fiscalCodeCheckChar('RSSMRA8RT10A562');
    expect(fiscalCodeProblem(omocode, '1985-12-10')).toBeNull();
  });
});
