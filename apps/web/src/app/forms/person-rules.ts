import { maxLength, pattern, required, type SchemaPath, validate } from '@angular/forms/signals';

/**
 * The shape of a fiscal code, omocodia included: 6 letters, 2 digits, a month letter, 2 digits,
 * a letter and 3 digits for the place, the check letter. The server checks the check letter and
 * the match with the date of birth.
 */
export const FISCAL_CODE_SHAPE =
  /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

/**
 * A fiscal code: required, shaped like one (the field also stops at 16 characters), with the right
 * check character and, given the date of birth's field, encoding that day. The server checks the
 * same; checking here too catches a typo at once and next to its field (even in a form with several
 * people, where the server does not say whose code it refused), and lets a corrected date of birth
 * clear the error, which a server's error on the fiscal code would not.
 */
export function fiscalCodeRules(path: SchemaPath<string>, dateOfBirth?: SchemaPath<string>): void {
  required(path, { message: 'forms.fiscalCodeRequired' });
  maxLength(path, 16, { message: 'forms.fiscalCodeShape' });
  pattern(path, FISCAL_CODE_SHAPE, { message: 'forms.fiscalCodeShape' });
  validate(path, ({ value, valueOf }) => {
    const code = value();
    if (!FISCAL_CODE_SHAPE.test(code)) return undefined;
    if (fiscalCodeCheckChar(code) !== code[15]) {
      return { kind: 'fiscalCodeCheck', message: 'forms.fiscalCodeCheck' };
    }
    const birth = dateOfBirth ? valueOf(dateOfBirth) : '';
    return /^\d{4}-\d{2}-\d{2}$/.test(birth) && !encodesBirthDate(code, birth)
      ? { kind: 'fiscalCodeBirthDate', message: 'forms.fiscalCodeBirthDate' }
      : undefined;
  });
}

const MONTH_LETTERS = 'ABCDEHLMPRST';
/** Omocodia: when two people would share a code, its digits are replaced by these letters. */
const OMOCODIA_DIGITS = 'LMNPQRSTUV';

/** Whether the code's year, month and day (plus 40 for women) are those of `YYYY-MM-DD`. */
function encodesBirthDate(code: string, date: string): boolean {
  const digits = (from: number, to: number) =>
    Number([...code.slice(from, to)].map((c) => (/\d/.test(c) ? c : OMOCODIA_DIGITS.indexOf(c))).join(''));
  const [year, month, day] = date.split('-').map(Number);
  const codeDay = digits(9, 11);
  return (
    digits(6, 8) === year % 100 &&
    MONTH_LETTERS.indexOf(code[8]) + 1 === month &&
    (codeDay > 40 ? codeDay - 40 : codeDay) === day
  );
}

/** Values of the characters in odd positions, A to Z; a digit counts as the letter in its place (0 = A). */
const ODD_POSITION_VALUES = [
  1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];

/** The check character of a fiscal code, from its first 15 characters (the Agenzia delle Entrate's rule). */
function fiscalCodeCheckChar(code: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = code.charCodeAt(i);
    const index = c <= 57 ? c - 48 : c - 65;
    // Positions count from 1: odd ones (index 0, 2…) use the table, even ones the plain value.
    sum += i % 2 === 0 ? ODD_POSITION_VALUES[index] : index;
  }
  return String.fromCharCode(65 + (sum % 26));
}

/** The server's rule too. The texts `forms.passwordRule` and `forms.passwordTooShort` spell the number out: keep them in step. */
export const PASSWORD_MIN_LENGTH = 10;

/** A date of birth: required, a real calendar date (`YYYY-MM-DD` from the native date input), not in the future. */
export function dateOfBirthRules(path: SchemaPath<string>): void {
  required(path, { message: 'forms.dateOfBirthRequired' });
  validate(path, ({ value }) => {
    const date = value();
    if (!date) return undefined;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || date < '1900-01-01') {
      return { kind: 'dateOfBirth', message: 'forms.dateOfBirthInvalid' };
    }
    return date > today() ? { kind: 'dateOfBirth', message: 'forms.dateOfBirthFuture' } : undefined;
  });
}

/** Today in the person's own calendar, as `YYYY-MM-DD`. */
function today(): string {
  const now = new Date();
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${month}-${day}`;
}
