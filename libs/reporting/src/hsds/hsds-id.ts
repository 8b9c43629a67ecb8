import { createHash } from 'node:crypto';

/**
 * The namespace of the ids this export derives (RFC 9562 name-based, version 5). Fixed for good: changing
 * it would give every derived object a new id and break whoever harvested the directory.
 */
const NAMESPACE = Buffer.from('3f0b6a52c1e84d2f9a7e5c4b1d2e6f80', 'hex');

/**
 * A stable UUID for an HSDS object that has no row of its own (a schedule, an address, the link of a
 * service to a term, the Ambito as an organization): the same parts always give the same id.
 */
export function hsdsId(...parts: string[]): string {
  const hash = createHash('sha1').update(NAMESPACE).update(parts.join('/')).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
