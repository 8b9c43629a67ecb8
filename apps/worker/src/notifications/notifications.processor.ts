import { Processor, WorkerHost } from '@nestjs/bullmq';
import { type EmailJob, NOTIFICATION_JOBS, type NoticeJob, QUEUES } from '@piazza/core';
import {
  MailerService,
  NoticeService,
  UnknownNoticeTemplateError,
  UnknownTemplateError,
} from '@piazza/notifications';
import { type Job, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';

/** Sends the notifications that domain changes wrote to the outbox; BullMQ retries with backoff. */
@Processor(QUEUES.notifications)
export class NotificationsProcessor extends WorkerHost {
  constructor(
    private readonly mailer: MailerService,
    private readonly notices: NoticeService,
    private readonly dataSource: DataSource,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    try {
      switch (job.name) {
        case NOTIFICATION_JOBS.email:
          return await this.mailer.send(job.data as EmailJob);
        case NOTIFICATION_JOBS.notice:
          return { delivered: await this.notices.deliver(this.dataSource.manager, job.data as NoticeJob) };
        default:
          throw new UnrecoverableError(`Unknown notification job "${job.name}"`);
      }
    } catch (error) {
      // A broken template will not mend itself: fail at once instead of retrying eight times.
      if (error instanceof UnknownTemplateError || error instanceof UnknownNoticeTemplateError)
        throw new UnrecoverableError(error.message);
      throw error;
    }
  }
}
