import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Client, type ClientConfig, type Notification } from 'pg';
import { DataSource, type EntitySubscriberInterface } from 'typeorm';
import type { AfterQueryEvent } from 'typeorm/subscriber/event/QueryEvent';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';

/** The channel `catalogue_version_bump()` notifies with the new version (migration 1764000000009). */
export const CATALOGUE_VERSION_CHANNEL = 'catalogue_version';

/** Set on a query runner's `data` by the catalogue's own reads: they change nothing. */
export const CATALOGUE_READ = 'catalogueRead';

/**
 * What a request answers from: `version`, the newest catalogue version this process knows of, and
 * `floor`, the version it must not answer from anything older than (what this process wrote).
 */
export interface VersionStamp {
  version: string;
  floor: string;
}

/** While listening, the version is still read every so often: a lost notification cannot last. */
const RECHECK_MS = 10_000;
const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 30_000;

/** A statement that only reads: a SELECT, or a WITH whose parts are all SELECTs. */
const READ_ONLY = /^\s*(select|with)\b/i;
const WRITING = /\b(insert|update|delete|merge)\b/i;

function newer(a: string, b: string): string {
  return BigInt(a) >= BigInt(b) ? a : b;
}

/**
 * The catalogue version without a query per request. `catalogue_version_bump()` (migrations 0007 and
 * 0009) notifies the new version on the `catalogue_version` channel when a change commits; this
 * process listens on a connection of its own (opened at the first search), reads the version once
 * LISTEN is in place (nothing committed in between is missed), and again every RECHECK_MS. While that
 * connection is down (failed, or PostgreSQL restarting) it reconnects with backoff and every request
 * reads the version as before.
 *
 * Read-your-writes: a notification arrives a moment after its commit, so a request that follows a
 * write of this very process (a provider publishing, then searching) must not rely on it. Every
 * statement run through this process's DataSource that is not a plain read (an INSERT, an UPDATE, a
 * DELETE, a COMMIT, whatever a service or a test writes with) counts as a write; the first request after
 * one reads the version from PostgreSQL and makes it the floor: from then on no request of this process
 * answers from an older catalogue. Other processes' changes (the worker, another API instance, the CLI)
 * are seen when their notification arrives. LISTEN needs a session of its own: behind a pooler, point
 * DATABASE_URL at one in session mode (PgBouncer's transaction mode drops notifications), or the
 * version is read only every RECHECK_MS and after this process's writes.
 */
@Injectable()
export class CatalogueVersion implements EntitySubscriberInterface, OnModuleDestroy {
  private readonly logger = new Logger(CatalogueVersion.name);
  private known = '0';
  private floor = '0';
  /** Statements of this process that may have written, and how many of them the floor covers. */
  private writes = 0;
  private checkedWrites = 0;
  private reading: { writes: number; done: Promise<string> } | null = null;
  private listener: Client | null = null;
  private listening = false;
  private started = false;
  private stopped = false;
  private retryMs = RECONNECT_MIN_MS;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly dataSource: DataSource) {
    dataSource.subscribers.push(this);
  }

  /** Counts a statement of this process that may have changed the catalogue (TypeORM subscriber hook). */
  afterQuery(event: AfterQueryEvent): void {
    if (event.queryRunner?.data?.[CATALOGUE_READ]) return;
    if (!READ_ONLY.test(event.query) || WRITING.test(event.query)) this.writes++;
  }

  /** The version to answer from and the floor, reading PostgreSQL only when it must. */
  async current(): Promise<VersionStamp> {
    if (!this.started) this.start();
    if (this.listening && this.writes === this.checkedWrites) {
      return { version: this.known, floor: this.floor };
    }
    const writes = this.writes;
    // A read that started after the same writes answers for this request too.
    let reading = this.reading;
    if (!reading || reading.writes !== writes || !this.listening) {
      const done = this.read().then((version) => {
        this.known = newer(this.known, version);
        if (writes > this.checkedWrites) {
          this.checkedWrites = writes;
          this.floor = newer(this.floor, version);
        }
        return version;
      });
      reading = this.reading = { writes, done };
      void done.finally(() => {
        if (this.reading === reading) this.reading = null;
      });
    }
    await reading.done;
    return { version: this.known, floor: this.floor };
  }

  /** Whether the version comes from notifications (false: read per request). */
  get isListening(): boolean {
    return this.listening;
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const listener = this.listener;
    this.listener = null;
    this.listening = false;
    await listener?.end().catch(() => undefined);
  }

  private async read(): Promise<string> {
    const runner = this.dataSource.createQueryRunner();
    runner.data = { [CATALOGUE_READ]: true };
    try {
      const [{ version }]: { version: string }[] = await runner.query(
        `SELECT version::text AS version FROM catalogue_version`,
      );
      return version;
    } finally {
      await runner.release();
    }
  }

  private start(): void {
    this.started = true;
    void this.connect();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ ...connectionConfig(this.dataSource), application_name: 'piazza-catalogue' });
    this.listener = client;
    const lost = (error?: Error) => {
      if (this.listener !== client) return;
      this.listener = null;
      this.listening = false;
      if (this.timer) clearTimeout(this.timer);
      if (this.stopped) return;
      this.logger.warn(
        `catalogue version listener lost${error ? ` (${error.message})` : ''}; ` +
          `reading the version per request, reconnecting in ${this.retryMs} ms`,
      );
      this.timer = setTimeout(() => void this.connect(), this.retryMs).unref();
      this.retryMs = Math.min(RECONNECT_MAX_MS, this.retryMs * 2);
      void client.end().catch(() => undefined);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message: Notification) => {
      if (message.channel === CATALOGUE_VERSION_CHANNEL && message.payload && /^\d+$/.test(message.payload)) {
        this.known = newer(this.known, message.payload);
      }
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CATALOGUE_VERSION_CHANNEL}`);
      await this.recheck(client);
      if (this.listener !== client) return;
      this.listening = true;
      this.retryMs = RECONNECT_MIN_MS;
    } catch (error) {
      lost(error as Error);
    }
  }

  /** Reads the version on the listener's connection, then again in RECHECK_MS. */
  private async recheck(client: Client): Promise<void> {
    const { rows } = await client.query<{ version: string }>(
      `SELECT version::text AS version FROM catalogue_version`,
    );
    this.known = newer(this.known, rows[0].version);
    if (this.listener !== client) return;
    this.timer = setTimeout(() => {
      this.recheck(client).catch((error: Error) => client.emit('error', error));
    }, RECHECK_MS).unref();
  }
}

/**
 * The listener's connection: the same server, database and credentials as the DataSource's pool (TLS
 * settings come with the URL, e.g. `?sslmode=require`).
 */
function connectionConfig(dataSource: DataSource): ClientConfig {
  const options = dataSource.options as PostgresDataSourceOptions;
  const common = { connectionTimeoutMillis: options.connectTimeoutMS ?? 5_000 };
  if (options.url) return { ...common, connectionString: options.url };
  return {
    ...common,
    host: options.host,
    port: options.port,
    user: options.username,
    password: typeof options.password === 'string' ? options.password : undefined,
    database: options.database,
  };
}
