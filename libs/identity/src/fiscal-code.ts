/** Italian codice fiscale of a person: format, check character, and what it says about the birth date. */

const ODD: Record<string, number> = {
  '0': 1,
  '1': 0,
  '2': 5,
  '3': 7,
  '4': 9,
  '5': 13,
  '6': 15,
  '7': 17,
  '8': 19,
  '9': 21,
  A: 1,
  B: 0,
  C: 5,
  D: 7,
  E: 9,
  F: 13,
  G: 15,
  H: 17,
  I: 19,
  J: 21,
  K: 2,
  L: 4,
  M: 18,
  N: 20,
  O: 11,
  P: 3,
  Q: 6,
  R: 8,
  S: 12,
  T: 14,
  U: 16,
  V: 10,
  W: 22,
  X: 25,
  Y: 24,
  Z: 23,
};
const MONTHS = 'ABCDEHLMPRST';
// Omocodia: when two people share a code, digits are replaced by these letters, right to left.
const OMOCODIA = 'LMNPQRSTUV';
const DIGIT_POSITIONS = [6, 7, 9, 10, 12, 13, 14];
const SHAPE = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

export type FiscalCodeProblem = 'format' | 'check' | 'birthDate';

/** Upper case without spaces, as people type it in several ways. */
export function normaliseFiscalCode(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** The check character of the first 15 characters. */
export function fiscalCodeCheckChar(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = first15[i];
    // Positions are counted from 1: odd positions use the ODD table, even ones the plain value.
    sum += i % 2 === 0 ? ODD[c] : /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 65;
  }
  return String.fromCharCode(65 + (sum % 26));
}

/** The birth day and month the code encodes (the year has no century, so only its last two digits). */
export function fiscalCodeBirth(code: string): { yy: number; month: number; day: number; female: boolean } {
  const digits = [...code].map((c, i) =>
    DIGIT_POSITIONS.includes(i) && OMOCODIA.includes(c) ? String(OMOCODIA.indexOf(c)) : c,
  );
  const plain = digits.join('');
  const dayField = Number(plain.slice(9, 11));
  return {
    yy: Number(plain.slice(6, 8)),
    month: MONTHS.indexOf(plain[8]) + 1,
    day: dayField > 40 ? dayField - 40 : dayField,
    female: dayField > 40,
  };
}

/**
 * Why a fiscal code is not acceptable, or null when it is. With a date of birth (YYYY-MM-DD), also checks
 * that the code encodes that day.
 */
export function fiscalCodeProblem(input: string, dateOfBirth?: string): FiscalCodeProblem | null {
  const code = normaliseFiscalCode(input);
  if (!SHAPE.test(code)) return 'format';
  if (fiscalCodeCheckChar(code.slice(0, 15)) !== code[15]) return 'check';
  const birth = fiscalCodeBirth(code);
  if (birth.day < 1 || birth.day > 31) return 'format';
  if (dateOfBirth) {
    const [year, month, day] = dateOfBirth.split('-').map(Number);
    if (year % 100 !== birth.yy || month !== birth.month || day !== birth.day) return 'birthDate';
  }
  return null;
}
