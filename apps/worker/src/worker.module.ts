import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import { CommerceModule } from '@piazza/commerce';
import { type AppConfig, CoreModule, loggerOptions, QUEUES } from '@piazza/core';
import { NotificationsModule } from '@piazza/notifications';
import { VouchersModule } from '@piazza/vouchers';
import { LoggerModule } from 'nestjs-pino';
import { CommerceProcessor } from './commerce/commerce.processor';
import { NotificationsProcessor } from './notifications/notifications.processor';
import { OutboxRelayRunner } from './outbox/outbox-relay.runner';
import { SystemSchedule } from './system/system-schedule';
import { SystemProcessor } from './system/system.processor';
import { VouchersProcessor } from './vouchers/vouchers.processor';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        LoggerModule.forRoot({ pinoHttp: loggerOptions(config, 'worker') }),
        CoreModule.forRoot(config),
        BullModule.forRoot({
          // BullMQ opens (and on shutdown closes) its own connections from these options.
          connection: { url: config.REDIS_URL, maxRetriesPerRequest: null, connectionName: 'piazza-worker' },
          prefix: config.REDIS_PREFIX,
        }),
        BullModule.registerQueue(
          { name: QUEUES.system },
          { name: QUEUES.notifications },
          { name: QUEUES.vouchers },
          { name: QUEUES.commerce },
        ),
        NotificationsModule,
        VouchersModule,
        CommerceModule,
      ],
      providers: [
        OutboxRelayRunner,
        SystemProcessor,
        SystemSchedule,
        NotificationsProcessor,
        VouchersProcessor,
        CommerceProcessor,
      ],
    };
  }
}
