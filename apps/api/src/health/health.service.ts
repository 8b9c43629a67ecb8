import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, createRedis } from '@piazza/core';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';

export interface DependencyHealth {
  status: 'ok' | 'down';
  latencyMs: number;
  error?: string;
}

export interface Health {
  status: 'ok' | 'degraded';
  checks: { postgres: DependencyHealth; redis: DependencyHealth };
}

const TIMEOUT_MS = 2_000;

/** Probes the two services the platform needs, each with a short timeout. */
@Injectable()
export class HealthService implements OnApplicationShutdown {
  private readonly redis: Redis;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // No background reconnecting: each check connects again if the last one found Redis down.
    this.redis = createRedis(config.REDIS_URL, 'probe', { lazyConnect: true, retryStrategy: () => null });
    // Failures are reported by check(); without a listener ioredis would print each reconnect error.
    this.redis.on('error', () => undefined);
  }

  async check(): Promise<Health> {
    const [postgres, redis] = await Promise.all([
      probe(() => this.dataSource.query('SELECT 1')),
      probe(async () => {
        if (this.redis.status === 'wait' || this.redis.status === 'end') await this.redis.connect();
        await this.redis.ping();
      }),
    ]);
    return {
      status: postgres.status === 'ok' && redis.status === 'ok' ? 'ok' : 'degraded',
      checks: { postgres, redis },
    };
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}

async function probe(run: () => Promise<unknown>): Promise<DependencyHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      run(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
      }),
    ]);
    return { status: 'ok', latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      status: 'down',
      latencyMs: Math.round(performance.now() - started),
      error: (error as Error).message,
    };
  } finally {
    clearTimeout(timer);
  }
}
