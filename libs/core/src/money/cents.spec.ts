import { cents, centsTransformer, formatCents, InvalidAmountError, parseEuro } from './cents';

describe('cents', () => {
  it('refuses fractions of a cent and unsafe integers', () => {
    expect(() => cents(12.5)).toThrow(InvalidAmountError);
    expect(() => cents(Number.MAX_SAFE_INTEGER + 1)).toThrow(InvalidAmountError);
    expect(() => cents('12.50')).toThrow(InvalidAmountError);
    expect(cents('1250')).toBe(1250);
    expect(cents(10n)).toBe(10);
  });

  it('parses what people type in euro, exactly', () => {
    expect(parseEuro('12,50')).toBe(1250);
    expect(parseEuro('12.5')).toBe(1250);
    expect(parseEuro('€ 7')).toBe(700);
    expect(parseEuro('1.234,56')).toBe(123456);
    expect(parseEuro('0,10')).toBe(10);
    // 0.1 + 0.2 style float errors cannot happen: 19,99 is 1999 cents, not 1998.9999
    expect(parseEuro('19,99')).toBe(1999);
    expect(parseEuro('12,505')).toBeNull();
    expect(parseEuro('dodici')).toBeNull();
    expect(parseEuro('')).toBeNull();
  });

  it('formats for Italian and English readers', () => {
    expect(formatCents(cents(1250))).toBe('12,50 €');
    expect(formatCents(cents(123456789), 'it')).toBe('1.234.567,89 €');
    expect(formatCents(cents(5), 'en')).toBe('€0.05');
    expect(formatCents(cents(-250), 'en')).toBe('-€2.50');
  });

  it('reads bigint text from the database and writes integers', () => {
    expect(centsTransformer.from('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(centsTransformer.from(null)).toBeNull();
    expect(() => centsTransformer.to(1.5)).toThrow(InvalidAmountError);
  });
});
