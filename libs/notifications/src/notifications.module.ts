import { Module } from '@nestjs/common';
import { MailerService } from './services/mailer.service';

/** Templates and delivery of notifications (e-mail for now). Producers only write outbox rows. */
@Module({
  providers: [MailerService],
  exports: [MailerService],
})
export class NotificationsModule {}
