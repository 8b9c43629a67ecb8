import { QUEUES, SYSTEM_JOBS } from '@piazza/core';
import { Queue, QueueEvents } from 'bullmq';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createTestEnv, type TestEnv } from '../support/test-env';

const root = join(__dirname, '../..');

/** The compiled worker as `npm start` runs it, in its own process. */
async function startWorker(env: TestEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['dist/apps/worker/src/main.js'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      DATABASE_URL: env.config.DATABASE_URL,
      REDIS_URL: env.config.REDIS_URL,
      REDIS_PREFIX: env.config.REDIS_PREFIX,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Worker ready')) resolve();
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) =>
      reject(new Error(`worker exited with ${code} before it was ready:\n${output}`)),
    );
  });
  return child;
}

describe('Worker shutdown', () => {
  let env: TestEnv;
  let queue: Queue;
  let events: QueueEvents;

  beforeAll(async () => {
    const build = spawnSync(process.execPath, ['scripts/ensure-built.mjs', 'server'], {
      cwd: root,
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`server build failed: ${build.stdout}${build.stderr}`);
    env = await createTestEnv();
    const connection = { url: env.config.REDIS_URL };
    queue = new Queue(QUEUES.system, { connection, prefix: env.config.REDIS_PREFIX });
    events = new QueueEvents(QUEUES.system, { connection, prefix: env.config.REDIS_PREFIX });
    await events.waitUntilReady();
  });

  afterAll(async () => {
    await events?.close();
    await queue?.close();
    await env?.close();
  });

  it('finishes the job in hand on SIGTERM, then exits cleanly', async () => {
    const worker = await startWorker(env);
    const job = await queue.add(SYSTEM_JOBS.ping, { holdMs: 1_500 }, { jobId: 'shutdown-test' });
    await new Promise<void>((resolve) => {
      const onActive = ({ jobId }: { jobId: string }) => jobId === job.id && resolve();
      events.on('active', onActive);
    });

    const exited = once(worker, 'exit');
    const stoppedAt = Date.now();
    worker.kill('SIGTERM');
    const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null];

    // Nest closes the application, then lets the signal end the process as usual (no forced exit 1).
    expect(code === 0 || signal === 'SIGTERM').toBe(true);
    expect(Date.now() - stoppedAt).toBeGreaterThan(500);
    const finished = await queue.getJob(job.id!);
    expect(await finished!.getState()).toBe('completed');
    expect(finished!.returnvalue).toMatchObject({ pong: true, pid: worker.pid });
  });
});
