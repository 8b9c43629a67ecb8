import { Injectable } from '@nestjs/common';
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { VoucherCodeInvalidError, VoucherSigningKeyConfigError } from '../errors';
import { normaliseShortCode } from './short-code';
import { looksLikeVoucherToken, verifyVoucherToken, voucherTokenKeyId } from './voucher-token';

export interface VoucherSigningKey {
  keyId: string;
  privateKey: KeyObject;
}

/** A public key as served at /api/.well-known/voucher-keys (RFC 8037 OKP JWK, plus its dates). */
export interface VoucherPublicJwk {
  kid: string;
  kty: 'OKP';
  crv: 'Ed25519';
  /** The raw 32-byte public key, base64url. */
  x: string;
  use: 'sig';
  createdAt: string;
  retiredAt: string | null;
}

export type ParsedVoucherCode =
  { kind: 'token'; voucherId: string; keyId: string } | { kind: 'short'; code: string };

interface PublicKeyEntry {
  keyId: string;
  publicKey: KeyObject;
  createdAt: Date;
  retiredAt: Date | null;
}

interface SigningKeyRow {
  key_id: string;
  public_key: Buffer;
  private_key: Buffer;
  retired_at: Date | null;
}

const KEY_ID = /^[A-Z0-9]{1,4}$/;
/** An unknown key id reloads the keys at most this often, so forged key ids cannot flood the database. */
// Reloads for an unknown key id are throttled, so forged key ids cannot make every scan read the table;
// one per second is enough for a key created by another process to be found at once in practice.
const UNKNOWN_KEY_REFRESH_MS = 1_000;
/** Even without unknown key ids, the keys are reloaded this often (retirements, new keys). */
const MAX_CACHE_AGE_MS = 5 * 60_000;

/**
 * The Ed25519 keys that sign the vouchers' QR tokens (table voucher_signing_key). The worker signs
 * with the newest key that is not retired; every process verifies with the public keys kept in memory,
 * so a forged or altered code is refused before any database read.
 */
@Injectable()
export class VoucherKeyring {
  private cache: Map<string, PublicKeyEntry> | null = null;
  private loadedAt = 0;
  private loading: Promise<Map<string, PublicKeyEntry>> | null = null;

  /**
   * The key to sign new tokens with. With VOUCHER_SIGNING_KEY set (base64 PKCS#8 DER of an Ed25519
   * private key) and VOUCHER_SIGNING_KEY_ID, that key, registered on first use. Otherwise the newest key
   * that is not retired; when there is none, a new key pair (K1, then K2, ...) stored so that two workers
   * starting together end up with the same key.
   */
  async signingKey(em: EntityManager): Promise<VoucherSigningKey> {
    const key = await this.findOrCreateSigningKey(em);
    // A key this process has not seen yet (just created, or created by another worker): the next
    // verification reloads, so tokens signed here verify here at once.
    if (this.cache && !this.cache.has(key.keyId)) this.cache = null;
    return key;
  }

  private async findOrCreateSigningKey(em: EntityManager): Promise<VoucherSigningKey> {
    const configured = configuredSigningKey();
    if (configured) return this.registerConfigured(em, configured);

    const current = await this.newestActive(em);
    if (current) return current;
    const rows: { key_id: string }[] = await em.query(
      `SELECT key_id FROM voucher_signing_key WHERE key_id ~ '^K[0-9]{1,3}$'`,
    );
    const next = Math.max(0, ...rows.map((row) => Number(row.key_id.slice(1)))) + 1;
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    await em.query(
      `INSERT INTO voucher_signing_key (key_id, public_key, private_key) VALUES ($1, $2, $3)
       ON CONFLICT (key_id) DO NOTHING`,
      [
        `K${next}`,
        publicKey.export({ format: 'der', type: 'spki' }),
        privateKey.export({ format: 'der', type: 'pkcs8' }),
      ],
    );
    // Whoever inserted first wins; everybody signs with what is stored.
    const stored = await this.newestActive(em);
    if (!stored) throw new Error('No voucher signing key after creating one');
    return stored;
  }

  /** The public keys by key id, retired ones included (tokens they signed stay valid). */
  async publicKeys(em: EntityManager): Promise<ReadonlyMap<string, KeyObject>> {
    const entries = await this.entries(em);
    return new Map([...entries].map(([keyId, entry]) => [keyId, entry.publicKey]));
  }

  /**
   * Reloads the keys when `keyId` is not among them, at most once a second (at once while no key is
   * known: the first key is created by the worker). Returns whether the key id is known afterwards.
   */
  async refreshIfUnknown(em: EntityManager, keyId: string): Promise<boolean> {
    const entries = await this.entries(em);
    if (entries.has(keyId)) return true;
    if (entries.size > 0 && Date.now() - this.loadedAt < UNKNOWN_KEY_REFRESH_MS) return false;
    return (await this.load(em)).has(keyId);
  }

