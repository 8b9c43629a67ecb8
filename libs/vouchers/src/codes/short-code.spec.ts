import { randomInt } from 'node:crypto';
import { generateShortCode, normaliseShortCode, SHORT_CODE_ALPHABET } from './short-code';

const compact = (code: string) => code.replace(/-/g, '');
const formatted = (chars: string) => `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;

describe('short codes', () => {
  const codes = Array.from({ length: 300 }, generateShortCode);

  it('generates 12 characters of the alphabet grouped XXXX-XXXX-XXXX that check out', () => {
    for (const code of codes) {
      expect(code).toMatch(
        /^[ACDEFHJKMNPRTUVWXY3479]{4}-[ACDEFHJKMNPRTUVWXY3479]{4}-[ACDEFHJKMNPRTUVWXY3479]{4}$/,
      );
      expect(normaliseShortCode(code)).toBe(code);
    }
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('uses every character of the alphabet, check position included', () => {
    const many = Array.from({ length: 2000 }, () => compact(generateShortCode()));
    for (let position = 0; position < 12; position++) {
      expect(new Set(many.map((code) => code[position])).size).toBe(SHORT_CODE_ALPHABET.length);
    }
  });

  it('accepts what a person types: lower case, spaces, dashes anywhere', () => {
    const code = codes[0];
    const chars = compact(code);
    expect(normaliseShortCode(chars.toLowerCase())).toBe(code);
    expect(normaliseShortCode(` ${chars.slice(0, 3)} ${chars.slice(3, 7)}-${chars.slice(7)}  `)).toBe(code);
    expect(normaliseShortCode(code.toLowerCase().replace(/-/g, ' - '))).toBe(code);
  });

  it('refuses every single-character substitution of every code', () => {
    for (const code of codes) {
      const chars = compact(code);
      for (let position = 0; position < 12; position++) {
        for (const other of SHORT_CODE_ALPHABET) {
          if (other === chars[position]) continue;
          const typo = chars.slice(0, position) + other + chars.slice(position + 1);
          expect(normaliseShortCode(formatted(typo))).toBeNull();
        }
      }
    }
  });

  it('refuses every transposition of two different characters, adjacent or not', () => {
    for (const code of codes) {
      const chars = [...compact(code)];
      for (let i = 0; i < 12; i++) {
        for (let j = i + 1; j < 12; j++) {
          if (chars[i] === chars[j]) continue;
          const swapped = [...chars];
          [swapped[i], swapped[j]] = [swapped[j], swapped[i]];
          expect(normaliseShortCode(swapped.join(''))).toBeNull();
        }
      }
    }
  });

  it('refuses characters outside the alphabet and wrong lengths', () => {
    const chars = compact(codes[1]);
    for (const look of ['0', 'O', '1', 'I', 'L', '2', 'Z', '5', 'S', '6', 'G', '8', 'B', 'Q', '.', 'À']) {
      expect(normaliseShortCode(look + chars.slice(1))).toBeNull();
    }
    expect(normaliseShortCode(chars.slice(0, 11))).toBeNull();
    expect(normaliseShortCode(chars + SHORT_CODE_ALPHABET[randomInt(22)])).toBeNull();
    expect(normaliseShortCode('')).toBeNull();
    expect(normaliseShortCode('------------')).toBeNull();
  });

  it('lets through only about 1 random string in 23 (the check character works)', () => {
    let accepted = 0;
    const tries = 23_000;
    for (let n = 0; n < tries; n++) {
      const text = Array.from({ length: 12 }, () => SHORT_CODE_ALPHABET[randomInt(22)]).join('');
      if (normaliseShortCode(text)) accepted++;
    }
    expect(accepted).toBeGreaterThan(tries / 23 / 1.3);
    expect(accepted).toBeLessThan((tries / 23) * 1.3);
  });
});
