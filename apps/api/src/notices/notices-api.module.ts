import { Module } from '@nestjs/common';
import { NotificationsModule } from '@piazza/notifications';
import { NoticesController } from './notices.controller';

/** The in-app inbox. */
@Module({
  imports: [NotificationsModule],
  controllers: [NoticesController],
})
export class NoticesApiModule {}
