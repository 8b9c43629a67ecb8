import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { COMMERCE_JOBS, QUEUES, SYSTEM_JOBS, VOUCHER_JOBS } from '@piazza/core';
import type { Queue } from 'bullmq';

/** Registers the recurring system jobs (an upsert: every worker may do it, the schedule stays one). */
@Injectable()
export class SystemSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger(SystemSchedule.name);

  constructor(
    @InjectQueue(QUEUES.system) private readonly queue: Queue,
    @InjectQueue(QUEUES.vouchers) private readonly vouchers: Queue,
    @InjectQueue(QUEUES.commerce) private readonly commerce: Queue,
  ) {}

  onApplicationBootstrap(): void {
    // Not awaited: with Redis down the worker still starts, and the schedule is set once Redis is back.
    this.queue
      .upsertJobScheduler(
        SYSTEM_JOBS.pruneOutbox,
        { pattern: '15 3 * * *', tz: 'Europe/Rome' },
        { name: SYSTEM_JOBS.pruneOutbox },
      )
      .catch((error: Error) =>
        this.logger.warn(`Could not schedule ${SYSTEM_JOBS.pruneOutbox}: ${error.message}`),
      );
    // Vouchers expire at the end of their last day: an hourly sweep returns their balances to the funds.
    this.vouchers
      .upsertJobScheduler(
        VOUCHER_JOBS.expireVouchers,
        { pattern: '5 * * * *', tz: 'Europe/Rome' },
        { name: VOUCHER_JOBS.expireVouchers },
      )
      .catch((error: Error) =>
        this.logger.warn(`Could not schedule ${VOUCHER_JOBS.expireVouchers}: ${error.message}`),
      );
    // Stripe's webhook may never come: every 15 minutes, checkouts still pending an hour after their card
    // payment page closed are settled by what Stripe says (paid: captured; otherwise released).
    this.commerce
      .upsertJobScheduler(
        COMMERCE_JOBS.expireCheckouts,
        { pattern: '*/15 * * * *', tz: 'Europe/Rome' },
        { name: COMMERCE_JOBS.expireCheckouts },
      )
      .catch((error: Error) =>
        this.logger.warn(`Could not schedule ${COMMERCE_JOBS.expireCheckouts}: ${error.message}`),
      );
  }
}
