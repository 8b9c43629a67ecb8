import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { QUEUES, SYSTEM_JOBS } from '@piazza/core';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';

/** Housekeeping jobs. Each is idempotent: running it twice leaves the same state as running it once. */
@Processor(QUEUES.system)
export class SystemProcessor extends WorkerHost {
  private readonly logger = new Logger(SystemProcessor.name);

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case SYSTEM_JOBS.pruneOutbox:
        return this.pruneOutbox();
      case SYSTEM_JOBS.ping:
        return this.ping(job.data as { holdMs?: unknown });
      default:
        throw new Error(`Unknown system job "${job.name}"`);
    }
  }

  /**
   * Proves the path database -> outbox -> relay -> Redis -> worker; the answer is kept on the job. It can
   * hold the worker for a while (at most 30 s), to check that a shutdown waits for the job in hand.
   */
  private async ping(data: { holdMs?: unknown }): Promise<{ pong: true; at: string; pid: number }> {
    const holdMs = typeof data.holdMs === 'number' ? Math.min(Math.max(0, data.holdMs), 30_000) : 0;
    if (holdMs) await new Promise((resolve) => setTimeout(resolve, holdMs));
    return { pong: true, at: new Date().toISOString(), pid: process.pid };
  }

  /** Relayed outbox rows are kept a week for tracing, then deleted. */
  private async pruneOutbox(): Promise<{ deleted: number }> {
    const [, deleted] = (await this.dataSource.query(
      `DELETE FROM outbox WHERE relayed_at < now() - interval '7 days'`,
    )) as [unknown, number];
    this.logger.log(`Pruned ${deleted} relayed outbox rows`);
    return { deleted };
  }
}
