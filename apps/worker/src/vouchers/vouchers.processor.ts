import { Processor, WorkerHost } from '@nestjs/bullmq';
import { QUEUES, RequestContext, TransactionRunner, VOUCHER_JOBS } from '@piazza/core';
import { VoucherIssuanceService, VoucherLifecycleService } from '@piazza/vouchers';
import { type Job, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';

/** Issues assigned vouchers and expires old ones; each job is one transaction and safe to run twice. */
// Rendering is CPU work and the database work waits on I/O: a few jobs at once keep the core busy.
@Processor(QUEUES.vouchers, { concurrency: 6 })
export class VouchersProcessor extends WorkerHost {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly issuance: VoucherIssuanceService,
    private readonly lifecycle: VoucherLifecycleService,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    const ctx = RequestContext.system(this.dataSource.manager, `job:${job.queueName}:${job.id}`);
    switch (job.name) {
      case VOUCHER_JOBS.issueAssignment: {
        const { assignmentId } = job.data as { assignmentId?: string };
        if (!assignmentId) throw new UnrecoverableError('issue-assignment without an assignmentId');
        return this.tx.run(ctx, (c) => this.issuance.issue(c, assignmentId));
      }
      case VOUCHER_JOBS.expireVouchers: {
        let total = { expired: 0, returned: 0 };
        // Batches of 500, each its own transaction, until nothing is due.
        for (;;) {
          const batch = await this.tx.run(ctx, (c) => this.lifecycle.expireDue(c, 500));
          total = { expired: total.expired + batch.expired, returned: total.returned + batch.returned };
          if (batch.expired < 500) return total;
        }
      }
      default:
        throw new UnrecoverableError(`Unknown vouchers job "${job.name}"`);
    }
  }
}
