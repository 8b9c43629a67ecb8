import type { ValidationError as ClassValidatorError } from 'class-validator';
import type { Translated } from '../i18n/translated';
import { ValidationError } from './domain-error';

type Describe = (args: unknown[]) => Translated;

/** Italian and English wording for the class-validator constraints our DTOs use. */
const CONSTRAINTS: Record<string, Describe> = {
  isDefined: () => ({ it: 'è obbligatorio', en: 'is required' }),
  isNotEmpty: () => ({ it: 'non può essere vuoto', en: 'must not be empty' }),
  isString: () => ({ it: 'deve essere un testo', en: 'must be text' }),
  isInt: () => ({ it: 'deve essere un numero intero', en: 'must be a whole number' }),
  isNumber: () => ({ it: 'deve essere un numero', en: 'must be a number' }),
  isBoolean: () => ({ it: 'deve essere sì o no (true/false)', en: 'must be true or false' }),
  isEmail: () => ({ it: 'deve essere un indirizzo e-mail valido', en: 'must be a valid e-mail address' }),
  isUUID: () => ({ it: 'deve essere un identificativo valido', en: 'must be a valid identifier' }),
  isDateString: () => ({ it: 'deve essere una data valida', en: 'must be a valid date' }),
  isISO8601: () => ({ it: 'deve essere una data valida', en: 'must be a valid date' }),
  isIn: ([values]) => ({
    it: `deve essere uno tra: ${(values as unknown[]).join(', ')}`,
    en: `must be one of: ${(values as unknown[]).join(', ')}`,
  }),
  isEnum: ([values]) => ({
    it: `deve essere uno tra: ${Object.values(values as object).join(', ')}`,
    en: `must be one of: ${Object.values(values as object).join(', ')}`,
  }),
  min: ([n]) => ({ it: `deve essere almeno ${n}`, en: `must be at least ${n}` }),
  max: ([n]) => ({ it: `non può superare ${n}`, en: `must not exceed ${n}` }),
  minLength: ([n]) => ({
    it: `deve avere almeno ${n} caratteri`,
    en: `must be at least ${n} characters long`,
  }),
  maxLength: ([n]) => ({ it: `non può superare ${n} caratteri`, en: `must be at most ${n} characters long` }),
  matches: () => ({ it: 'non ha il formato atteso', en: 'does not have the expected format' }),
  equals: () => ({ it: 'deve essere accettato', en: 'must be accepted' }),
  whitelistValidation: () => ({ it: 'non è un campo previsto', en: 'is not an expected field' }),
};

const UNKNOWN: Translated = { it: 'non è valido', en: 'is not valid' };

/** Turns class-validator's errors into one ValidationError naming each bad field, in both languages. */
export function toValidationError(errors: ClassValidatorError[], parent = ''): ValidationError {
  return new ValidationError(flatten(errors, parent));
}

function flatten(errors: ClassValidatorError[], parent: string): { field: string; message: Translated }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.keys(error.constraints ?? {}).map((key) => {
      const args = (error.contexts?.[key]?.['args'] as unknown[] | undefined) ?? constraintArgs(error, key);
      return { field, message: CONSTRAINTS[key]?.(args) ?? UNKNOWN };
    });
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** class-validator keeps constraint arguments only inside its English message; read them back from there. */
function constraintArgs(error: ClassValidatorError, key: string): unknown[] {
  const message = error.constraints?.[key] ?? '';
  if (key === 'isIn' || key === 'isEnum') {
    const list = /following values: (.*)$/.exec(message)?.[1];
    return [list ? list.split(/,\s*/) : []];
  }
  const number = /(-?\d+(?:\.\d+)?)(?!.*\d)/.exec(message)?.[1];
  return number === undefined ? [] : [Number(number)];
}
