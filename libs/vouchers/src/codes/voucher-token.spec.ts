import { generateKeyPairSync, randomUUID } from 'node:crypto';
import QRCode from 'qrcode';
import { VoucherCodeInvalidError } from '../errors';
import { generateShortCode } from './short-code';
import { looksLikeVoucherToken, signVoucherToken, verifyVoucherToken } from './voucher-token';

const QR_ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

describe('voucher tokens', () => {
  const k1 = generateKeyPairSync('ed25519');
  const k2 = generateKeyPairSync('ed25519');
  const keys = new Map([
    ['K1', k1.publicKey],
    ['K2', k2.publicKey],
  ]);
  const voucherId = randomUUID();
  const token = signVoucherToken(voucherId, { keyId: 'K1', privateKey: k1.privateKey });

  it('round-trips the voucher id and key id', () => {
    expect(verifyVoucherToken(token, keys)).toEqual({ voucherId, keyId: 'K1' });
    const upper = signVoucherToken(voucherId.toUpperCase(), { keyId: 'K2', privateKey: k2.privateKey });
    expect(verifyVoucherToken(upper, keys)).toEqual({ voucherId, keyId: 'K2' });
  });

  it('is short and uses only QR alphanumeric characters, so the QR code stays small', () => {
    console.log(`voucher token: ${token.length} characters, e.g. ${token}`);
    expect(token).toHaveLength(134);
    expect(token.startsWith('PZ1K1.')).toBe(true);
    expect([...token].every((char) => QR_ALPHANUMERIC.includes(char))).toBe(true);
    const qr = QRCode.create(token, { errorCorrectionLevel: 'M' });
    expect(qr.version).toBeLessThanOrEqual(6);
    expect(qr.segments.map((segment) => segment.mode.id)).toEqual(['Alphanumeric']);
  });

  it('is the same token every time for the same voucher and key', () => {
    expect(signVoucherToken(voucherId, { keyId: 'K1', privateKey: k1.privateKey })).toBe(token);
  });

  it('accepts lower case and surrounding whitespace', () => {
    expect(verifyVoucherToken(`  ${token.toLowerCase()}\n`, keys).voucherId).toBe(voucherId);
  });

  it('refuses every altered character', () => {
    let refused = 0;
    for (let position = 0; position < token.length; position++) {
      for (const other of QR_ALPHANUMERIC) {
        if (other === token[position]) continue;
        const altered = token.slice(0, position) + other + token.slice(position + 1);
        expect(() => verifyVoucherToken(altered, keys)).toThrow(VoucherCodeInvalidError);
        refused++;
      }
    }
    expect(refused).toBe(token.length * (QR_ALPHANUMERIC.length - 1));
  });

  it('refuses a token cut short, extended, or with its parts moved', () => {
    for (const altered of [
      token.slice(0, -1),
      `${token}A`,
      token.slice(1),
      `X${token}`,
      token.replace('.', ''),
    ]) {
      expect(() => verifyVoucherToken(altered, keys)).toThrow(VoucherCodeInvalidError);
    }
  });

  it('refuses a token signed with another key under a known key id', () => {
    const forged = signVoucherToken(voucherId, {
      keyId: 'K1',
      privateKey: generateKeyPairSync('ed25519').privateKey,
    });
    expect(() => verifyVoucherToken(forged, keys)).toThrow(VoucherCodeInvalidError);
    // K2's genuine signature relabelled as K1's: the key id is part of what is signed.
    const relabelled = signVoucherToken(voucherId, { keyId: 'K2', privateKey: k2.privateKey }).replace(
      'PZ1K2',
      'PZ1K1',
    );
    expect(() => verifyVoucherToken(relabelled, keys)).toThrow(VoucherCodeInvalidError);
  });

  it('refuses an unknown key id, and says so with the code VOUCHER_CODE_INVALID', () => {
    const other = generateKeyPairSync('ed25519');
    const unknown = signVoucherToken(voucherId, { keyId: 'K9', privateKey: other.privateKey });
    expect(() => verifyVoucherToken(unknown, keys)).toThrow(VoucherCodeInvalidError);
    expect(() => verifyVoucherToken(unknown, new Map())).toThrow(
      expect.objectContaining({ code: 'VOUCHER_CODE_INVALID', status: 400 }),
    );
  });

  it('refuses a bad input to sign', () => {
    expect(() => signVoucherToken('not-a-uuid', { keyId: 'K1', privateKey: k1.privateKey })).toThrow(
      RangeError,
    );
    expect(() => signVoucherToken(voucherId, { keyId: 'k-1', privateKey: k1.privateKey })).toThrow(
      RangeError,
    );
  });

  it('tells a token from a short code', () => {
    expect(looksLikeVoucherToken(token)).toBe(true);
    expect(looksLikeVoucherToken(` ${token.toLowerCase()} `)).toBe(true);
    expect(looksLikeVoucherToken(generateShortCode())).toBe(false);
    expect(looksLikeVoucherToken('PZ1K1')).toBe(false);
  });
});
