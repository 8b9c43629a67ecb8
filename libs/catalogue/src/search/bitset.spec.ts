import { emptyBitset, forEachBit, hasBit, popcount, popcountAnd, setBit } from './bitset';

describe('Bitset', () => {
  it('sets, tests, counts and lists bits across words', () => {
    const a = emptyBitset(3);
    const b = emptyBitset(3);
    for (const i of [0, 31, 32, 63, 95]) setBit(a, i);
    for (const i of [31, 63, 64]) setBit(b, i);
    expect([hasBit(a, 31), hasBit(a, 30), hasBit(a, 95)]).toEqual([true, false, true]);
    expect(popcount(a)).toBe(5);
    expect(popcountAnd(a, b)).toBe(2);
    const listed: number[] = [];
    forEachBit(a, (i) => listed.push(i));
    expect(listed).toEqual([0, 31, 32, 63, 95]);
  });
});
