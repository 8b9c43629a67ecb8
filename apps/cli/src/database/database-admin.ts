import { type AppConfig, dataSourceOptions, parseDatabaseUrl } from '@piazza/core';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

/** Creates the application's database on its server when it does not exist yet. Returns true if created. */
export async function createDatabaseIfMissing(databaseUrl: string): Promise<boolean> {
  const { database, maintenanceUrl } = parseDatabaseUrl(databaseUrl);
  const client = new Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount) return false;
    await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
    return true;
  } finally {
    await client.end();
  }
}

/** Drops a database, closing other sessions first (test databases only). */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const { database, maintenanceUrl } = parseDatabaseUrl(databaseUrl);
  const client = new Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Runs every pending migration, each in its own transaction. Returns the names of those it ran. */
export async function runMigrations(
  config: Pick<AppConfig, 'DATABASE_URL' | 'DATABASE_POOL_SIZE'>,
): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(config, [], ['error']));
  await dataSource.initialize();
  try {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
