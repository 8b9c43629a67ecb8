import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { createRedis } from './redis-connection';

/**
 * One fail-fast Redis connection per process for counters and caches (rate limits, lockouts). Callers
 * must treat Redis as optional: losing it loses no money and no application (ARCHITECTURE.md).
 */
@Injectable()
export class SharedRedis implements OnApplicationShutdown {
  private readonly logger = new Logger(SharedRedis.name);
  readonly client: Redis;

  constructor(@Inject(APP_CONFIG) readonly config: AppConfig) {
    this.client = createRedis(config.REDIS_URL, 'producer', { lazyConnect: true });
    let down = false;
    this.client.on('error', (error: Error) => {
      if (!down) this.logger.warn(`Redis unreachable for counters: ${error.message}`);
      down = true;
    });
    this.client.on('ready', () => (down = false));
    this.client.connect().catch(() => undefined);
  }

  /** A key under this deployment's prefix (tests get their own). */
  key(...parts: string[]): string {
    return [this.config.REDIS_PREFIX, ...parts].join(':');
  }

  onApplicationShutdown(): void {
    this.client.disconnect();
  }
}
