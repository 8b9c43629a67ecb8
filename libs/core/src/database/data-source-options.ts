import type { DataSourceOptions } from 'typeorm';
import type { LoggerOptions } from 'typeorm/logger/LoggerOptions';
import type { AppConfig } from '../config/app-config';
import { MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { TypeOrmNestLogger } from './typeorm-logger';

/**
 * The one TypeORM configuration: migrations only, never `synchronize`. Entities are registered by the
 * libraries' modules (`autoLoadEntities`) or passed in by a script.
 */
export function dataSourceOptions(
  config: Pick<AppConfig, 'DATABASE_URL' | 'DATABASE_POOL_SIZE'>,
  entities: DataSourceOptions['entities'] = [],
  logging: LoggerOptions = ['error', 'warn', 'migration'],
): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    applicationName: 'piazza',
    connectTimeoutMS: 5_000,
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    extra: { max: config.DATABASE_POOL_SIZE },
    logging,
    logger: new TypeOrmNestLogger(logging),
    maxQueryExecutionTime: 1_000,
  };
}
