import { Test } from '@nestjs/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { CoreModule, OutboxRelay, OutboxService, outboxJobId, QUEUES, SYSTEM_JOBS } from '@piazza/core';
import { Queue, QueueEvents } from 'bullmq';
import { DataSource } from 'typeorm';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { PrivateRedis } from '../support/redis-server';
import { createTestEnv, type TestEnv } from '../support/test-env';

async function eventually<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met in ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('Transactional outbox', () => {
  let env: TestEnv;
  let redis: PrivateRedis;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    env = await createTestEnv({ REDIS_URL: redis.url });
  });

  afterAll(async () => {
    await redis?.up().catch(() => undefined);
    await env?.close();
    await redis?.down();
  });

  async function coreContext(): Promise<INestApplicationContext> {
    const moduleRef = await Test.createTestingModule({ imports: [CoreModule.forRoot(env.config)] }).compile();
    return moduleRef.init();
  }

  async function commit(context: INestApplicationContext, name: string, payload: Record<string, unknown>) {
    const outbox = context.get(OutboxService);
    return context.get(DataSource).transaction(async (em) => {
      const [row] = await outbox.enqueue(em, { queue: QUEUES.system, name, payload });
      return row.id;
    });
  }

  const row = (context: INestApplicationContext, id: string) =>
    context
      .get(DataSource)
      .query(`SELECT relayed_at, attempts, last_error FROM outbox WHERE id = $1`, [id])
      .then((rows: { relayed_at: Date | null; attempts: number; last_error: string | null }[]) => rows[0]);

  it('writes nothing when the transaction rolls back', async () => {
    const context = await coreContext();
    try {
      const dataSource = context.get(DataSource);
      await expect(
        dataSource.transaction(async (em) => {
          await context.get(OutboxService).enqueue(em, { queue: QUEUES.system, name: SYSTEM_JOBS.ping });
          throw new Error('the domain change failed');
        }),
      ).rejects.toThrow('the domain change failed');
      const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM outbox`);
      expect(n).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('delivers a row committed while Redis was down, once Redis is back, exactly once', async () => {
    const context = await coreContext();
    const relay = context.get(OutboxRelay);
    const queue = new Queue(QUEUES.system, {
      connection: { port: redis.port, host: '127.0.0.1' },
      prefix: env.config.REDIS_PREFIX,
    });
    queue.on('error', () => undefined);
    try {
      await redis.down();
      const id = await commit(context, SYSTEM_JOBS.ping, { note: 'committed while Redis was down' });

      // The relay cannot deliver: the row stays pending, with the reason recorded.
      await expect(relay.drain()).rejects.toThrow();
      const pending = await row(context, id);
      expect(pending.relayed_at).toBeNull();
      expect(pending.attempts).toBe(1);
      expect(pending.last_error).toBeTruthy();

      // The running relay keeps trying and delivers once Redis is back.
      await relay.start();
      await redis.up();
      const relayed = await eventually(
        () => row(context, id),
        (r) => r.relayed_at !== null,
      );
      expect(relayed.last_error).toBeNull();

      const job = await queue.getJob(outboxJobId(id));
      expect(job?.name).toBe(SYSTEM_JOBS.ping);
      expect(job?.data).toEqual({ note: 'committed while Redis was down' });

      // A relay that runs the same row again (a crash after Redis, before the commit) adds no second job.
      await context.get(DataSource).query(`UPDATE outbox SET relayed_at = NULL WHERE id = $1`, [id]);
      await eventually(
        () => row(context, id),
        (r) => r.relayed_at !== null,
      );
      const counts = await queue.getJobCounts(
        'waiting',
        'active',
        'completed',
        'failed',
        'delayed',
        'prioritized',
      );
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(1);
    } finally {
      await queue.close();
      await context.close();
    }
  });

  it('runs the job in the worker: database -> outbox -> relay -> Redis -> processor', async () => {
    await redis.up();
    const worker = await Test.createTestingModule({ imports: [WorkerModule.forRoot(env.config)] }).compile();
    const app = await worker.init();
    const events = new QueueEvents(QUEUES.system, {
      connection: { port: redis.port, host: '127.0.0.1' },
      prefix: env.config.REDIS_PREFIX,
    });
    const queue = new Queue(QUEUES.system, {
      connection: { port: redis.port, host: '127.0.0.1' },
      prefix: env.config.REDIS_PREFIX,
    });
    try {
      await events.waitUntilReady();
      const id = await commit(app, SYSTEM_JOBS.ping, {});
      const job = await eventually(
        () => queue.getJob(outboxJobId(id)),
        (j) => j !== undefined,
      );
      const result = await job!.waitUntilFinished(events, 10_000);
      expect(result).toMatchObject({ pong: true });
    } finally {
      await events.close();
      await queue.close();
      await app.close();
    }
  });
});
