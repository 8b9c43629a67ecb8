import { createRedis, parseDatabaseUrl } from '@piazza/core';
import { Client } from 'pg';

const COMPOSE_HINT = 'docker compose -f docker/compose.yml up -d postgres redis';

/** A dependency that does not answer, with what to do about it in words a newcomer can follow. */
export class DependencyDownError extends Error {
  constructor(
    readonly dependency: 'PostgreSQL' | 'Redis',
    readonly target: string,
    cause: string,
    hints: string[],
  ) {
    super(
      [
        `${dependency} is not reachable at ${target} (${cause}).`,
        `${dependency} non è raggiungibile a ${target}.`,
        'Start it, then run the command again / Avvialo e ripeti il comando:',
        ...hints.map((h) => `    ${h}`),
      ].join('\n'),
    );
    this.name = 'DependencyDownError';
  }
}

function describe(error: unknown): string {
  const e = error as { code?: string; message?: string; errors?: { code?: string }[] };
  return e.code ?? e.errors?.[0]?.code ?? e.message ?? String(error);
}

/** Connects to the server's maintenance database: the application's own may not exist yet. */
export async function checkPostgres(databaseUrl: string): Promise<void> {
  const { maintenanceUrl } = parseDatabaseUrl(databaseUrl);
  const url = new URL(databaseUrl);
  const client = new Client({ connectionString: maintenanceUrl, connectionTimeoutMillis: 3_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new DependencyDownError('PostgreSQL', `${url.hostname}:${url.port || 5432}`, describe(error), [
      'pg_ctlcluster 15 main start          (Debian/Ubuntu; or: sudo systemctl start postgresql)',
      COMPOSE_HINT,
      'or set DATABASE_URL to a reachable server / oppure imposta DATABASE_URL',
    ]);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function checkRedis(redisUrl: string): Promise<void> {
  const url = new URL(redisUrl);
  const redis = createRedis(redisUrl, 'probe', { lazyConnect: true, retryStrategy: () => null });
  let lastError: unknown;
  redis.on('error', (error) => (lastError = error));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new DependencyDownError(
      'Redis',
      `${url.hostname}:${url.port || 6379}`,
      describe(lastError ?? error),
      [
        'redis-server --daemonize yes          (or: sudo systemctl start redis-server)',
        COMPOSE_HINT,
        'or set REDIS_URL to a reachable server / oppure imposta REDIS_URL',
      ],
    );
  } finally {
    redis.disconnect();
  }
}
