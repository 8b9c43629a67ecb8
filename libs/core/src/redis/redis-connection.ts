import { Redis, type RedisOptions } from 'ioredis';

export type RedisRole = 'producer' | 'worker' | 'probe';

/**
 * A Redis connection for one role. Producers and probes fail fast while Redis is down (so the outbox
 * relay and /api/health answer at once instead of hanging); BullMQ workers must wait forever, which
 * BullMQ requires (`maxRetriesPerRequest: null`).
 */
export function createRedis(url: string, role: RedisRole, extra: RedisOptions = {}): Redis {
  return new Redis({ ...redisConnectionOptions(url, role), ...extra });
}

/**
 * Connection options for a library that opens and closes its own connections (BullMQ workers), read
 * from a redis:// or rediss:// URL.
 */
export function redisConnectionOptions(url: string, role: RedisRole): RedisOptions {
  const parsed = new URL(url);
  const failFast = role !== 'worker';
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    connectionName: `piazza-${role}`,
    enableOfflineQueue: !failFast,
    maxRetriesPerRequest: failFast ? 1 : null,
    connectTimeout: 3_000,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  };
}
