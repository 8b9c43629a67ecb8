import { maxLength, pattern, required, type SchemaPath, validate } from '@angular/forms/signals';

/**
 * The shape of a fiscal code, omocodia included: 6 letters, 2 digits, a month letter, 2 digits,
 * a letter and 3 digits for the place, the check letter. The server checks the check letter and
 * the match with the date of birth.
 */
export const FISCAL_CODE_SHAPE =
  /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

/** A fiscal code: required, and shaped like one (the field also stops at 16 characters). */
export function fiscalCodeRules(path: SchemaPath<string>): void {
  required(path, { message: 'forms.fiscalCodeRequired' });
  maxLength(path, 16, { message: 'forms.fiscalCodeShape' });
  pattern(path, FISCAL_CODE_SHAPE, { message: 'forms.fiscalCodeShape' });
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
