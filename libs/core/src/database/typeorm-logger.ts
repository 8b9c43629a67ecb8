import { Logger } from '@nestjs/common';
import type { LoggerOptions, Logger as TypeOrmLogger } from 'typeorm';

type Level = 'query' | 'error' | 'warn' | 'info' | 'log' | 'schema' | 'migration';

/**
 * Sends TypeORM's messages through Nest's logger (pino in the apps), so they are structured, carry the
 * process's name and obey LOG_LEVEL. Failed queries are logged by the caller that handles the error;
 * here only at debug level, with their parameters left out (they may hold personal data).
 */
export class TypeOrmNestLogger implements TypeOrmLogger {
  private readonly logger = new Logger('TypeORM');

  /** `levels` as TypeORM's `logging` option: which kinds of message to pass on. */
  constructor(private readonly levels: LoggerOptions = ['error', 'warn', 'migration']) {}

  private enabled(level: Level): boolean {
    return (
      this.levels === true ||
      this.levels === 'all' ||
      (Array.isArray(this.levels) && this.levels.includes(level))
    );
  }

  logQuery(): void {}

  logQueryError(error: string | Error, query: string): void {
    if (!this.enabled('error')) return;
    this.logger.debug(`Query failed (${error instanceof Error ? error.message : error}): ${query}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`Slow query (${time} ms): ${query}`);
  }

  logSchemaBuild(message: string): void {
    if (this.enabled('schema')) this.logger.log(message);
  }

  logMigration(message: string): void {
    if (this.enabled('migration')) this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (!this.enabled(level)) return;
    if (level === 'warn') this.logger.warn(String(message));
    else this.logger.log(String(message));
  }
}
