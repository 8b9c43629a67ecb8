import fc from 'fast-check';
import {
  allocateAutomatically,
  allocateChosen,
  type PayableLine,
  type UsableVoucher,
} from './voucher-allocation';

const day = (d: number) => new Date(Date.UTC(2027, 0, d));
const line = (key: string, amount: number, ...ids: string[]): PayableLine => ({
  key,
  amount,
  eligibleVoucherIds: new Set(ids),
});

describe(allocateAutomatically.name, () => {
  it('uses the voucher that expires first, first', () => {
    const vouchers: UsableVoucher[] = [
      { id: 'late', balance: 10_000, validUntil: day(30) },
      { id: 'soon', balance: 3000, validUntil: day(5) },
    ];
    expect(allocateAutomatically([line('a', 5000, 'late', 'soon')], vouchers)).toEqual([
      { lineKey: 'a', voucherId: 'soon', amount: 3000 },
      { lineKey: 'a', voucherId: 'late', amount: 2000 },
    ]);
  });

  it('serves first the line that fewer vouchers can pay', () => {
    const vouchers: UsableVoucher[] = [
      { id: 'any', balance: 5000, validUntil: day(1) },
      { id: 'childcare', balance: 5000, validUntil: day(2) },
    ];
    const allocations = allocateAutomatically(
      [line('nido', 5000, 'any', 'childcare'), line('spesa', 5000, 'any')],
      vouchers,
    );
    expect(allocations).toEqual(
      expect.arrayContaining([
        { lineKey: 'spesa', voucherId: 'any', amount: 5000 },
        { lineKey: 'nido', voucherId: 'childcare', amount: 5000 },
      ]),
    );
  });

  it('never pays more than a line costs or a voucher holds', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ amount: fc.integer({ min: 0, max: 20_000 }), mask: fc.integer({ min: 0, max: 7 }) }),
          {
            maxLength: 6,
          },
        ),
        fc.array(
          fc.record({ balance: fc.integer({ min: 0, max: 20_000 }), day: fc.integer({ min: 1, max: 28 }) }),
          {
            minLength: 3,
            maxLength: 3,
          },
        ),
        (rawLines, rawVouchers) => {
          const vouchers = rawVouchers.map((v, i) => ({
            id: `v${i}`,
            balance: v.balance,
            validUntil: day(v.day),
          }));
          const lines = rawLines.map((l, i) =>
            line(`l${i}`, l.amount, ...vouchers.filter((_, j) => l.mask & (1 << j)).map((v) => v.id)),
          );
          const allocations = allocateAutomatically(lines, vouchers);
          for (const l of lines) {
            const paid = allocations.filter((a) => a.lineKey === l.key).reduce((s, a) => s + a.amount, 0);
            expect(paid).toBeLessThanOrEqual(l.amount);
          }
          for (const v of vouchers) {
            const used = allocations.filter((a) => a.voucherId === v.id).reduce((s, a) => s + a.amount, 0);
            expect(used).toBeLessThanOrEqual(v.balance);
          }
          for (const a of allocations) {
            expect(a.amount).toBeGreaterThan(0);
            expect(lines.find((l) => l.key === a.lineKey)!.eligibleVoucherIds.has(a.voucherId)).toBe(true);
          }
        },
      ),
    );
  });
});

describe(allocateChosen.name, () => {
  const vouchers: UsableVoucher[] = [{ id: 'v', balance: 4000, validUntil: day(9) }];

  it('applies the amount the family chose', () => {
    expect(allocateChosen([line('a', 5000, 'v')], vouchers, [{ voucherId: 'v', amount: 1500 }])).toEqual([
      { lineKey: 'a', voucherId: 'v', amount: 1500 },
    ]);
  });

  it('refuses more than the voucher holds, or than the lines it may pay', () => {
    expect(allocateChosen([line('a', 5000, 'v')], vouchers, [{ voucherId: 'v', amount: 4001 }])).toBeNull();
    expect(allocateChosen([line('a', 1000, 'v')], vouchers, [{ voucherId: 'v', amount: 2000 }])).toBeNull();
    expect(allocateChosen([line('a', 1000)], vouchers, [{ voucherId: 'v', amount: 500 }])).toBeNull();
    expect(allocateChosen([line('a', 1000, 'x')], vouchers, [{ voucherId: 'x', amount: 500 }])).toBeNull();
  });
});
