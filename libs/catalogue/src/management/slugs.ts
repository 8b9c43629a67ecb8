import type { RequestContext } from '@piazza/core';

/** The URL form of a title: lower case, no accents, words joined by hyphens ("Caffè & Co." → "caffe-co"). */
export function slugify(text: string, maxLength = 60): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, maxLength)
    .replace(/^-+|-+$/g, '');
}

/**
 * The first of `base`, `base-2`, `base-3`, ... that no row of the table uses. `table` is a constant of
 * this library (service_offer, event), never input.
 */
export async function freeSlug(
  ctx: RequestContext,
  table: 'service_offer' | 'event',
  base: string,
): Promise<string> {
  const taken = new Set(
    (
      (await ctx.em.query(`SELECT slug FROM ${table} WHERE slug = $1 OR slug LIKE $1 || '-%'`, [base])) as {
        slug: string;
      }[]
    ).map((r) => r.slug),
  );
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!taken.has(slug)) return slug;
  }
}

/**
 * Inserts a row under the first free slug. `insert` runs `INSERT ... ON CONFLICT (slug) DO NOTHING
 * RETURNING id` and gives the id, or nothing when another request took that slug in the meantime; then
 * the next free one is tried, so two services with the same title created at once both succeed.
 */
export async function insertWithFreeSlug(
  ctx: RequestContext,
  table: 'service_offer' | 'event',
  base: string,
  insert: (slug: string) => Promise<string | undefined>,
): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const id = await insert(await freeSlug(ctx, table, base));
    if (id) return id;
  }
  throw new Error(`No free slug for "${base}" in ${table} after 5 attempts`);
}
