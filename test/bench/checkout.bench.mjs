// Checkout benchmark (npm run bench:checkout): a throw-away database with the demo Ambito, CLIENTS (32)
// households of Tradate each with VOUCHERS_PER_HOUSEHOLD service vouchers of 10.000 € (issued through
// the real services), the compiled API on a free port of 127.0.0.1, and the households checking out
// over HTTP for BENCH_SECONDS (30): every round puts two voucher-payable services with a date (two
// providers, so two orders) in the cart and pays it with vouchers alone (POST /api/checkout with a fresh
// Idempotency-Key). The slots of the two services get a capacity no run can fill, so every checkout
// books places on slots that the other households book at the same time. Latency is the checkout
// request's. Afterwards: no slot booked beyond its capacity, every slot's booked places equal to its
// orders' lines, and `ledger:verify`. Writes test/bench/results/checkout.json with { ordersPerSec,
// checkoutsPerSec, p95Ms, p50Ms, oversold, ledgerBalanced, ... }. The database is dropped at the end,
// even on failure. Not part of `npm test`.
//
// Knobs: BENCH_SECONDS, BENCH_CONCURRENCY, BENCH_POOL_SIZE, BENCH_VOUCHERS_PER_HOUSEHOLD.
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { deleteRedisKeys, freePort, startApi } from './bench-process.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const dist = (path) => require(join(ROOT, 'dist', path));

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CLIENTS = Number(process.env.BENCH_CONCURRENCY ?? 32);
const POOL_SIZE = Number(process.env.BENCH_POOL_SIZE ?? 16);
const VOUCHERS_PER_HOUSEHOLD = Number(process.env.BENCH_VOUCHERS_PER_HOUSEHOLD ?? 5);
const WARM_UP_SECONDS = Math.min(5, Math.max(1, SECONDS / 6));
const VOUCHER_CENTS = 1_000_000; // 10.000 €, the most one voucher may hold
const SERVICES = ['sostegno-psicologico-individuale', 'consulenza-familiare-coppie-genitori'];
const PASSWORD = 'Piazza-demo-2026';

// ---------------------------------------------------------------------------------------------------

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

/** A family's browser: the session cookie, and the XSRF cookie sent back as a header. */
class Browser {
  cookies = new Map();

  constructor(url) {
    this.url = url;
  }

