import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { createRedis } from '../redis/redis-connection';

/** BullMQ queues for producing jobs, one instance per queue name, sharing one fail-fast connection. */
@Injectable()
export class QueueRegistry implements OnApplicationShutdown {
  private readonly logger = new Logger(QueueRegistry.name);
  private readonly queues = new Map<string, Queue>();
  private connection: Redis | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      this.connection ??= this.connect();
      queue = new Queue(name, { connection: this.connection, prefix: this.config.REDIS_PREFIX });
      // Connection errors are reported by the connection's own handler, once; a queue without an
      // error listener would crash the process on the first one.
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  /**
   * Whether Redis is connected now. BullMQ waits for a connection before sending a command, so a caller
   * that must not wait (the outbox relay) asks first.
   */
  isConnected(): boolean {
    this.connection ??= this.connect();
    return this.connection.status === 'ready';
  }

  /** Waits (at most `timeoutMs`) for the first connection, so a starting process does not report a failure. */
  async connected(timeoutMs: number): Promise<boolean> {
    this.connection ??= this.connect();
    if (this.connection.status === 'ready') return true;
    const connection = this.connection;
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        connection.off('ready', onReady);
        resolve(ok);
      };
      const onReady = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      connection.once('ready', onReady);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
    this.connection?.disconnect();
  }

  private connect(): Redis {
    const redis = createRedis(this.config.REDIS_URL, 'producer');
    let down = false;
    redis.on('error', (error: Error) => {
      if (!down) this.logger.warn(`Redis unreachable for producing jobs: ${error.message}`);
      down = true;
    });
    redis.on('ready', () => {
      if (down) this.logger.log('Redis reachable again');
      down = false;
    });
    return redis;
  }
}
