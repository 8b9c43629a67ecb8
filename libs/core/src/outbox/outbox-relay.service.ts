import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { outboxJobId } from './outbox-message.entity';
import { QueueRegistry } from './queue-registry';

interface PendingRow {
  id: string;
  queue: string;
  name: string;
  payload: Record<string, unknown>;
}

const BATCH = 200;
const RELISTEN_MS = 5_000;
const ADD_TIMEOUT_MS = 5_000;

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function jobOptions(outboxId: string) {
  return {
    jobId: outboxJobId(outboxId),
    attempts: 8,
    backoff: { type: 'exponential', delay: 1_000 },
    removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
    removeOnFail: { age: 30 * 24 * 3600 },
  };
}

/**
 * Moves committed outbox rows to their BullMQ queues. Rows are claimed with `FOR UPDATE SKIP LOCKED`,
 * so several workers can relay side by side, and marked relayed only after Redis accepted the job; the
 * job id is derived from the row id, so a row relayed twice (a crash between Redis and the commit) is
 * still one job. While Redis is down rows stay pending and are retried on every tick.
 */
@Injectable()
export class OutboxRelay implements OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer: NodeJS.Timeout | undefined;
  private listener: Client | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  private failing = false;
  private lastListenAttempt = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Starts polling, and listens for inserts to relay without waiting for the next poll. */
  async start(): Promise<void> {
    this.stopped = false;
    // Redis connects in a few milliseconds: wait for it rather than report the relay paused at start.
    await this.queues.connected(2_000);
    this.timer = setInterval(() => this.kick(), this.config.OUTBOX_POLL_MS);
    await this.listen();
    this.kick();
  }

  /** Stops taking new batches and waits for the batch in hand. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
    await this.running;
  }

  /** A relay started by hand (a test, a script) stops with the application too. */
  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Relays until nothing is pending; returns how many rows went to Redis. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.relayBatch();
      total += n;
      if (n < BATCH) return total;
    }
  }

  private kick(): void {
    if (this.stopped) return;
    if (!this.listener && Date.now() - this.lastListenAttempt > RELISTEN_MS) void this.listen();
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .then(() => {
        if (this.failing) this.logger.log('Outbox relay recovered');
        this.failing = false;
      })
      .catch((error: Error) => {
        // Postgres or Redis down: keep the rows, log once, try again on the next tick.
        if (!this.failing) this.logger.warn(`Outbox relay paused: ${error.message}`);
        this.failing = true;
      })
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  private async relayBatch(): Promise<number> {
    let failure: unknown;
    const relayed = await this.dataSource.transaction(async (em) => {
      const rows: PendingRow[] = await em.query(
        `SELECT id::text AS id, queue, name, payload FROM outbox
         WHERE relayed_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH],
      );
      if (rows.length === 0) return 0;
      const ids = rows.map((r) => r.id);
      try {
        if (!this.queues.isConnected()) throw new Error('Redis is not connected');
        for (const [queue, jobs] of Map.groupBy(rows, (row) => row.queue)) {
          // A late success after the timeout is harmless: the next relay re-adds with the same job id.
          await withTimeout(
            this.queues
              .get(queue)
              .addBulk(jobs.map((row) => ({ name: row.name, data: row.payload, opts: jobOptions(row.id) }))),
            ADD_TIMEOUT_MS,
          );
        }
      } catch (error) {
        // Keep the rows pending and note why; the error is raised after this transaction commits.
        failure = error;
        const message = error instanceof Error ? error.message : String(error);
        await em.query(
          `UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[])`,
          [ids, message.slice(0, 500)],
        );
        return 0;
      }
      await em.query(
        `UPDATE outbox SET relayed_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY($1::bigint[])`,
        [ids],
      );
      return rows.length;
    });
    if (failure) throw failure;
    return relayed;
  }

  private async listen(): Promise<void> {
    this.lastListenAttempt = Date.now();
    const client = new Client({
      connectionString: this.config.DATABASE_URL,
      application_name: 'piazza-outbox',
    });
    client.on('notification', () => this.kick());
    client.on('error', (error) => {
      // Polling goes on; the LISTEN connection is re-opened on the next start.
      this.logger.warn(`Outbox LISTEN connection lost: ${error.message}`);
      this.listener = undefined;
    });
    try {
      await client.connect();
      await client.query('LISTEN outbox');
      if (this.stopped) await client.end();
      else this.listener = client;
    } catch (error) {
      this.logger.warn(`Outbox relay polling only: ${(error as Error).message}`);
      await client.end().catch(() => undefined);
    }
  }
}