  static async signIn(url, email) {
    const browser = new Browser(url);
    await browser.send('GET', '/api/settings');
    const res = await browser.send('POST', '/api/auth/login', { email, password: PASSWORD });
    if (res.status !== 200)
      throw new Error(`login of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return browser;
  }

  async send(method, path, body, headers = {}) {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        ...headers,
        ...(body !== undefined && { 'content-type': 'application/json' }),
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(this.cookies.has('XSRF-TOKEN') && { 'x-xsrf-token': this.cookies.get('XSRF-TOKEN') }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }
}

/**
 * CLIENTS citizens of Tradate with their households (by SQL, with the demo's password), then a fund and
 * each household's service vouchers through the real services (assignment, then issuance as the worker
 * does it), and slots of the two services with room for any run.
 */
async function seedHouseholds(databaseUrl, publicUrl) {
  const { DataSource } = require('typeorm');
  // The services log every assignment issued: only warnings and errors here.
  require('@nestjs/common').Logger.overrideLogger(['error', 'warn']);
  const core = dist('libs/core/src/index.js');
  const { IDENTITY_ENTITIES } = dist('libs/identity/src/index.js');
  const { CATALOGUE_ENTITIES } = dist('libs/catalogue/src/index.js');
  const { LEDGER_ENTITIES, LedgerService } = dist('libs/ledger/src/index.js');
  const vouchers = dist('libs/vouchers/src/index.js');
  const ds = new DataSource(
    core.dataSourceOptions({ DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: 2 }, [
      ...core.CORE_ENTITIES,
      ...IDENTITY_ENTITIES,
      ...CATALOGUE_ENTITIES,
      ...LEDGER_ENTITIES,
      ...vouchers.VOUCHER_ENTITIES,
    ]),
  );
  await ds.initialize();
  try {
    const households = await ds.query(
      `WITH users AS (
         INSERT INTO user_account (email, password_hash, display_name, roles, email_verified_at)
         SELECT 'famiglia.bench.' || i || '@example.org', u.password_hash, 'Famiglia ' || i, '{citizen}', now()
         FROM generate_series(1, $1::int) i, user_account u WHERE u.email = 'famiglia@demo.piazza.example'
         RETURNING id, email
       ), homes AS (
         INSERT INTO household (comune_id, owner_user_id, address)
         SELECT c.id, users.id, 'Via del Mercato ' || split_part(users.email, '.', 3) FROM users, comune c
         WHERE c.slug = 'tradate'
         RETURNING id, owner_user_id
       ), members AS (
         INSERT INTO household_member (household_id, first_name, last_name, fiscal_code, date_of_birth, relation)
         SELECT homes.id, 'Bench', 'Famiglia', 'BNCFML80A01L319X', '1980-01-01', 'self' FROM homes
       )
       SELECT homes.id, users.email FROM homes JOIN users ON users.id = homes.owner_user_id ORDER BY users.email`,
      [CLIENTS],
    );
    const ledger = new LedgerService();
    const outbox = new core.OutboxService();
    const funds = new vouchers.FundService(ledger);
    const assignments = new vouchers.VoucherAssignmentService(ledger, outbox);
    const issuance = new vouchers.VoucherIssuanceService(ledger, new vouchers.VoucherKeyring(), outbox, {
      PUBLIC_URL: publicUrl,
      PORT: 0,
    });
    await ds.transaction(async (em) => {
      const ctx = core.RequestContext.system(em, 'bench');
      const [{ tradate, kind }] = await em.query(
        `SELECT (SELECT id FROM comune WHERE slug = 'tradate') AS tradate,
                (SELECT id FROM voucher_kind WHERE slug = 'voucher-servizi') AS kind`,
      );
      await funds.create(ctx, { comuneId: tradate, name: 'Voucher servizi bench', description: 'bench' });
      const [{ id: fundId }] = await em.query(`SELECT id FROM fund WHERE name = 'Voucher servizi bench'`);
      await funds.topUp(
        ctx,
        fundId,
        { amount: CLIENTS * VOUCHERS_PER_HOUSEHOLD * VOUCHER_CENTS, reference: 'bench' },
        'bench-top-up',
      );
      for (const household of households) {
        const assignment = await assignments.assign(
          ctx,
          household.id,
          {
            fundId,
            kindId: kind,
            amounts: Array(VOUCHERS_PER_HOUSEHOLD).fill(core.cents(VOUCHER_CENTS)),
            validFrom: new Date(Date.now() - 86_400_000),
            validUntil: new Date(Date.now() + 90 * 86_400_000),
            note: 'bench',
          },
          `bench-${household.id}`,
        );
        await issuance.issue(ctx, assignment.id);
      }
    });
    // Room for any run on every future slot of the two services; the slots each round books.
    const slots = await ds.query(
      `UPDATE service_slot sl SET capacity = 1000000
       FROM service_offer s WHERE s.id = sl.service_offer_id AND s.slug = ANY ($1)
         AND sl.starts_at > now() + interval '2 days' AND sl.cancelled_at IS NULL
       RETURNING sl.id, s.id AS service_id, s.slug`,
      [SERVICES],
    );
    const services = SERVICES.map((slug) => {
      const mine = slots[0].filter((s) => s.slug === slug);
      if (!mine.length) throw new Error(`no future slot of ${slug} in the demo`);
      return { slug, id: mine[0].service_id, slots: mine.map((s) => s.id).sort() };
    });
    await ds.query('ANALYZE');
    return { households, services };
  } finally {
    await ds.destroy();
  }
}

/**
 * `clients` loops for `seconds`, each calling `work(client, i)` for one round; the round returns the
 * checkout's answer and its latency. Rounds whose checkout answered 201 count, with their orders.
 */
async function load(seconds, clients, work) {
  const latencies = [];
  const refusals = {};
  let checkouts = 0;
  let orders = 0;
  let firstError = null;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; performance.now() < deadline; i++) {
        let res;
        let ms = 0;
        try {
          ({ res, ms } = await work(c, i));
        } catch (error) {
          res = { status: 0, body: { code: String(error) } };
        }
        if (res.status === 201) {
          checkouts++;
          orders += res.body.orders.length;
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
    checkouts,
    orders,
    seconds: round(elapsed),
    checkoutsPerSec: round(checkouts / elapsed),
    ordersPerSec: round(orders / elapsed),
    p50Ms: pct(0.5),
    p95Ms: pct(0.95),
    p99Ms: pct(0.99),
    refusals,
    firstError,
  };
}

async function main() {
  const id = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const server = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/piazza');
  server.pathname = `/piazza_bench_${id}`;
  const databaseUrl = server.toString();
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redisPrefix = `piazza-bench-${id}`;
  const { createDatabaseIfMissing, dropDatabase } = dist('apps/cli/src/database/database-admin.js');
  let api = null;
  let client = null;
  const cleanUp = async () => {
    if (api) await stopApi(api);
    await client?.end().catch(() => undefined);
    await dropDatabase(databaseUrl).catch((error) => console.error('could not drop the database:', error));
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
    const port = await freePort();
    const baseEnv = {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: redisPrefix,
      LOG_LEVEL: 'error',
      // Vouchers only: card payment stays off, so a checkout that vouchers cannot pay would be refused.
      STRIPE_SECRET_KEY: '',
      STRIPE_WEBHOOK_SECRET: '',
    };
    console.log(`Database ${server.pathname.slice(1)}: migrating and seeding the demo Ambito`);
    await createDatabaseIfMissing(databaseUrl);
    const setup = cli('setup', baseEnv);
    if (!setup.ok) throw new Error(`setup failed:\n${setup.output}`);
    console.log(`Issuing ${CLIENTS * VOUCHERS_PER_HOUSEHOLD} service vouchers to ${CLIENTS} households...`);
    const seeded = await seedHouseholds(databaseUrl, `http://127.0.0.1:${port}`);

    api = await startApi({
      ...baseEnv,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATABASE_POOL_SIZE: String(POOL_SIZE),
    });
    console.log(`API on ${api.url} (pool ${POOL_SIZE})`);
    const browsers = [];
    for (const household of seeded.households) browsers.push(await Browser.signIn(api.url, household.email));

    const [first, second] = seeded.services;
    const checkoutRound = async (c, i) => {
      const browser = browsers[c];
      for (const service of [first, second]) {
        const slotId = service.slots[(c + i) % service.slots.length];
        const added = await browser.send('POST', '/api/cart/lines', {
          serviceId: service.id,
          slotId,
          quantity: 1,
        });
        if (added.status !== 201) return { res: added, ms: 0 };
      }
      const t0 = performance.now();
      const res = await browser.send(
        'POST',
        '/api/checkout',
        { vouchers: 'auto' },
        { 'idempotency-key': randomUUID() },
      );
      const ms = performance.now() - t0;
      // A refused checkout leaves its lines: empty the cart for the next round.
      if (res.status !== 201) await browser.send('DELETE', '/api/cart');
      return { res, ms };
    };
    console.log(`Warming up (${WARM_UP_SECONDS} s), then ${SECONDS} s with ${CLIENTS} households`);
    await load(WARM_UP_SECONDS, CLIENTS, checkoutRound);
    const http = await load(SECONDS, CLIENTS, checkoutRound);
    console.log(
      `  ${http.checkouts} checkouts (${http.orders} orders): ${http.checkoutsPerSec} checkouts/s, ` +
        `${http.ordersPerSec} orders/s, checkout p50 ${http.p50Ms} ms, p95 ${http.p95Ms} ms, p99 ${http.p99Ms} ms, ` +
        `refused ${JSON.stringify(http.refusals)}` +
        (http.firstError ? ` (first: ${http.firstError})` : ''),
    );
    await stopApi(api);

    client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const [{ oversold, mismatched, orders, voucher_paid: voucherPaid }] = (
      await client.query(
        `SELECT (SELECT count(*) FROM service_slot WHERE booked > capacity)::int AS oversold,
                (SELECT count(*) FROM service_slot sl JOIN service_offer s ON s.id = sl.service_offer_id
                 WHERE s.slug = ANY ($1)
                   AND sl.booked <> coalesce((SELECT sum(l.quantity) FROM order_line l
                                              WHERE l.slot_id = sl.id AND l.booked), 0))::int AS mismatched,
                (SELECT count(*) FROM customer_order)::int AS orders,
                (SELECT coalesce(sum(voucher_amount), 0) = coalesce(sum(total), 0) FROM customer_order) AS voucher_paid`,
        [SERVICES],
      )
    ).rows;
    const verified = cli('ledger:verify', baseEnv);
    console.log(`  ${verified.output.trim().split('\n').slice(-1)[0]}`);

    const { rows } = await client.query('SHOW server_version');
    const result = {
      ordersPerSec: http.ordersPerSec,
      checkoutsPerSec: http.checkoutsPerSec,
      p95Ms: http.p95Ms,
      p50Ms: http.p50Ms,
      oversold,
      ledgerBalanced: verified.ok,
      p99Ms: http.p99Ms,
      checkouts: http.checkouts,
      orders: http.orders,
      ordersInDatabase: orders,
      slotsBookedAsOrdered: mismatched === 0,
      paidByVouchersAlone: voucherPaid,
      refusals: http.refusals,
      seconds: SECONDS,
      concurrency: CLIENTS,
      cart: SERVICES.map((slug, i) => ({ service: slug, slots: seeded.services[i].slots.length })),
      vouchersPerHousehold: VOUCHERS_PER_HOUSEHOLD,
      poolSize: POOL_SIZE,
      environment: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model,
        // Other work on the machine during the run (1, 5 and 15 minutes).
        loadAverage: loadavg().map((n) => round(n, 2)),
        node: process.version,
        postgres: rows[0].server_version,
        date: new Date().toISOString(),
      },
    };
    mkdirSync(join(ROOT, 'test/bench/results'), { recursive: true });
    const file = join(ROOT, 'test/bench/results/checkout.json');
    writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
    console.log(
      `\n${CLIENTS} households over HTTP, carts of 2 lines paid by vouchers: ${result.checkoutsPerSec} checkouts/s, ` +
        `${result.ordersPerSec} orders/s (p95 ${result.p95Ms} ms); oversold slots ${oversold}; bookings ` +
        `${mismatched === 0 ? 'match the orders' : `differ on ${mismatched} slots`}; ledger ` +
        `${verified.ok ? 'verified' : 'NOT balanced'}\nWrote ${file}`,
    );
    if (!verified.ok || oversold !== 0 || mismatched !== 0) process.exitCode = 1;
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
