import type { EntityManager } from 'typeorm';

/**
 * Runs an `UPDATE ... RETURNING` (or `DELETE ... RETURNING`) and gives its rows. TypeORM's Postgres
 * driver answers such statements with `[rows, affected]` instead of the rows an INSERT or SELECT
 * returns: reading that pair as rows would see two "rows" when none matched.
 */
export async function updateReturning<T>(
  em: EntityManager,
  sql: string,
  parameters: unknown[],
): Promise<T[]> {
  const result = (await em.query(sql, parameters)) as [T[], number];
  return result[0];
}
