import { Processor, WorkerHost } from '@nestjs/bullmq';
import { type EmailJob, NOTIFICATION_JOBS, QUEUES } from '@piazza/core';
import { MailerService, UnknownTemplateError } from '@piazza/notifications';
import { type Job, UnrecoverableError } from 'bullmq';

/** Sends the notifications that domain changes wrote to the outbox; BullMQ retries with backoff. */
@Processor(QUEUES.notifications)
export class NotificationsProcessor extends WorkerHost {
  constructor(private readonly mailer: MailerService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    if (job.name !== NOTIFICATION_JOBS.email)
      throw new UnrecoverableError(`Unknown notification job "${job.name}"`);
    try {
      return await this.mailer.send(job.data as EmailJob);
    } catch (error) {
      // A broken template will not mend itself: fail at once instead of retrying eight times.
      if (error instanceof UnknownTemplateError) throw new UnrecoverableError(error.message);
      throw error;
    }
  }
}
