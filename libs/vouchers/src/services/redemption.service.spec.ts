import { DomainError, type OutboxService, RequestContext } from '@piazza/core';
import type { LedgerService } from '@piazza/ledger';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { VoucherKeyring } from '../codes/voucher-keyring.service';
import { signVoucherToken } from '../codes/voucher-token';
import { maskCode, RedemptionService } from './redemption.service';

const SHOP = randomUUID();

/** A manager that records every statement and answers only the shop and the signing keys. */
function fakeDatabase(accredited = true) {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const statements: string[] = [];
  const em = {
    query: async (sql: string) => {
      statements.push(sql);
      if (/FROM organisation o JOIN organisation_member/.test(sql))
        return [
          { id: SHOP, name: 'Alimentari', comune_id: randomUUID(), shop_category: 'alimentari', accredited },
        ];
      if (/FROM voucher_signing_key/.test(sql))
        return [
          {
            key_id: 'K1',
            public_key: publicKey.export({ format: 'der', type: 'spki' }),
            created_at: new Date(),
            retired_at: null,
          },
        ];
      throw new Error(`unexpected statement: ${sql}`);
    },
  } as unknown as EntityManager;
  const ctx = new RequestContext(em, 'test', 'it', {
    userId: randomUUID(),
    roles: ['merchant'],
    comuneIds: [],
  });
  const service = new RedemptionService({} as LedgerService, new VoucherKeyring(), {} as OutboxService);
  const token = signVoucherToken(randomUUID(), { keyId: 'K1', privateKey });
  return { ctx, service, statements, token };
}

const code = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
};

const touchesVouchers = (statements: string[]) =>
  statements.filter((s) => /\b(voucher|ledger_account|ledger_transfer|voucher_redemption)\b/.test(s));

describe(RedemptionService.name, () => {
  it('refuses an altered token before any statement reads a voucher or a balance', async () => {
    const { ctx, service, statements, token } = fakeDatabase();
    const altered = token.slice(0, -6) + (token.at(-6) === 'A' ? 'C' : 'A') + token.slice(-5);
    expect(await code(service.redeem(ctx, SHOP, { code: altered, amount: 100 }, 'k'))).toBe(
      'VOUCHER_CODE_INVALID',
    );
    expect(await code(service.check(ctx, SHOP, altered))).toBe('VOUCHER_CODE_INVALID');
    expect(statements.length).toBeGreaterThan(0);
    expect(touchesVouchers(statements)).toEqual([]);
  });

  it('refuses a short code with a typing mistake before any lookup', async () => {
    const { ctx, service, statements } = fakeDatabase();
    expect(await code(service.redeem(ctx, SHOP, { code: 'ACDE-FHJK-MNPA', amount: 100 }, 'k'))).toBe(
      'VOUCHER_CODE_INVALID',
    );
    expect(touchesVouchers(statements)).toEqual([]);
  });

  it('refuses a shop that is not accredited before anything about the code', async () => {
    const { ctx, service, token } = fakeDatabase(false);
    const altered = token.slice(0, -6) + (token.at(-6) === 'A' ? 'C' : 'A') + token.slice(-5);
    for (const typed of [token, altered, 'ACDE-FHJK-MNPA'])
      expect(await code(service.redeem(ctx, SHOP, { code: typed, amount: 100 }, 'k'))).toBe(
        'SHOP_NOT_ACCREDITED',
      );
    expect(await code(service.check(ctx, SHOP, altered))).toBe('SHOP_NOT_ACCREDITED');
  });

  it('refuses an amount that is not a positive whole number of cents before touching the database', async () => {
    const { ctx, service, statements, token } = fakeDatabase();
    for (const amount of [0, -5, 12.5])
      expect(await code(service.redeem(ctx, SHOP, { code: token, amount }, 'k'))).toBe('VALIDATION_FAILED');
    expect(statements).toEqual([]);
  });

  it('masks all but the last four characters of a code', () => {
    expect(maskCode('ACDE-FHJK-MN34')).toBe('****-****-MN34');
  });
});
