import 'reflect-metadata';
import { CATALOGUE_ENTITIES } from '@piazza/catalogue';
import { type AppConfig, ConfigError, CORE_ENTITIES, dataSourceOptions, loadConfig } from '@piazza/core';
import { IDENTITY_ENTITIES, PasswordService } from '@piazza/identity';
import { LEDGER_ENTITIES, LedgerVerifier } from '@piazza/ledger';
import { VOUCHER_ENTITIES } from '@piazza/vouchers';
import { DataSource } from 'typeorm';
import { createDatabaseIfMissing, runMigrations } from './database/database-admin';
import { checkPostgres, checkRedis, DependencyDownError } from './database/dependency-check';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './seed/demo-accounts';
import { seedDemoAmbito } from './seed/demo-seed';

const ENTITIES = [
  ...CORE_ENTITIES,
  ...IDENTITY_ENTITIES,
  ...CATALOGUE_ENTITIES,
  ...LEDGER_ENTITIES,
  ...VOUCHER_ENTITIES,
];

const USAGE = `Usage: piazza <command>
  check     PostgreSQL and Redis answer
  migrate   create the database if missing and run pending migrations
  seed      add the demo Ambito's missing rows (idempotent)
  setup     check + migrate + seed the demo Ambito if the database is empty
  accounts  print the demo accounts
  ledger:verify  recompute every balance from the transfers; exit 1 on any difference`;

async function withDataSource<T>(config: AppConfig, run: (ds: DataSource) => Promise<T>): Promise<T> {
  const dataSource = new DataSource(dataSourceOptions(config, ENTITIES, ['error']));
  await dataSource.initialize();
  try {
    return await run(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

async function migrate(config: AppConfig): Promise<void> {
  if (await createDatabaseIfMissing(config.DATABASE_URL))
    console.log(`Created database ${new URL(config.DATABASE_URL).pathname.slice(1)}`);
  const ran = await runMigrations(config);
  console.log(ran.length ? `Ran migrations: ${ran.join(', ')}` : 'Database schema up to date');
}

async function seed(config: AppConfig, onlyIfEmpty: boolean): Promise<void> {
  await withDataSource(config, async (dataSource) => {
    if (onlyIfEmpty) {
      const [{ n }] = (await dataSource.query('SELECT count(*)::int AS n FROM comune')) as { n: number }[];
      if (n > 0) {
        console.log('Database already has an Ambito: demo seed skipped');
        return;
      }
    }
    const report = await seedDemoAmbito(dataSource, new PasswordService());
    const parts = Object.entries(report.created).filter(([, n]) => n > 0);
    console.log(
      parts.length
        ? `Seeded demo Ambito: ${parts.map(([k, n]) => `${n} ${k}`).join(', ')}`
        : 'Demo Ambito already complete',
    );
  });
}

async function verifyLedger(config: AppConfig): Promise<void> {
  await withDataSource(config, async (dataSource) => {
    const report = await new LedgerVerifier().verify(dataSource.manager);
    console.log(
      `Ledger: ${report.accounts} accounts, ${report.transfers} transfers, sum of balances ${report.total}`,
    );
    for (const d of report.differences)
      console.log(
        `  DIFFERENCE ${d.kind} ${d.label} (${d.accountId}): balance ${d.balance}, transfers say ${d.computed}`,
      );
    for (const d of report.negative)
      console.log(`  NEGATIVE ${d.kind} ${d.label} (${d.accountId}): ${d.balance}`);
    if (report.total !== '0') console.log(`  The balances do not sum to zero: ${report.total}`);
    console.log(report.ok ? 'Ledger verified: every balance matches its transfers' : 'Ledger NOT balanced');
    if (!report.ok) process.exitCode = 1;
  });
}

function printAccounts(): void {
  console.log(`Demo accounts (password for all: ${DEMO_PASSWORD})`);
  for (const a of DEMO_ACCOUNTS) console.log(`  ${a.label.it.padEnd(36)} ${a.email}`);
}

async function main(command: string | undefined): Promise<void> {
  const config = loadConfig();
  switch (command) {
    case 'check':
      await checkPostgres(config.DATABASE_URL);
      await checkRedis(config.REDIS_URL);
      console.log('PostgreSQL and Redis answer');
      return;
    case 'migrate':
      await checkPostgres(config.DATABASE_URL);
      return migrate(config);
    case 'seed':
      await checkPostgres(config.DATABASE_URL);
      return seed(config, false);
    case 'setup':
      await checkPostgres(config.DATABASE_URL);
      await checkRedis(config.REDIS_URL);
      await migrate(config);
      return seed(config, true);
    case 'accounts':
      return printAccounts();
    case 'ledger:verify':
      await checkPostgres(config.DATABASE_URL);
      return verifyLedger(config);
    default:
      console.error(USAGE);
      process.exitCode = 2;
  }
}

main(process.argv[2]).catch((error: unknown) => {
  // Expected problems get their message alone, not a stack trace.
  if (error instanceof DependencyDownError || error instanceof ConfigError)
    console.error(`\n${error.message}\n`);
  else console.error(error);
  process.exit(1);
});
