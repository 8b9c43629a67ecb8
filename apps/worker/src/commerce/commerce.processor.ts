import { Processor, WorkerHost } from '@nestjs/bullmq';
import { CheckoutService } from '@piazza/commerce';
import { COMMERCE_JOBS, QUEUES, RequestContext, TransactionRunner } from '@piazza/core';
import { type Job, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';

/** Checkout housekeeping; each job is one transaction and safe to run twice (or in two workers at once). */
@Processor(QUEUES.commerce)
export class CommerceProcessor extends WorkerHost {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly checkouts: CheckoutService,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    const ctx = RequestContext.system(this.dataSource.manager, `job:${job.queueName}:${job.id}`);
    switch (job.name) {
      case COMMERCE_JOBS.expireCheckouts:
        return this.tx.run(ctx, (c) => this.checkouts.expireStale(c));
      default:
        throw new UnrecoverableError(`Unknown commerce job "${job.name}"`);
    }
  }
}
