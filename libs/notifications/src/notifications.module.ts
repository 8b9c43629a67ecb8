import { Module } from '@nestjs/common';
import { MailerService } from './services/mailer.service';
import { NoticeService } from './services/notice.service';

/** Templates and delivery of notifications: e-mail and the in-app inbox. Producers only write outbox rows. */
@Module({
  providers: [MailerService, NoticeService],
  exports: [MailerService, NoticeService],
})
export class NotificationsModule {}
