// Voucher issuance benchmark (npm run bench:issue): a throw-away database with the demo Ambito, the
// compiled worker, and BENCH_VOUCHERS (5,000) vouchers to issue: assignments of 5 vouchers each are
// committed at once (with their outbox rows, as the API writes them) and the clock runs until the worker
// has issued the last voucher (ledger transfer, signed QR token, short code, PDF stored). Beside it, a
// plain loop of the same rendering (pdfkit + qrcode, the same A4 format) in this process. Writes
// test/bench/results/issue.json with { vouchersPerSec, rawPerSec, ratio }. Target: ratio >= 0.7.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { renderLoop } from './voucher-render.mjs';
import { deleteRedisKeys } from './bench-process.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const dist = (path) => require(join(ROOT, 'dist', path));
const { createDatabaseIfMissing, dropDatabase, runMigrations } = dist(
  'apps/cli/src/database/database-admin.js',
);

const VOUCHERS = Number(process.env.BENCH_VOUCHERS ?? 5000);
const PER_ASSIGNMENT = 5;
const RAW = Number(process.env.BENCH_RAW_RENDERS ?? Math.min(VOUCHERS, 1000));
const TARGET_RATIO = 0.7;

async function main() {
  const id = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const server = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/piazza');
  server.pathname = `/piazza_bench_${id}`;
  const databaseUrl = server.toString();
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redisPrefix = `piazza-bench-${id}`;
  let worker = null;
  let client = null;
  const cleanUp = async () => {
    if (worker && worker.exitCode === null) {
      worker.kill('SIGTERM');
      await Promise.race([new Promise((r) => worker.once('exit', r)), sleep(5000)]);
      if (worker.exitCode === null) worker.kill('SIGKILL');
    }
    await client?.end().catch(() => undefined);
    await dropDatabase(databaseUrl).catch((error) => console.error('could not drop the database:', error));
    await deleteRedisKeys(redisUrl, redisPrefix).catch(() => undefined);
  };
  process.once('SIGINT', async () => {
    await cleanUp();
    process.exit(130);
  });

  try {
    console.log(`Rendering ${RAW} vouchers in a plain loop (A4, as issuance stores them)...`);
    await renderLoop(Math.min(50, RAW), 'a4');
    const raw = await renderLoop(RAW, 'a4');
    console.log(`  ${raw.perSecond} PDFs/s`);

    console.log(`Database ${server.pathname.slice(1)}: migrating and seeding the demo Ambito`);
    await createDatabaseIfMissing(databaseUrl);
    await runMigrations({ DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: 2 });
    await seed(databaseUrl);

    client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const env = {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: '10',
      REDIS_URL: redisUrl,
      REDIS_PREFIX: redisPrefix,
      LOG_LEVEL: 'error',
    };
    worker = spawn(process.execPath, [join(ROOT, 'dist/apps/worker/src/main.js')], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    // Ready when the signing key exists: issue one assignment first (it also warms the worker up).
    await assign(client, 1);
    await waitIssued(client, PER_ASSIGNMENT, 60_000);

    const assignments = Math.ceil(VOUCHERS / PER_ASSIGNMENT);
    console.log(
      `Issuing ${assignments * PER_ASSIGNMENT} vouchers (${assignments} assignments of ${PER_ASSIGNMENT})...`,
    );
    const started = performance.now();
    const cpuBefore = cpuSeconds(worker.pid);
    await assign(client, assignments);
    const total = PER_ASSIGNMENT * (assignments + 1);
    await waitIssued(client, total, 30 * 60_000);
    const seconds = (performance.now() - started) / 1000;
    const workerCpuSeconds = Math.round((cpuSeconds(worker.pid) - cpuBefore) * 10) / 10;
    const vouchersPerSec = Math.round(((assignments * PER_ASSIGNMENT) / seconds) * 10) / 10;
    const [{ verified }] = (
      await client.query(`
        SELECT bool_and(a.balance = v.face_value) AS verified
        FROM voucher v JOIN ledger_account a ON a.id = v.account_id`)
    ).rows;
    const [{ pdfs }] = (await client.query(`SELECT count(*)::int AS pdfs FROM voucher WHERE pdf IS NOT NULL`))
      .rows;
    const result = {
      vouchers: assignments * PER_ASSIGNMENT,
      seconds: Math.round(seconds * 10) / 10,
      vouchersPerSec,
      rawPerSec: raw.perSecond,
      ratio: Math.round((vouchersPerSec / raw.perSecond) * 1000) / 1000,
      targetRatio: TARGET_RATIO,
      meetsTarget: vouchersPerSec / raw.perSecond >= TARGET_RATIO,
      // How busy the worker's one thread was: close to `seconds` means it is CPU-bound.
      workerCpuSeconds,
      balancesMatchFaceValues: verified,
      pdfsStored: pdfs,
      environment: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version },
      measuredAt: new Date().toISOString(),
    };
    mkdirSync(join(ROOT, 'test/bench/results'), { recursive: true });
    writeFileSync(join(ROOT, 'test/bench/results/issue.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(
      `Issued ${result.vouchers} vouchers in ${result.seconds} s: ${vouchersPerSec}/s; plain rendering ` +
        `${raw.perSecond}/s; ratio ${result.ratio} (target >= ${TARGET_RATIO}); worker CPU ${workerCpuSeconds} s`,
    );
  } finally {
    await cleanUp();
  }
}

/** The demo Ambito through the compiled seed (funds, kinds, the demo family), and a large fund. */
async function seed(databaseUrl) {
  const { DataSource } = require('typeorm');
  const { dataSourceOptions, CORE_ENTITIES } = dist('libs/core/src/index.js');
  const { IDENTITY_ENTITIES, PasswordService } = dist('libs/identity/src/index.js');
  const { CATALOGUE_ENTITIES } = dist('libs/catalogue/src/index.js');
  const { LEDGER_ENTITIES } = dist('libs/ledger/src/index.js');
  const { VOUCHER_ENTITIES } = dist('libs/vouchers/src/index.js');
  const { seedDemoAmbito } = dist('apps/cli/src/seed/demo-seed.js');
  const ds = new DataSource(
    dataSourceOptions({ DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: 2 }, [
      ...CORE_ENTITIES,
      ...IDENTITY_ENTITIES,
      ...CATALOGUE_ENTITIES,
      ...LEDGER_ENTITIES,
      ...VOUCHER_ENTITIES,
    ]),
  );
  await ds.initialize();
  try {
    await seedDemoAmbito(ds, new PasswordService());
    // Enough money for every voucher of the run: 50 cents each, topped up by SQL through the same
    // double-entry movement the admin's top-up makes.
    await ds.query(`
      WITH fund AS (SELECT f.account_id, f.comune_id FROM fund f WHERE f.name = 'Buoni spesa emergenza 2026'),
           treasury AS (SELECT a.id FROM ledger_account a, fund WHERE a.kind = 'treasury' AND a.owner_id = fund.comune_id),
           moved AS (
             INSERT INTO ledger_transfer (debit_account_id, credit_account_id, amount, kind, idempotency_key, reference)
             SELECT treasury.id, fund.account_id, 100000000, 'fund_top_up', 'bench-top-up', 'bench' FROM fund, treasury
             RETURNING debit_account_id, credit_account_id, amount)
      UPDATE ledger_account a SET balance = a.balance + CASE WHEN a.id = m.credit_account_id THEN m.amount ELSE -m.amount END
      FROM moved m WHERE a.id IN (m.debit_account_id, m.credit_account_id)`);
  } finally {
    await ds.destroy();
  }
}

/**
 * Commits `count` assignments of PER_ASSIGNMENT vouchers of 0,50 € for the demo family, with their
 * ledger movement fund -> assignment and their outbox rows, in one transaction (what the API writes).
 */
async function assign(client, count) {
  await client.query('BEGIN');
  try {
    const {
      rows: [ctx],
    } = await client.query(`
      SELECT f.id AS fund_id, f.account_id AS fund_account, f.comune_id, k.id AS kind_id, h.id AS household_id
      FROM fund f, voucher_kind k, household h JOIN user_account u ON u.id = h.owner_user_id
      WHERE f.name = 'Buoni spesa emergenza 2026' AND k.slug = 'buono-spesa' AND u.email = 'famiglia@demo.piazza.example'`);
    const total = 50 * PER_ASSIGNMENT;
    for (let i = 0; i < count; i++) {
      const id = randomUUID();
      const {
        rows: [account],
      } = await client.query(
        `INSERT INTO ledger_account (kind, owner_id, label) VALUES ('assignment', $1, 'bench') RETURNING id`,
        [id],
      );
      await client.query(
        `INSERT INTO voucher_assignment (id, fund_id, kind_id, household_id, comune_id, amounts, total, valid_from,
           valid_until, account_id, idempotency_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, now(), now() + interval '90 days', $8, $9)`,
        [
          id,
          ctx.fund_id,
          ctx.kind_id,
          ctx.household_id,
          ctx.comune_id,
          Array(PER_ASSIGNMENT).fill(50),
          total,
          account.id,
          `bench:${id}`,
        ],
      );
      await client.query(
        `INSERT INTO ledger_transfer (debit_account_id, credit_account_id, amount, kind, idempotency_key, reference)
         VALUES ($1, $2, $3, 'voucher_assignment', $4, $4)`,
        [ctx.fund_account, account.id, total, `assignment:${id}`],
      );
      await client.query(`UPDATE ledger_account SET balance = balance - $2 WHERE id = $1`, [
        ctx.fund_account,
        total,
      ]);
      await client.query(`UPDATE ledger_account SET balance = balance + $2 WHERE id = $1`, [
        account.id,
        total,
      ]);
      await client.query(
        `INSERT INTO outbox (queue, name, payload) VALUES ('vouchers', 'issue-assignment', $1)`,
        [{ assignmentId: id }],
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

async function waitIssued(client, count, timeoutMs) {
  const until = Date.now() + timeoutMs;
  let last = -1;
  for (;;) {
    const {
      rows: [{ n }],
    } = await client.query(`SELECT count(*)::int AS n FROM voucher WHERE pdf IS NOT NULL`);
    if (n >= count) return;
    if (Date.now() > until) throw new Error(`only ${n} of ${count} vouchers issued in time`);
    if (n !== last && n % 500 < 50) process.stdout.write(`  ${n}\r`);
    last = n;
    await sleep(200);
  }
}

/** User + system CPU seconds a process has used (Linux). */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

await main();