  /** The public keys as JWKs, oldest first. */
  async jwks(em: EntityManager): Promise<VoucherPublicJwk[]> {
    const entries = [...(await this.entries(em)).values()];
    entries.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.keyId.localeCompare(b.keyId));
    return entries.map((entry) => ({
      kid: entry.keyId,
      kty: 'OKP',
      crv: 'Ed25519',
      x: entry.publicKey.export({ format: 'jwk' }).x as string,
      use: 'sig',
      createdAt: entry.createdAt.toISOString(),
      retiredAt: entry.retiredAt?.toISOString() ?? null,
    }));
  }

  /**
   * What a shop scanned or typed: a QR token whose signature checks out, or a short code whose check
   * character is right. Anything else is VoucherCodeInvalidError. Does not look the voucher up.
   */
  async parseCode(em: EntityManager, input: string): Promise<ParsedVoucherCode> {
    if (looksLikeVoucherToken(input)) {
      const keyId = voucherTokenKeyId(input);
      if (!keyId || !(await this.refreshIfUnknown(em, keyId))) throw new VoucherCodeInvalidError();
      return { kind: 'token', ...verifyVoucherToken(input, await this.publicKeys(em)) };
    }
    const code = normaliseShortCode(input);
    if (!code) throw new VoucherCodeInvalidError();
    return { kind: 'short', code };
  }

  private async entries(em: EntityManager): Promise<Map<string, PublicKeyEntry>> {
    if (this.cache && Date.now() - this.loadedAt < MAX_CACHE_AGE_MS) return this.cache;
    return this.load(em);
  }

  private load(em: EntityManager): Promise<Map<string, PublicKeyEntry>> {
    // Concurrent requests share one query.
    this.loading ??= (async () => {
      try {
        const rows: { key_id: string; public_key: Buffer; created_at: Date; retired_at: Date | null }[] =
          await em.query(`SELECT key_id, public_key, created_at, retired_at FROM voucher_signing_key`);
        this.cache = new Map(
          rows.map((row) => [
            row.key_id,
            {
              keyId: row.key_id,
              publicKey: createPublicKey({ key: row.public_key, format: 'der', type: 'spki' }),
              createdAt: row.created_at,
              retiredAt: row.retired_at,
            },
          ]),
        );
        this.loadedAt = Date.now();
        return this.cache;
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }

  private async newestActive(em: EntityManager): Promise<VoucherSigningKey | null> {
    const rows: SigningKeyRow[] = await em.query(
      `SELECT key_id, public_key, private_key, retired_at FROM voucher_signing_key
       WHERE retired_at IS NULL ORDER BY created_at DESC, key_id DESC LIMIT 1`,
    );
    return rows.length ? toSigningKey(rows[0]) : null;
  }

  private async registerConfigured(
    em: EntityManager,
    configured: VoucherSigningKey & { publicDer: Buffer },
  ): Promise<VoucherSigningKey> {
    await em.query(
      `INSERT INTO voucher_signing_key (key_id, public_key, private_key) VALUES ($1, $2, $3)
       ON CONFLICT (key_id) DO NOTHING`,
      [
        configured.keyId,
        configured.publicDer,
        configured.privateKey.export({ format: 'der', type: 'pkcs8' }),
      ],
    );
    const rows: SigningKeyRow[] = await em.query(
      `SELECT key_id, public_key, private_key, retired_at FROM voucher_signing_key WHERE key_id = $1`,
      [configured.keyId],
    );
    if (!rows[0]?.public_key.equals(configured.publicDer)) {
      throw new VoucherSigningKeyConfigError(
        `VOUCHER_SIGNING_KEY_ID ${configured.keyId} is already stored with another key`,
      );
    }
    if (rows[0].retired_at) {
      throw new VoucherSigningKeyConfigError(`VOUCHER_SIGNING_KEY_ID ${configured.keyId} is retired`);
    }
    return { keyId: configured.keyId, privateKey: configured.privateKey };
  }
}

function toSigningKey(row: SigningKeyRow): VoucherSigningKey {
  return {
    keyId: row.key_id,
    privateKey: createPrivateKey({ key: row.private_key, format: 'der', type: 'pkcs8' }),
  };
}

/** The key given by the environment (VOUCHER_SIGNING_KEY, VOUCHER_SIGNING_KEY_ID), or null. */
export function configuredSigningKey(
  env: NodeJS.ProcessEnv = process.env,
): (VoucherSigningKey & { publicDer: Buffer }) | null {
  const encoded = env.VOUCHER_SIGNING_KEY?.trim();
  if (!encoded) return null;
  const keyId = env.VOUCHER_SIGNING_KEY_ID?.trim() ?? '';
  if (!KEY_ID.test(keyId)) {
    throw new VoucherSigningKeyConfigError('VOUCHER_SIGNING_KEY_ID must be 1 to 4 of A-Z and 0-9');
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: Buffer.from(encoded, 'base64'), format: 'der', type: 'pkcs8' });
  } catch {
    throw new VoucherSigningKeyConfigError('VOUCHER_SIGNING_KEY is not a base64 PKCS#8 DER private key');
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new VoucherSigningKeyConfigError('VOUCHER_SIGNING_KEY must be an Ed25519 key');
  }
  const publicDer = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return { keyId, privateKey, publicDer };
}
