// Redemption benchmark (npm run bench:redeem): a throw-away database with the demo Ambito, CLIENTS shops
// each with its own merchant account and VOUCHERS_PER_CLIENT vouchers of a large balance, the compiled API
// on a free port of 127.0.0.1, and CLIENTS (32) merchants redeeming small amounts over HTTP for
// BENCH_SECONDS (30): every request a confirmed redemption (QR token or typed short code, a fresh
// Idempotency-Key). Then a short hot phase: every client on ONE voucher until it is used up (the worst
// case for locks, and the overspending check). Beside it, on the same PostgreSQL in the same run, pgbench's
// built-in tpcb-like script with the same client count on its own throw-away database. Writes
// test/bench/results/redeem.json with { redemptionsPerSec, p95Ms, pgbenchTps, ratio, overspentCents, ... }.
// Both databases are dropped at the end, even on failure. Not part of `npm test`.
//
// Knobs: BENCH_SECONDS, BENCH_HOT_SECONDS, BENCH_CONCURRENCY, BENCH_VOUCHERS_PER_CLIENT, BENCH_POOL_SIZE
// (per API process), BENCH_API_PROCESSES (the API is stateless: several processes share the clients),
// BENCH_PGBENCH_SCALE; diagnostics: BENCH_BASELINE=1 (first measures GET /api/merchant/shops, a signed-in
// request with one statement once the session is cached, as the API's floor; recorded as `baseline`), BENCH_CPU_PROF=<dir> (CPU profiles of the API) and
// BENCH_OUTBOX_NOTIFY=0 (disables the outbox's NOTIFY trigger in the bench's database, to measure what
// it costs: every committing NOTIFY takes one database-wide lock until its commit is flushed, so such
// commits happen one at a time; the result is then not a valid run and says so).
import { execFile, spawnSync } from 'node:child_process';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { deleteRedisKeys, freePort, startApi } from './bench-process.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const dist = (path) => require(join(ROOT, 'dist', path));
const { createDatabaseIfMissing, dropDatabase } = dist('apps/cli/src/database/database-admin.js');
const { generateShortCode } = dist('libs/vouchers/src/codes/short-code.js');
const { signVoucherToken } = dist('libs/vouchers/src/codes/voucher-token.js');

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const HOT_SECONDS = Number(process.env.BENCH_HOT_SECONDS ?? 5);
const CLIENTS = Number(process.env.BENCH_CONCURRENCY ?? 32);
const VOUCHERS_PER_CLIENT = Number(process.env.BENCH_VOUCHERS_PER_CLIENT ?? 40);
const POOL_SIZE = Number(process.env.BENCH_POOL_SIZE ?? 16);
const API_PROCESSES = Number(process.env.BENCH_API_PROCESSES ?? 1);
const PGBENCH_SCALE = Number(process.env.BENCH_PGBENCH_SCALE ?? 10);
const WARM_UP_SECONDS = Math.min(5, Math.max(1, SECONDS / 6));
const FACE_VALUE = 100_000_000; // 1.000.000,00 €: no voucher of the steady phase runs out
const HOT_FACE_VALUE = 200_000; // 2.000,00 €: the hot voucher runs out during its phase
const TARGET_RATIO = 0.5;
const MERCHANT_EMAIL = 'negozio@demo.piazza.example';
const PASSWORD = 'Piazza-demo-2026';

// ---------------------------------------------------------------------------------------------------

// CPU time, so that runs on a machine shared with other work can be compared: what a redemption costs
// the API, PostgreSQL and the load generator, against what a pgbench transaction costs pgbench and
// PostgreSQL. Linux only (/proc); null elsewhere.
const TICK_MS = 10; // USER_HZ is 100 on every Linux we run on

/** User + system CPU ms of a process (and, with `children`, of its waited-for children), or null. */
function cpuMs(pid, children = false) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const own = Number(f[11]) + Number(f[12]);
    return (children ? own + Number(f[13]) + Number(f[14]) : own) * TICK_MS;
  } catch {
    return null;
  }
}

