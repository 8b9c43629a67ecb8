import { type AppConfig, loadConfig } from '@piazza/core';
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import {
  createDatabaseIfMissing,
  dropDatabase,
  runMigrations,
} from '../../apps/cli/src/database/database-admin';

export interface TestEnv {
  config: AppConfig;
  /** Another configuration on the same database and prefix (e.g. a Redis that is down). */
  with(overrides: Partial<Record<keyof AppConfig, string>>): AppConfig;
  close(): Promise<void>;
}

/**
 * A throw-away database, migrated, and a Redis key prefix of its own, for one test file. Nothing is
 * shared with the dev database or with other test files; both are removed by close().
 */
export async function createTestEnv(
  overrides: Partial<Record<keyof AppConfig, string>> = {},
): Promise<TestEnv> {
  const id = `${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const server = new URL(process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/piazza');
  server.pathname = `/piazza_test_${id}`;
  const base = {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent',
    DATABASE_URL: server.toString(),
    DATABASE_POOL_SIZE: '5',
    REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `piazza-test-${id}`,
    OUTBOX_POLL_MS: '50',
    SHUTDOWN_TIMEOUT_MS: '5000',
    ...overrides,
  };
  const config = loadConfig(base);
  await createDatabaseIfMissing(config.DATABASE_URL);
  await runMigrations(config);
  return {
    config,
    with: (more) => loadConfig({ ...base, ...more }),
    async close() {
      await dropDatabase(config.DATABASE_URL);
      await deleteKeys(base.REDIS_URL, config.REDIS_PREFIX);
    },
  };
}

async function deleteKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
