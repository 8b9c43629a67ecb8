import { type KeyObject, sign, verify } from 'node:crypto';
import { VoucherCodeInvalidError } from '../errors';

/**
 * The QR token of a voucher: who issued it can be checked offline, with the public key alone.
 *
 *   PZ1 <keyId> . <base32( voucher uuid (16 bytes) ‖ Ed25519 signature (64 bytes) )>
 *   e.g. PZ1K1.AB3…(128 characters)
 *
 * - `PZ1`: format and version; `keyId`: 1–4 of [A-Z0-9] (voucher_signing_key.key_id); `.` ends it.
 * - The 80 bytes are base32 (RFC 4648 alphabet A–Z 2–7, no padding): exactly 128 characters, with
 *   no spare bits, so every character changes the bytes and any altered character is refused.
 * - The signature covers `PZ1|<keyId>|` followed by the 16 uuid bytes: a signature cannot be moved to
 *   another key id, format or purpose.
 * - Every character is in the QR code's alphanumeric mode (0–9 A–Z and `.`), which packs 5.5 bits a
 *   character: the 134 characters of a 2-character key id fit a version 6 QR code (41 × 41 modules)
 *   at error correction M. Ed25519 signatures are deterministic: a voucher always gets the same token.
 *
 * The token proves only that we issued the voucher; its balance and status are always read online.
 */
export const VOUCHER_TOKEN_PREFIX = 'PZ1';

const KEY_ID = /^[A-Z0-9]{1,4}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const BODY_BYTES = 16 + 64;
const BODY_CHARS = (BODY_BYTES * 8) / 5;
const TOKEN = new RegExp(`^${VOUCHER_TOKEN_PREFIX}([A-Z0-9]{1,4})\\.([A-Z2-7]{${BODY_CHARS}})$`);

/** The smallest token: prefix, a 1-character key id, the dot and the body (133 characters). */
export const VOUCHER_TOKEN_MIN_LENGTH = VOUCHER_TOKEN_PREFIX.length + 1 + 1 + BODY_CHARS;

function base32Encode(bytes: Buffer): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

/** Decodes base32 whose length is a multiple of 8 characters (no padding, no spare bits). */
function base32Decode(text: string): Buffer {
  const out = Buffer.alloc((text.length * 5) / 8);
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const char of text) {
    buffer = (buffer << 5) | BASE32.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      out[index++] = (buffer >>> (bits - 8)) & 255;
      bits -= 8;
      buffer &= (1 << bits) - 1;
    }
  }
  return out;
}

function signedMessage(keyId: string, uuidBytes: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${VOUCHER_TOKEN_PREFIX}|${keyId}|`, 'ascii'), uuidBytes]);
}

function uuidToBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

function bytesToUuid(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Signs a voucher id into its QR token with an Ed25519 private key. */
export function signVoucherToken(voucherId: string, key: { keyId: string; privateKey: KeyObject }): string {
  if (!UUID.test(voucherId)) throw new RangeError(`Not a voucher id: ${voucherId}`);
  if (!KEY_ID.test(key.keyId)) throw new RangeError(`Not a signing key id: ${key.keyId}`);
  const uuidBytes = uuidToBytes(voucherId);
  const signature = sign(null, signedMessage(key.keyId, uuidBytes), key.privateKey);
  return `${VOUCHER_TOKEN_PREFIX}${key.keyId}.${base32Encode(Buffer.concat([uuidBytes, signature]))}`;
}

/** The canonical form of a scanned or typed token: upper case, without surrounding whitespace. */
function canonical(token: string): string {
  return token.trim().toUpperCase();
}

/** The key id a token claims, or null when the token is malformed. Nothing is verified. */
export function voucherTokenKeyId(token: string): string | null {
  return TOKEN.exec(canonical(token))?.[1] ?? null;
}

/**
 * The voucher id and key id of a token whose signature one of `publicKeys` verifies. Anything else
 * (malformed, unknown key id, altered, forged) is VoucherCodeInvalidError.
 */
export function verifyVoucherToken(
  token: string,
  publicKeys: ReadonlyMap<string, KeyObject>,
): { voucherId: string; keyId: string } {
  const match = TOKEN.exec(canonical(token));
  if (!match) throw new VoucherCodeInvalidError();
  const [, keyId, body] = match;
  const publicKey = publicKeys.get(keyId);
  if (!publicKey) throw new VoucherCodeInvalidError();
  const bytes = base32Decode(body);
  const uuidBytes = bytes.subarray(0, 16);
  let valid: boolean;
  try {
    valid = verify(null, signedMessage(keyId, uuidBytes), publicKey, bytes.subarray(16));
  } catch {
    // A key of another type in the map, or a signature OpenSSL cannot parse: not one of ours either way.
    valid = false;
  }
  if (!valid) throw new VoucherCodeInvalidError();
  return { voucherId: bytesToUuid(uuidBytes), keyId };
}

/** Whether a scanned or typed code is meant as a QR token (rather than a 12-character short code). */
export function looksLikeVoucherToken(input: string): boolean {
  const text = canonical(input);
  return text.startsWith(VOUCHER_TOKEN_PREFIX) && text.length >= 40;
}
