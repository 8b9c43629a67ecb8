/** A set of services as one bit per ordinal (Uint32Array of ceil(n / 32) words). */
export type Bitset = Uint32Array;

export function emptyBitset(words: number): Bitset {
  return new Uint32Array(words);
}

export function setBit(set: Bitset, i: number): void {
  set[i >>> 5] |= 1 << (i & 31);
}

export function clearBit(set: Bitset, i: number): void {
  set[i >>> 5] &= ~(1 << (i & 31));
}

export function hasBit(set: Bitset, i: number): boolean {
  return (set[i >>> 5] & (1 << (i & 31))) !== 0;
}

export function popcount(set: Bitset): number {
  let n = 0;
  for (let i = 0; i < set.length; i++) n += bitCount(set[i]);
  return n;
}

/** popcount(a AND b) without allocating. */
export function popcountAnd(a: Bitset, b: Bitset): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) n += bitCount(a[i] & b[i]);
  return n;
}

/** The indexes of the words of `set` that are not 0: a text search's set is mostly empty words. */
export function nonZeroWords(set: Bitset): Int32Array {
  const out = new Int32Array(set.length);
  let n = 0;
  for (let w = 0; w < set.length; w++) if (set[w] !== 0) out[n++] = w;
  return out.subarray(0, n);
}

/** popcount(a AND b) over the words of `a` listed in `words` (its non-zero ones: see nonZeroWords). */
export function popcountAndIn(a: Bitset, b: Bitset, words: Int32Array): number {
  if (words.length === a.length) return popcountAnd(a, b);
  let n = 0;
  for (let j = 0; j < words.length; j++) n += bitCount(a[words[j]] & b[words[j]]);
  return n;
}

export function bitCount(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** a AND b, as a new set. */
export function and(a: Bitset, b: Bitset): Bitset {
  const out = new Uint32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] & b[i];
  return out;
}

export function orInto(target: Bitset, source: Bitset): void {
  for (let i = 0; i < target.length; i++) target[i] |= source[i];
}

/** Calls `fn` with each ordinal of the set, ascending. */
export function forEachBit(set: Bitset, fn: (i: number) => void): void {
  for (let w = 0; w < set.length; w++) {
    let word = set[w];
    while (word !== 0) {
      const low = word & -word;
      fn((w << 5) + (31 - Math.clz32(low)));
      word ^= low;
    }
  }
}

/** The ordinals of the set, ascending (`count` = popcount(set)). */
export function members(set: Bitset, count: number): Int32Array {
  const out = new Int32Array(count);
  let j = 0;
  for (let w = 0; w < set.length; w++) {
    let word = set[w];
    while (word !== 0) {
      const low = word & -word;
      out[j++] = (w << 5) + (31 - Math.clz32(low));
      word ^= low;
    }
  }
  return out;
}
