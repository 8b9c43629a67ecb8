import type { ValueTransformer } from 'typeorm';

declare const centsBrand: unique symbol;

/**
 * An amount of euro cents: always an integer, never a float of euros. Stored as `bigint`; kept as a
 * JavaScript number in memory, which is exact up to 2^53 cents (about 90 thousand billion euro).
 */
export type Cents = number & { readonly [centsBrand]: true };

export class InvalidAmountError extends RangeError {
  constructor(value: unknown) {
    super(`Not a whole number of cents: ${String(value)}`);
    this.name = 'InvalidAmountError';
  }
}

/** Checks that a value is a safe integer number of cents and brands it. */
export function cents(value: number | bigint | string): Cents {
  const n = typeof value === 'number' ? value : Number(value);
  if (typeof value === 'string' && !/^-?\d+$/.test(value.trim())) throw new InvalidAmountError(value);
  if (!Number.isSafeInteger(n)) throw new InvalidAmountError(value);
  return n as Cents;
}

/**
 * Parses an amount typed by a person in euro ("12,50", "12.5", "1.234,56", "€ 7") into cents without
 * going through floating point. Returns null when the text is not an amount.
 */
export function parseEuro(text: string): Cents | null {
  const cleaned = text.replace(/[€\s]/g, '');
  const match = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:[,.](\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const units = match[1].replace(/\./g, '');
  const fraction = (match[2] ?? '').padEnd(2, '0');
  return cents(`${units}${fraction}`.replace(/^0+(?=\d)/, ''));
}

/** Formats cents for people: "12,50 €" in Italian, "€12.50" in English. Only at the edges. */
export function formatCents(amount: Cents | number, locale: 'it' | 'en' = 'it'): string {
  const negative = amount < 0;
  const abs = Math.abs(amount);
  const units = Math.trunc(abs / 100);
  const fraction = String(abs % 100).padStart(2, '0');
  const grouped = units.toString().replace(/\B(?=(\d{3})+(?!\d))/g, locale === 'it' ? '.' : ',');
  const sign = negative ? '-' : '';
  return locale === 'it' ? `${sign}${grouped},${fraction} €` : `${sign}€${grouped}.${fraction}`;
}

/** The one TypeORM transformer for `bigint` money columns (pg returns bigint as text). */
export const centsTransformer: ValueTransformer = {
  to: (value: Cents | null | undefined) => (value === null || value === undefined ? value : cents(value)),
  from: (value: string | null) => (value === null ? null : cents(value)),
};
