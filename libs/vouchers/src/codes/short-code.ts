import { randomInt } from 'node:crypto';

/**
 * The 22 characters of a short code: upper-case letters and digits that cannot be mistaken for one
 * another when read aloud, printed or typed (no 0/O/Q, 1/I/L, 2/Z, 5/S, 6/G, 8/B).
 */
export const SHORT_CODE_ALPHABET = 'ACDEFHJKMNPRTUVWXY3479';

/** Random characters before the check character. 22^11 ≈ 5.8 × 10^14 codes (about 49 bits). */
export const SHORT_CODE_DATA_LENGTH = 11;
export const SHORT_CODE_LENGTH = SHORT_CODE_DATA_LENGTH + 1;

// The check is a weighted sum modulo 23, the prime just above the alphabet's size (as ISBN-10 does
// modulo 11): sum of (i + 1) × value(i) over all 12 characters ≡ 0 (mod 23). Because 23 is prime and
// every weight (1..12) and every difference of two values (1..21) is non-zero modulo 23:
//   - a substitution at i changes the sum by weight(i) × (difference) ≢ 0: always detected;
//   - swapping two different characters at i and j changes it by (weight(j) − weight(i)) × (difference)
//     ≢ 0: every transposition is detected, adjacent or not (Luhn mod 22 misses one pair of adjacent
//     characters; a Damm quasigroup of order 22 exists but has no simple construction).
// The check value 22 has no character: such codes are simply never generated (1 draw in 23 is redone).
const MODULUS = 23;
const VALUES = new Map([...SHORT_CODE_ALPHABET].map((char, index) => [char, index]));

function weightedSum(values: readonly number[]): number {
  return values.reduce((sum, value, index) => (sum + (index + 1) * value) % MODULUS, 0);
}

/** The check value that makes the weighted sum of the 12 characters 0 modulo 23 (0..22). */
function checkValue(data: readonly number[]): number {
  // (sum + 12 × c) ≡ 0  ⇔  c ≡ −sum × 12⁻¹; 12 × 2 = 24 ≡ 1 (mod 23), so 12⁻¹ = 2.
  return (((MODULUS - weightedSum(data)) % MODULUS) * 2) % MODULUS;
}

function format(chars: string): string {
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/** A new random short code, `XXXX-XXXX-XXXX`: 11 random characters and a check character. */
export function generateShortCode(): string {
  for (;;) {
    const data = Array.from({ length: SHORT_CODE_DATA_LENGTH }, () => randomInt(SHORT_CODE_ALPHABET.length));
    const check = checkValue(data);
    if (check >= SHORT_CODE_ALPHABET.length) continue;
    return format([...data, check].map((value) => SHORT_CODE_ALPHABET[value]).join(''));
  }
}

/**
 * The canonical `XXXX-XXXX-XXXX` form of a code typed by a person (lower case, spaces and dashes
 * accepted), or null when it has the wrong length, a character outside the alphabet or a wrong check
 * character, so a typing mistake is refused before any lookup.
 */
export function normaliseShortCode(input: string): string | null {
  const chars = input.toUpperCase().replace(/[\s-]/g, '');
  if (chars.length !== SHORT_CODE_LENGTH) return null;
  const values: number[] = [];
  for (const char of chars) {
    const value = VALUES.get(char);
    if (value === undefined) return null;
    values.push(value);
  }
  return weightedSum(values) === 0 ? format(chars) : null;
}