/** CPU ms of the server processes of a database's connections (other than `client`'s own). */
async function backendsCpu(client, database) {
  const { rows } = await client.query(
    `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
    [database],
  );
  return new Map(rows.map((r) => [r.pid, cpuMs(r.pid)]).filter(([, ms]) => ms !== null));
}

/** CPU ms spent since `before` by the backends present then and now. */
function backendsDelta(before, after) {
  let total = 0;
  for (const [pid, ms] of after) if (before.has(pid)) total += ms - before.get(pid);
  return total;
}

function cli(command, env) {
  const result = spawnSync(process.execPath, [join(ROOT, 'dist/apps/cli/src/main.js'), command], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

async function stopApi(api) {
  if (api.child.exitCode !== null) return;
  api.child.kill('SIGTERM');
  await Promise.race([api.exited, sleep(5000)]);
  if (api.child.exitCode === null) api.child.kill('SIGKILL');
}

/**
 * A merchant's browser: the session cookie, and the XSRF cookie sent back as a header, over one kept-alive
 * connection. node:http rather than fetch: the load generator shares the machine with the API and
 * PostgreSQL, and fetch cost about twice the CPU per request.
 */
class Till {
  cookies = new Map();

  constructor(url) {
    this.url = new URL(url);
    this.agent = new HttpAgent({ keepAlive: true, maxSockets: 1 });
  }

  static async signIn(url, email) {
    const till = new Till(url);
    await till.send('GET', '/api/settings');
    const res = await till.send('POST', '/api/auth/login', { email, password: PASSWORD });
    if (res.status !== 200)
      throw new Error(`login of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return till;
  }

  send(method, path, body, headers = {}) {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: this.url.hostname,
          port: this.url.port,
          path,
          method,
          agent: this.agent,
          headers: {
            ...headers,
            ...(payload !== undefined && {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(payload),
            }),
            cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
            ...(this.cookies.has('XSRF-TOKEN') && { 'x-xsrf-token': this.cookies.get('XSRF-TOKEN') }),
          },
        },
        (res) => {
          for (const cookie of res.headers['set-cookie'] ?? []) {
            const [pair] = cookie.split(';');
            const eq = pair.indexOf('=');
            this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
          }
          const chunks = [];
          res.on('data', (chunk) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            try {
              resolve({ status: res.statusCode, body: text ? JSON.parse(text) : null });
            } catch (error) {
              reject(error);
            }
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  close() {
    this.agent.destroy();
  }
}

/**
 * Shops, their merchants and vouchers, written straight into the database as the services would leave
 * them (balanced ledger: treasury -> fund -> assignments -> vouchers), because issuing thousands of
 * vouchers through the worker would render thousands of PDFs first.
 */
async function seedRedemptions(client) {
  const [{ comune_ids: comuneIds, household_id: householdId, password_hash: passwordHash }] = (
    await client.query(
      `SELECT array_agg(c.id ORDER BY c.slug) AS comune_ids,
              (SELECT h.id FROM household h JOIN user_account u ON u.id = h.owner_user_id
               WHERE u.email = 'famiglia@demo.piazza.example') AS household_id,
              (SELECT password_hash FROM user_account WHERE email = $1) AS password_hash
       FROM comune c`,
      [MERCHANT_EMAIL],
    )
  ).rows;
  const tradate = (await client.query(`SELECT id FROM comune WHERE slug = 'tradate'`)).rows[0].id;

  // One shop and one merchant per client, spread over the Comuni.
  const shops = [];
  for (let i = 0; i < CLIENTS; i++) {
    const email = `negozio.bench.${i}@example.org`;
    const { rows } = await client.query(
      `WITH shop AS (
         INSERT INTO organisation (slug, kind, name, legal_name, fiscal_code, email, comune_id, address,
                                   shop_category, accredited_at, accreditation_status)
         VALUES ($1, 'shop', $2, $2 || ' S.n.c.', lpad($3::text, 11, '0'), $4, $5, 'Via del Mercato ' || $3,
                 'alimentari', now(), 'accredited')
         RETURNING id
       ), merchant AS (
         INSERT INTO user_account (email, password_hash, display_name, roles, email_verified_at)
         VALUES ($4, $6, $2, '{merchant}', now()) RETURNING id
       )
       INSERT INTO organisation_member (organisation_id, user_id, role)
       SELECT shop.id, merchant.id, 'owner' FROM shop, merchant
       RETURNING organisation_id AS id`,
      [`negozio-bench-${i}`, `Negozio ${i}`, i + 1, email, comuneIds[i % comuneIds.length], passwordHash],
    );
    shops.push({ id: rows[0].id, email });
  }

  // A signing key of the bench, as the worker's keyring would store one.
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const key = { keyId: 'B1', privateKey };
  await client.query(
    `INSERT INTO voucher_signing_key (key_id, public_key, private_key) VALUES ($1, $2, $3)`,
    [
      key.keyId,
      publicKey.export({ format: 'der', type: 'spki' }),
      privateKey.export({ format: 'der', type: 'pkcs8' }),
    ],
  );

  const vouchers = [];
  for (let i = 0; i < CLIENTS * VOUCHERS_PER_CLIENT; i++) vouchers.push({ faceValue: FACE_VALUE });
  const hot = { faceValue: HOT_FACE_VALUE };
  vouchers.push(hot);
  for (const v of vouchers) {
    v.id = randomUUID();
    v.accountId = randomUUID();
    v.code = generateShortCode();
    v.token = signVoucherToken(v.id, key);
  }
  const total = vouchers.reduce((sum, v) => sum + v.faceValue, 0);

  await client.query('BEGIN');
  const treasury = (
    await client.query(
      `INSERT INTO ledger_account (kind, owner_id, label, allow_negative) VALUES ('treasury', $1, 'Tesoreria', true)
       ON CONFLICT (kind, owner_id) DO UPDATE SET label = ledger_account.label RETURNING id`,
      [tradate],
    )
  ).rows[0].id;
  const fundId = randomUUID();
  const fundAccount = (
    await client.query(
      `INSERT INTO ledger_account (kind, owner_id, label) VALUES ('fund', $1, 'Fondo bench') RETURNING id`,
      [fundId],
    )
  ).rows[0].id;
  await client.query(
    `INSERT INTO fund (id, comune_id, name, account_id) VALUES ($1, $2, 'Fondo bench', $3)`,
    [fundId, tradate, fundAccount],
  );
  const kindId = (
    await client.query(
      `INSERT INTO voucher_kind (slug, kind, name) VALUES ('bench-buono', 'spending', '{"it":"Buono","en":"Voucher"}')
       RETURNING id`,
    )
  ).rows[0].id;
  await client.query(
    `INSERT INTO ledger_transfer (debit_account_id, credit_account_id, amount, kind, idempotency_key, reference)
     VALUES ($1, $2, $3, 'fund_top_up', 'bench-top-up', 'bench')`,
    [treasury, fundAccount, total],
  );
  // Assignments of 20 vouchers each (the most one may hold).
  for (let start = 0, n = 0; start < vouchers.length; start += 20, n++) {
    const batch = vouchers.slice(start, start + 20);
    const assignmentId = randomUUID();
    const amounts = batch.map((v) => v.faceValue);
    const batchTotal = amounts.reduce((a, b) => a + b, 0);
    const assignmentAccount = (
      await client.query(
        `INSERT INTO ledger_account (kind, owner_id, label) VALUES ('assignment', $1, 'Assegnazione bench') RETURNING id`,
        [assignmentId],
      )
    ).rows[0].id;
    await client.query(
      `INSERT INTO voucher_assignment (id, fund_id, kind_id, household_id, comune_id, amounts, total, valid_from,
                                       valid_until, account_id, status, idempotency_key, issued_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now() - interval '1 day', now() + interval '1 year', $8, 'issued', $9, now())`,
      [
        assignmentId,
        fundId,
        kindId,
        householdId,
        tradate,
        amounts,
        batchTotal,
        assignmentAccount,
        `bench-${n}`,
      ],
    );
    await client.query(
      `INSERT INTO ledger_transfer (debit_account_id, credit_account_id, amount, kind, idempotency_key, reference)
       VALUES ($1, $2, $3, 'voucher_assignment', $4, 'bench')`,
      [fundAccount, assignmentAccount, batchTotal, `bench-assign-${n}`],
    );
    await client.query(
      `INSERT INTO ledger_account (id, kind, owner_id, label, balance)
       SELECT a, 'voucher', v, 'Buono ' || c, f FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::bigint[]) AS t(a, v, c, f)`,
      [batch.map((v) => v.accountId), batch.map((v) => v.id), batch.map((v) => v.code), amounts],
    );
    await client.query(
      `INSERT INTO voucher (id, code, assignment_id, position, kind_id, fund_id, comune_id, household_id, face_value,
                            account_id, valid_from, valid_until, key_id, token)
       SELECT v, c, $5, p - 1, $6, $7, $8, $9, f, a, now() - interval '1 day', now() + interval '1 year', $10, t
       FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::uuid[], $11::text[]) WITH ORDINALITY AS x(v, c, f, a, t, p)`,
      [
        batch.map((v) => v.id),
        batch.map((v) => v.code),
        amounts,
        batch.map((v) => v.accountId),
        assignmentId,
        kindId,
        fundId,
        tradate,
        householdId,
        key.keyId,
        batch.map((v) => v.token),
      ],
    );
    await client.query(
      `INSERT INTO ledger_transfer (debit_account_id, credit_account_id, amount, kind, idempotency_key, reference)
       SELECT $1, a, f, 'voucher_issue', 'bench-issue:' || v, 'voucher:' || v
       FROM unnest($2::uuid[], $3::uuid[], $4::bigint[]) AS t(a, v, f)`,
      [assignmentAccount, batch.map((v) => v.accountId), batch.map((v) => v.id), amounts],
    );
  }
  await client.query(`UPDATE ledger_account SET balance = balance - $2 WHERE id = $1`, [treasury, total]);
  await client.query('COMMIT');
  await client.query('ANALYZE');
  return { shops, vouchers: vouchers.slice(0, -1), hot };
}

/**
 * `clients` loops for `seconds`, each calling `work(client, i)`; latencies of answers counted as
 * `ok` (201), and the others by status and code.
 */
async function load(seconds, clients, work) {
  const latencies = [];
  const refusals = {};
  let ok = 0;
  let firstError = null;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const t0 = performance.now();
        let res;
        try {
          res = await work(c, i);
        } catch (error) {
          res = { status: 0, body: { code: String(error) } };
        }
        const ms = performance.now() - t0;
        if (res.status === 201) {
          ok++;
          latencies.push(ms);
        } else {
          const key = `${res.status} ${res.body?.code ?? ''}`;
          refusals[key] = (refusals[key] ?? 0) + 1;
          firstError ??= `${key} ${JSON.stringify(res.body).slice(0, 300)}`;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p) => round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0);
  return {
    redemptions: ok,
    seconds: round(elapsed),
    redemptionsPerSec: round(ok / elapsed),
    p50Ms: pct(0.5),
    p95Ms: pct(0.95),
    p99Ms: pct(0.99),
    refusals,
    firstError,
  };
}

/**
 * load() with the CPU it cost per successful request: the API processes, the PostgreSQL backends of the
 * bench's database and this process (the load generator). Null where /proc is not there.
 */
async function measured(apis, client, database, seconds, work) {
  const before = {
    api: apis.map((a) => cpuMs(a.child.pid)),
    postgres: await backendsCpu(client, database),
    client: process.cpuUsage(),
  };
  const result = await load(seconds, CLIENTS, work);
  const after = {
    api: apis.map((a) => cpuMs(a.child.pid)),
    postgres: await backendsCpu(client, database),
    client: process.cpuUsage(before.client),
  };
  const per = (ms) => round(ms / Math.max(1, result.redemptions), 3);
  if ([...before.api, ...after.api].includes(null)) return { ...result, cpu: null };
  const cpu = {
    api: per(after.api.reduce((sum, ms, i) => sum + ms - before.api[i], 0)),
    postgres: per(backendsDelta(before.postgres, after.postgres)),
    loadGenerator: per((after.client.user + after.client.system) / 1000),
  };
  cpu.total = round(cpu.api + cpu.postgres + cpu.loadGenerator, 3);
  return { ...result, cpu };
}

function pgbenchBinary() {
  for (const candidate of [
    'pgbench',
    '/usr/lib/postgresql/15/bin/pgbench',
    '/usr/lib/postgresql/16/bin/pgbench',
  ]) {
    const found = spawnSync(candidate, ['--version'], { encoding: 'utf8' });
    if (found.status === 0) return candidate;
  }
  throw new Error('pgbench not found: install postgresql-client (Debian: postgresql-client-15)');
}

/** pgbench's built-in tpcb-like script on its own database: transactions per second, CPU per transaction. */
async function runPgbench(databaseUrl, clients, seconds, watcher) {
  const bin = pgbenchBinary();
  const url = new URL(databaseUrl);
  const args = [
    '-h',
    url.hostname,
    '-p',
    url.port || '5432',
    '-U',
    decodeURIComponent(url.username || 'postgres'),
  ];
  const env = { ...process.env, ...(url.password && { PGPASSWORD: decodeURIComponent(url.password) }) };
  const database = url.pathname.slice(1);
  const exec = promisify(execFile);
  await exec(bin, [...args, '-i', '-q', '-s', String(PGBENCH_SCALE), database], { env });
  // pgbench's own CPU shows up in this process's children's time once it has exited; its backends' CPU
  // is read while they all live, every 250 ms from the first second on, and counted pro rata over the
  // whole run.
  const selfBefore = cpuMs(process.pid, true);
  const running = exec(
    bin,
    [...args, '-c', String(clients), '-j', '2', '-T', String(seconds), '-b', 'tpcb-like', database],
    { env, maxBuffer: 10 * 1024 * 1024 },
  );
  let done = false;
  running.then(
    () => (done = true),
    () => (done = true),
  );
  let first = null;
  let last = null;
  await sleep(1000);
  while (!done) {
    const now = await backendsCpu(watcher, database).catch(() => null);
    if (now?.size >= clients) {
      const reading = { at: performance.now(), cpu: now };
      first ??= reading;
      last = reading;
    }
    await sleep(250);
  }
  const { stdout } = await running;
  const selfAfter = cpuMs(process.pid, true);
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1]);
  const latency = Number(/latency average = ([\d.]+) ms/.exec(stdout)?.[1]);
  const transactions = Number(/number of transactions actually processed: (\d+)/.exec(stdout)?.[1]);
  if (!Number.isFinite(tps)) throw new Error(`could not read pgbench's tps:\n${stdout}`);
  const backendMs =
    first && last.at - first.at > 1000
      ? (backendsDelta(first.cpu, last.cpu) * seconds * 1000) / (last.at - first.at)
      : null;
  return {
    tps: round(tps),
    latencyAverageMs: latency,
    scale: PGBENCH_SCALE,
    script: 'tpcb-like',
    version: spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout.trim(),
    cpuMsPerTransaction:
      selfBefore === null || backendMs === null || !transactions
        ? null
        : {
            pgbench: round((selfAfter - selfBefore) / transactions, 3),
            postgres: round(backendMs / transactions, 3),
            total: round((selfAfter - selfBefore + backendMs) / transactions, 3),
          },
  };
}

