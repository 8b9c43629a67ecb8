import { createPublicKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { VoucherCodeInvalidError, VoucherSigningKeyConfigError } from '../errors';
import { generateShortCode } from './short-code';
import { VoucherKeyring } from './voucher-keyring.service';
import { signVoucherToken } from './voucher-token';

interface Row {
  key_id: string;
  public_key: Buffer;
  private_key: Buffer;
  created_at: Date;
  retired_at: Date | null;
}

/** The table voucher_signing_key in memory, answering the few statements the keyring sends. */
class FakeKeyTable {
  rows: Row[] = [];
  reads = 0;
  private clock = 0;

  readonly em = {
    query: async (sql: string, params: unknown[] = []): Promise<unknown[]> => {
      const text = sql.replace(/\s+/g, ' ').trim();
      if (text.startsWith('INSERT INTO voucher_signing_key')) {
        const [keyId, publicKey, privateKey] = params as [string, Buffer, Buffer];
        if (!this.rows.some((row) => row.key_id === keyId)) {
          this.rows.push({
            key_id: keyId,
            public_key: publicKey,
            private_key: privateKey,
            created_at: new Date(Date.UTC(2026, 0, 1) + ++this.clock * 1000),
            retired_at: null,
          });
        }
        return [];
      }
      if (text.includes('WHERE retired_at IS NULL')) {
        return this.rows
          .filter((row) => !row.retired_at)
          .sort((a, b) => b.created_at.getTime() - a.created_at.getTime())
          .slice(0, 1);
      }
      if (text.includes('WHERE key_id = $1')) return this.rows.filter((row) => row.key_id === params[0]);
      if (text.includes('WHERE key_id ~')) return this.rows.filter((row) => /^K\d{1,3}$/.test(row.key_id));
      if (text === 'SELECT key_id, public_key, created_at, retired_at FROM voucher_signing_key') {
        this.reads++;
        return [...this.rows];
      }
      throw new Error(`unexpected SQL: ${text}`);
    },
  } as unknown as EntityManager;

  retire(keyId: string) {
    this.rows.find((row) => row.key_id === keyId)!.retired_at = new Date();
  }
}

describe(VoucherKeyring.name, () => {
  let table: FakeKeyTable;
  let now: number;

  beforeEach(() => {
    table = new FakeKeyTable();
    now = Date.UTC(2026, 4, 1);
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    delete process.env.VOUCHER_SIGNING_KEY;
    delete process.env.VOUCHER_SIGNING_KEY_ID;
  });

  afterEach(() => jest.restoreAllMocks());

  it('creates K1 on first use, keeps signing with it, and two workers get the same key', async () => {
    const worker1 = new VoucherKeyring();
    const worker2 = new VoucherKeyring();
    const [a, b] = await Promise.all([worker1.signingKey(table.em), worker2.signingKey(table.em)]);
    expect(a.keyId).toBe('K1');
    expect(b.keyId).toBe('K1');
    expect(table.rows).toHaveLength(1);
    const token = signVoucherToken(randomUUID(), b);
    expect((await new VoucherKeyring().parseCode(table.em, token)).kind).toBe('token');
    expect((await worker1.signingKey(table.em)).keyId).toBe('K1');
  });

  it('creates K2 when K1 is retired, and tokens signed with K1 stay valid', async () => {
    const keyring = new VoucherKeyring();
    const k1 = await keyring.signingKey(table.em);
    const voucherId = randomUUID();
    const oldToken = signVoucherToken(voucherId, k1);
    table.retire('K1');
    const k2 = await keyring.signingKey(table.em);
    expect(k2.keyId).toBe('K2');
    const verifier = new VoucherKeyring();
    await expect(verifier.parseCode(table.em, oldToken)).resolves.toEqual({
      kind: 'token',
      voucherId,
      keyId: 'K1',
    });
    const jwks = await verifier.jwks(table.em);
    expect(jwks.map((key) => [key.kid, key.retiredAt === null])).toEqual([
      ['K1', false],
      ['K2', true],
    ]);
  });

  it('serves public keys as Ed25519 JWKs that verify what was signed', async () => {
    const keyring = new VoucherKeyring();
    const key = await keyring.signingKey(table.em);
    const [jwk] = await keyring.jwks(table.em);
    expect(jwk).toMatchObject({ kid: 'K1', kty: 'OKP', crv: 'Ed25519', use: 'sig', retiredAt: null });
    expect(jwk.x).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const fromJwk = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' });
    expect(fromJwk.export({ format: 'jwk' }).x).toBe(
      createPublicKey(key.privateKey).export({ format: 'jwk' }).x,
    );
    expect(JSON.stringify(jwk)).not.toContain('"d"');
  });

  it('registers and signs with the key given in VOUCHER_SIGNING_KEY', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    process.env.VOUCHER_SIGNING_KEY = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
    process.env.VOUCHER_SIGNING_KEY_ID = 'P26';
    const key = await new VoucherKeyring().signingKey(table.em);
    expect(key.keyId).toBe('P26');
    expect(table.rows.map((row) => row.key_id)).toEqual(['P26']);
    const token = signVoucherToken(randomUUID(), key);
    expect(await new VoucherKeyring().parseCode(table.em, token)).toMatchObject({
      kind: 'token',
      keyId: 'P26',
    });

    // The same key id with another key is a configuration mistake, refused rather than signing with it.
    process.env.VOUCHER_SIGNING_KEY = generateKeyPairSync('ed25519')
      .privateKey.export({ format: 'der', type: 'pkcs8' })
      .toString('base64');
    await expect(new VoucherKeyring().signingKey(table.em)).rejects.toThrow(VoucherSigningKeyConfigError);
    process.env.VOUCHER_SIGNING_KEY = 'bm90IGEga2V5';
    await expect(new VoucherKeyring().signingKey(table.em)).rejects.toThrow(VoucherSigningKeyConfigError);
  });

  it('parses short codes, and refuses typos and garbage before any lookup', async () => {
    const keyring = new VoucherKeyring();
    const code = generateShortCode();
    await expect(keyring.parseCode(table.em, code.toLowerCase().replace(/-/g, ' '))).resolves.toEqual({
      kind: 'short',
      code,
    });
    const typo = (code[0] === 'A' ? 'C' : 'A') + code.slice(1);
    await expect(keyring.parseCode(table.em, typo)).rejects.toThrow(VoucherCodeInvalidError);
    await expect(keyring.parseCode(table.em, 'hello')).rejects.toThrow(VoucherCodeInvalidError);
    await expect(keyring.parseCode(table.em, `PZ1K1.${'A'.repeat(60)}`)).rejects.toThrow(
      VoucherCodeInvalidError,
    );
    expect(table.reads).toBe(0);
  });

  it('reads the keys at most once a second for forged unknown key ids', async () => {
    const keyring = new VoucherKeyring();
    await keyring.signingKey(table.em);
    const forger = generateKeyPairSync('ed25519').privateKey;
    for (let n = 0; n < 50; n++) {
      const forged = signVoucherToken(randomUUID(), { keyId: `X${n}`, privateKey: forger });
      await expect(keyring.parseCode(table.em, forged)).rejects.toThrow(VoucherCodeInvalidError);
    }
    expect(table.reads).toBe(1);
    now += 1_001;
    const forged = signVoucherToken(randomUUID(), { keyId: 'X99', privateKey: forger });
    await expect(keyring.parseCode(table.em, forged)).rejects.toThrow(VoucherCodeInvalidError);
    expect(table.reads).toBe(2);
  });

  it('learns at once the first key another worker created', async () => {
    const api = new VoucherKeyring();
    await api.publicKeys(table.em);
    const key = await new VoucherKeyring().signingKey(table.em);
    const token = signVoucherToken(randomUUID(), key);
    await expect(api.parseCode(table.em, token)).resolves.toMatchObject({ kind: 'token', keyId: 'K1' });
  });

  it('learns a later key another worker created, once a second has passed', async () => {
    await new VoucherKeyring().signingKey(table.em);
    const api = new VoucherKeyring();
    await api.publicKeys(table.em);
    table.retire('K1');
    const key = await new VoucherKeyring().signingKey(table.em);
    expect(key.keyId).toBe('K2');
    const token = signVoucherToken(randomUUID(), key);
    await expect(api.parseCode(table.em, token)).rejects.toThrow(VoucherCodeInvalidError);
    now += 1_001;
    await expect(api.parseCode(table.em, token)).resolves.toMatchObject({ kind: 'token', keyId: 'K2' });
  });

  it('verifies at once what the same process has just signed with a new key', async () => {
    const keyring = new VoucherKeyring();
    await keyring.publicKeys(table.em);
    const token = signVoucherToken(randomUUID(), await keyring.signingKey(table.em));
    await expect(keyring.parseCode(table.em, token)).resolves.toMatchObject({ kind: 'token', keyId: 'K1' });
  });
});
