import { createHash, randomBytes } from 'node:crypto';

/** A random token to hand out (cookie, e-mail link) and the hash to store in its place. */
export function newSecretToken(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashSecretToken(token) };
}

export function hashSecretToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
