import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig, loadConfig } from './config/app-config';
import { dataSourceOptions } from './database/data-source-options';
import { OutboxMessage } from './outbox/outbox-message.entity';
import { OutboxRelay } from './outbox/outbox-relay.service';
import { OutboxService } from './outbox/outbox.service';
import { QueueRegistry } from './outbox/queue-registry';
import { SharedRedis } from './redis/shared-redis';
import { TransactionRunner } from './database/transaction-runner';
import { AmbitoSettings } from './settings/ambito-settings.entity';
import { Comune } from './settings/comune.entity';
import { SettingsService } from './settings/settings.service';

/** Every entity of this library, for the module and for scripts that open their own DataSource. */
export const CORE_ENTITIES = [AmbitoSettings, Comune, OutboxMessage];

/**
 * Configuration, the database connection (entities come from each library's `forFeature`), the outbox
 * and the Ambito's settings. Imported once, by each app's root module.
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig = loadConfig()): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions(config),
          autoLoadEntities: true,
          // Fail at start with the real error instead of retrying for minutes.
          retryAttempts: 0,
        }),
        TypeOrmModule.forFeature(CORE_ENTITIES),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        OutboxService,
        OutboxRelay,
        QueueRegistry,
        SettingsService,
        SharedRedis,
        TransactionRunner,
      ],
      exports: [
        APP_CONFIG,
        TypeOrmModule,
        OutboxService,
        OutboxRelay,
        QueueRegistry,
        SettingsService,
        SharedRedis,
        TransactionRunner,
      ],
    };
  }
}