async function main() {
  const id = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const server = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/piazza');
  server.pathname = `/piazza_bench_${id}`;
  const databaseUrl = server.toString();
  const pgbenchServer = new URL(server);
  pgbenchServer.pathname = `/piazza_pgbench_${id}`;
  const pgbenchUrl = pgbenchServer.toString();
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redisPrefix = `piazza-bench-${id}`;
  const baseEnv = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: redisPrefix,
    LOG_LEVEL: 'error',
  };
  const apis = [];
  let client = null;
  const cleanUp = async () => {
    await Promise.all(apis.map(stopApi));
    await client?.end().catch(() => undefined);
    for (const url of [databaseUrl, pgbenchUrl])
      await dropDatabase(url).catch((error) => console.error(`could not drop ${url}:`, error));
    await deleteRedisKeys(redisUrl, redisPrefix).catch(() => undefined);
  };
  const interrupted = async () => {
    console.error('Interrupted: cleaning up');
    await cleanUp();
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  try {
    pgbenchBinary();
    console.log(`Database ${server.pathname.slice(1)}: migrating and seeding the demo Ambito`);
    await createDatabaseIfMissing(databaseUrl);
    const setup = cli('setup', baseEnv);
    if (!setup.ok) throw new Error(`setup failed:\n${setup.output}`);

    client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const outboxNotify = process.env.BENCH_OUTBOX_NOTIFY !== '0';
    if (!outboxNotify) await client.query(`ALTER TABLE outbox DISABLE TRIGGER outbox_notify`);
    const seedStarted = performance.now();
    const seeded = await seedRedemptions(client);
    console.log(
      `  ${seeded.shops.length} shops with a merchant each, ${seeded.vouchers.length} vouchers ` +
        `(+1 hot one) in ${round((performance.now() - seedStarted) / 1000)} s`,
    );

    for (let i = 0; i < API_PROCESSES; i++) {
      const port = await freePort();
      apis.push(
        await startApi(
          {
            ...baseEnv,
            NODE_ENV: 'production',
            PORT: String(port),
            HOST: '127.0.0.1',
            PUBLIC_URL: `http://127.0.0.1:${port}`,
            DATABASE_POOL_SIZE: String(POOL_SIZE),
          },
          // BENCH_CPU_PROF=<dir>: a CPU profile of each API process.
          process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [],
        ),
      );
    }
    console.log(`API on ${apis.map((a) => a.url).join(', ')} (pool of ${POOL_SIZE} connections each)`);
    const tills = await Promise.all(
      seeded.shops.map((shop, i) => Till.signIn(apis[i % apis.length].url, shop.email)),
    );

    // Each merchant redeems small amounts from the vouchers of its own customers, as a till does:
    // the QR token one time, the short code typed the next.
    const redeem = (c, i, voucher, amount) =>
      tills[c].send(
        'POST',
        `/api/merchant/shops/${seeded.shops[c].id}/redemptions`,
        { code: i % 2 ? voucher.token : voucher.code.toLowerCase(), amount },
        { 'idempotency-key': randomUUID() },
      );
    const steady = (c, i) => {
      const voucher =
        seeded.vouchers[c * VOUCHERS_PER_CLIENT + Math.floor(Math.random() * VOUCHERS_PER_CLIENT)];
      return redeem(c, i, voucher, 100 + Math.floor(Math.random() * 1900));
    };
    const database = server.pathname.slice(1);
    let baseline = null;
    if (process.env.BENCH_BASELINE) {
      baseline = await measured(apis, client, database, 5, async (c) => {
        const res = await tills[c].send('GET', '/api/merchant/shops');
        return { ...res, status: res.status === 200 ? 201 : res.status };
      });
      console.log(
        `  baseline GET /api/merchant/shops: ${baseline.redemptionsPerSec}/s, p95 ${baseline.p95Ms} ms` +
          (baseline.cpu
            ? `, CPU per request: API ${baseline.cpu.api} ms, PostgreSQL ${baseline.cpu.postgres} ms, ` +
              `load generator ${baseline.cpu.loadGenerator} ms`
            : ''),
      );
    }
    console.log(`Warming up (${WARM_UP_SECONDS} s), then ${SECONDS} s with ${CLIENTS} clients`);
    await load(WARM_UP_SECONDS, CLIENTS, steady);
    const http = await measured(apis, client, database, SECONDS, steady);
    const { cpu } = http;
    console.log(
      `  steady: ${http.redemptions} redemptions, ${http.redemptionsPerSec}/s, p50 ${http.p50Ms} ms, ` +
        `p95 ${http.p95Ms} ms, p99 ${http.p99Ms} ms, refused ${JSON.stringify(http.refusals)}` +
        (http.firstError ? ` (first: ${http.firstError})` : ''),
    );
    if (cpu)
      console.log(
        `  CPU per redemption: API ${cpu.api} ms, PostgreSQL ${cpu.postgres} ms, ` +
          `load generator ${cpu.loadGenerator} ms`,
      );

    // Every client on one voucher of 2.000 €, until it runs out: it must never pay out more.
    const hot = await load(HOT_SECONDS, CLIENTS, (c, i) =>
      redeem(c, i, seeded.hot, 100 + Math.floor(Math.random() * 1900)),
    );
    console.log(
      `  hot voucher: ${hot.redemptions} redemptions, ${hot.redemptionsPerSec}/s, p95 ${hot.p95Ms} ms, ` +
        `refused ${JSON.stringify(hot.refusals)}`,
    );

    for (const till of tills) till.close();
    await Promise.all(apis.map(stopApi));

    const [{ overspent, hot_balance: hotBalance, redeemed }] = (
      await client.query(
        `SELECT coalesce(sum(greatest(0, r.redeemed - v.face_value)), 0)::bigint AS overspent,
                (SELECT balance FROM ledger_account WHERE id = $1)::bigint AS hot_balance,
                coalesce(sum(r.redeemed), 0)::bigint AS redeemed
         FROM voucher v
         JOIN (SELECT voucher_id, sum(amount) AS redeemed FROM voucher_redemption WHERE voided_at IS NULL
               GROUP BY voucher_id) r ON r.voucher_id = v.id`,
        [seeded.hot.accountId],
      )
    ).rows;
    const verified = cli('ledger:verify', baseEnv);
    console.log(`  ${verified.output.trim().split('\n').slice(-1)[0]}`);

    console.log(`pgbench (built-in tpcb-like, scale ${PGBENCH_SCALE}, ${CLIENTS} clients, ${SECONDS} s)`);
    await createDatabaseIfMissing(pgbenchUrl);
    const pgbench = await runPgbench(pgbenchUrl, CLIENTS, SECONDS, client);
    console.log(`  ${pgbench.tps} tps, latency average ${pgbench.latencyAverageMs} ms`);
    const cpuPgbench = pgbench.cpuMsPerTransaction;
    if (cpuPgbench)
      console.log(
        `  CPU per transaction: pgbench ${cpuPgbench.pgbench} ms, PostgreSQL ${cpuPgbench.postgres} ms`,
      );

    const [{ version }] = (await client.query('SHOW server_version')).rows.map((r) => ({
      version: r.server_version,
    }));
    const ratio = round(http.redemptionsPerSec / pgbench.tps, 3);
    const result = {
      redemptionsPerSec: http.redemptionsPerSec,
      p95Ms: http.p95Ms,
      pgbenchTps: pgbench.tps,
      ratio,
      overspentCents: Number(overspent),
      targetRatio: TARGET_RATIO,
      meetsTarget: ratio >= TARGET_RATIO && Number(overspent) === 0 && verified.ok && outboxNotify,
      ...(!outboxNotify && { diagnostic: 'outbox NOTIFY trigger disabled (BENCH_OUTBOX_NOTIFY=0)' }),
      ledgerVerified: verified.ok,
      p50Ms: http.p50Ms,
      p99Ms: http.p99Ms,
      redemptions: http.redemptions,
      refusals: http.refusals,
      hot: {
        faceValue: HOT_FACE_VALUE,
        balanceLeft: Number(hotBalance),
        redemptions: hot.redemptions,
        redemptionsPerSec: hot.redemptionsPerSec,
        p95Ms: hot.p95Ms,
        refusals: hot.refusals,
      },
      redeemedCents: Number(redeemed),
      // CPU ms per redemption (API, PostgreSQL, load generator) and per pgbench transaction: on a machine
      // shared with other work the rates above move with its load, these much less. cpuRatio is what the
      // ratio would be if each run had the machine to itself and CPU were the only limit.
      cpuMsPerRedemption: cpu,
      cpuRatio: cpu && cpuPgbench ? round(cpuPgbench.total / cpu.total, 3) : null,
      ...(baseline && {
        baseline: {
          request: 'GET /api/merchant/shops',
          requestsPerSec: baseline.redemptionsPerSec,
          p95Ms: baseline.p95Ms,
          ratio: round(baseline.redemptionsPerSec / pgbench.tps, 3),
          cpuMsPerRequest: baseline.cpu,
        },
      }),
      pgbench,
      seconds: SECONDS,
      concurrency: CLIENTS,
      shops: seeded.shops.length,
      vouchers: seeded.vouchers.length,
      poolSize: POOL_SIZE,
      apiProcesses: API_PROCESSES,
      environment: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model,
        node: process.version,
        postgres: version,
        date: new Date().toISOString(),
      },
    };
    mkdirSync(join(ROOT, 'test/bench/results'), { recursive: true });
    const file = join(ROOT, 'test/bench/results/redeem.json');
    writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
    console.log(
      `\n${CLIENTS} merchants over HTTP: ${result.redemptionsPerSec} redemptions/s (p95 ${result.p95Ms} ms); ` +
        `pgbench tpcb-like ${result.pgbenchTps} tps; ratio ${ratio} (target >= ${TARGET_RATIO}: ` +
        `${ratio >= TARGET_RATIO ? 'met' : 'missed'}); overspent ${result.overspentCents} cents; ` +
        `ledger ${verified.ok ? 'verified' : 'NOT balanced'}\nWrote ${file}`,
    );
    if (!verified.ok || result.overspentCents !== 0) process.exitCode = 1;
  } finally {
    await cleanUp();
  }
}

function round(n, digits = 1) {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

if (!existsSync(join(ROOT, 'dist/apps/api/src/main.js'))) {
  console.error('Build the server first: npm run build:server');
  process.exit(1);
}
main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
