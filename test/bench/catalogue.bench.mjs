// Catalogue search benchmark (npm run bench:catalogue): a throw-away database with 100,000 services,
// the compiled API on a free port of 127.0.0.1, and 32 clients running a mix of searches (words, typos,
// filters, distance) over HTTP for BENCH_SECONDS (30); then the same mix through `pg` with the same SQL
// and concurrency. Writes test/bench/results/catalogue.json and prints a summary. The database is dropped
// at the end, even on failure. Not part of `npm test`.
//
// Phases:
//   http          the API as deployed (engine: the in-process catalogue index, libs/catalogue/src/search/
//                 catalogue-index.ts; answers cached in process until the catalogue changes)
//   httpUncached  the same API with the answer cache off (CATALOGUE_ANSWER_CACHE=off): every answer is
//                 computed from the index (what a visitor pays when nobody asked the same a moment ago)
//   sql           the former engine: the search as one SQL statement (service-search.sql.ts) alone,
//                 through a pool as large as the API's
// Also measured: the index build after a catalogue change (one request after a version bump) and the
// API's resident memory before and after the first build.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import pg from 'pg';
import { seedCatalogue } from './catalogue-seed.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const dist = (path) => require(join(ROOT, 'dist', path));
const { createDatabaseIfMissing, dropDatabase, runMigrations } = dist(
  'apps/cli/src/database/database-admin.js',
);
const { serviceSearchCriteria } = dist('libs/catalogue/src/search/search-criteria.js');
const { serviceSearchSql } = dist('libs/catalogue/src/search/service-search.sql.js');
const demo = dist('apps/cli/src/seed/demo-ambito.data.js');

const SERVICES = Number(process.env.BENCH_SERVICES ?? 100_000);
const ORGANISATIONS = Number(process.env.BENCH_ORGANISATIONS ?? 2_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const POOL_SIZE = Number(process.env.BENCH_POOL_SIZE ?? 10);
const WARM_UP_SECONDS = Math.min(5, Math.max(1, SECONDS / 6));
const TARGET_P95_MS = 50;
// Session settings of the API's connections and of the SQL phase's pool (both alike): with 32 clients
// on a few cores, parallel workers only add processes competing for the same CPUs.
const PG_OPTIONS = process.env.BENCH_PGOPTIONS ?? '-c max_parallel_workers_per_gather=0 -c work_mem=16MB';

// ---------------------------------------------------------------------------------------------------
// The mix: what visitors of a catalogue ask. Deterministic (seeded) so runs compare.

function prng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'babysitter',
  'doposcuola',
  'anziani',
  'assistenza domiciliare',
  'pasti a domicilio',
  'trasporto',
  'pulizie',
  'stireria',
  'dog sitter',
  'centro estivo',
  'ripetizioni',
  'badante',
  'telesoccorso',
  'sostegno psicologico',
  'mediazione familiare',
  'micronido',
  'caffè',
  'giardino',
  'orientamento',
  'teatro ragazzi',
  'piedibus',
  'spesa',
  'compiti',
  'ascolto',
  'bagno assistito',
  'montagna',
  'cani',
  'trasporto anziani',
  'babysitting serale',
  'consulenza genitori',
];
const TYPOS = ['babysiter', 'baby sitter', 'doposcula', 'anzini', 'stiraria', 'telesocorso', 'ripetizzioni'];
const FAMILIES = ['youcare', 'childcare', 'silvercare', 'familycare', 'housepetcare'];
const THEMES = ['casa', 'lavoro', 'cibo', 'cura', 'formazione', 'tirocini', 'ascolto'];
const TARGETS = [
  'famiglie',
  'bambini',
  'giovani',
  'anziani',
  'donne',
  'disabilita',
  'stranieri',
  'caregiver',
];
const COMUNI = demo.COMUNI.map((c) => c.slug);

/** The origin the API resolves (the seeded Comuni are the demo's, with the same centres). */
function origin(criteria) {
  if (criteria.near) return { ...criteria.near, label: null };
  const comune = demo.COMUNI.find((c) => c.slug === criteria.nearComune);
  return comune ? { lat: comune.lat, lng: comune.lng, label: comune.name } : null;
}
const CATEGORIES = demo.FAMILIES.flatMap((f) => f.subcategories.map((s) => s.slug));

/**
 * One search. Popular values are asked more often (Zipf: the k-th value of a list about 1/k as often as
 * the first), as in any search log; points near which people search are all different.
 */
function mix(random) {
  const pick = (list) => {
    const weights = list.map((_, k) => 1 / (k + 1));
    let r = random() * weights.reduce((a, b) => a + b, 0);
    for (let k = 0; k < list.length; k++) if ((r -= weights[k]) <= 0) return list[k];
    return list[list.length - 1];
  };
  const page = () => (random() < 0.85 ? 1 : 2 + Math.floor(random() * 2));
  const point = () => `${(45.7 + random() * 0.08).toFixed(5)},${(8.85 + random() * 0.06).toFixed(5)}`;
  const words = () => (random() < 0.2 ? pick(TYPOS) : pick(WORDS));
  const r = random();
  if (r < 0.4) {
    const input = { kind: 'text', q: words(), page: page() };
    const extra = random();
    if (extra < 0.15) input.comune = [pick(COMUNI)];
    else if (extra < 0.3) input.family = pick(FAMILIES);
    else if (extra < 0.4) input.voucher = true;
    return input;
  }
  if (r < 0.6) {
    const input = { kind: 'browse', sort: pick(['title', 'price', 'newest']), page: page() };
    if (random() < 0.7) input.family = pick(FAMILIES);
    if (random() < 0.5) input.comune = [pick(COMUNI)];
    const extra = random();
    if (extra < 0.2) input.category = [pick(CATEGORIES)];
    else if (extra < 0.4) input.theme = [pick(THEMES)];
    else if (extra < 0.6) input.target = [pick(TARGETS)];
    return input;
  }
  if (r < 0.8) {
    const input = { kind: 'near', near: point(), radiusKm: pick([1, 2, 5]) };
    if (random() < 0.7) input.q = words();
    else input.category = [pick(CATEGORIES)];
    return input;
  }
  if (r < 0.9) {
    const input = { kind: 'nearComune', nearComune: pick(COMUNI) };
    if (random() < 0.5) input.q = words();
    else input.family = pick(FAMILIES);
    if (random() < 0.5) input.radiusKm = 3;
    return input;
  }
  const input = { kind: 'flags' };
  const flag = random();
  if (flag < 0.3) input.openNow = true;
  else if (flag < 0.5) input.free = true;
  else if (flag < 0.7) input.voucher = true;
  else {
    input.priceMin = 500 * Math.floor(random() * 4);
    input.priceMax = input.priceMin + 1000 + 500 * Math.floor(random() * 6);
  }
  if (random() < 0.5) input.q = words();
  else input.family = pick(FAMILIES);
  return input;
}

function queryString(input) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(input)) {
    if (key === 'kind') continue;
    params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  return params.toString();
}

// ---------------------------------------------------------------------------------------------------
// Load: CONCURRENCY workers, each sending its next request when the previous one answers.

async function load(seconds, seed, send) {
  const random = prng(seed);
  const latencies = [];
  const byKind = {};
  const distinct = new Set();
  let errors = 0;
  let firstError = null;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        const input = mix(random);
        distinct.add(queryString(input));
        const t0 = performance.now();
        try {
          await send(input);
        } catch (error) {
          errors++;
          firstError ??= String(error?.message ?? error);
          continue;
        }
        const ms = performance.now() - t0;
        latencies.push(ms);
        (byKind[input.kind] ??= []).push(ms);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return {
    requests: latencies.length,
    errors,
    firstError,
    distinctQueries: distinct.size,
    rps: round(latencies.length / elapsed),
    ...stats(latencies),
    byKind: Object.fromEntries(
      Object.entries(byKind).map(([kind, values]) => [kind, { requests: values.length, ...stats(values) }]),
    ),
  };
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p) => round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN);
  return { p50Ms: at(0.5), p95Ms: at(0.95), p99Ms: at(0.99), maxMs: at(1) };
}

function round(n) {
  return Math.round(n * 10) / 10;
}

// ---------------------------------------------------------------------------------------------------

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startApi(env) {
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps/api/src/main.js')], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${env.PORT}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the API exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, child, exited };
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error('the API did not answer /api/health within 30 s');
}

async function main() {
  const id = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const server = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/piazza');
  server.pathname = `/piazza_bench_${id}`;
  const databaseUrl = server.toString();
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redisPrefix = `piazza-bench-${id}`;
  let api = null;
  let pool = null;
  const cleanUp = async () => {
    if (api && api.child.exitCode === null) {
      api.child.kill('SIGTERM');
      await Promise.race([api.exited, sleep(5000)]);
      if (api.child.exitCode === null) api.child.kill('SIGKILL');
    }
    await pool?.end().catch(() => undefined);
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
    console.log(`Database ${server.pathname.slice(1)}: migrating`);
    await createDatabaseIfMissing(databaseUrl);
    await runMigrations({ DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: 2 });

    console.log(`Seeding ${SERVICES} services of ${ORGANISATIONS} organisations...`);
    const seedStarted = performance.now();
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const seeded = await seedCatalogue(client, demo, { services: SERVICES, organisations: ORGANISATIONS });
    await client.end();
    const seedSeconds = round((performance.now() - seedStarted) / 1000);
    console.log(`  ${seeded.services} services (${seeded.visible} visible) in ${seedSeconds} s`);

    const apiEnv = async (extra = {}) => {
      const port = await freePort();
      return {
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        DATABASE_URL: databaseUrl,
        DATABASE_POOL_SIZE: String(POOL_SIZE),
        REDIS_URL: redisUrl,
        REDIS_PREFIX: redisPrefix,
        // Warnings would print every slow statement in full; errors still show.
        LOG_LEVEL: 'error',
        PGOPTIONS: PG_OPTIONS,
        ...extra,
      };
    };
    api = await startApi(await apiEnv());
    console.log(`API on ${api.url}`);
    const rssBeforeMb = residentMb(api.child.pid);

    const http = async (input) => {
      const res = await fetch(`${api.url}/api/catalogue/services?${queryString(input)}`);
      const body = await res.json();
      if (res.status !== 200) throw new Error(`${res.status} ${queryString(input)}: ${JSON.stringify(body)}`);
      return body;
    };
    pool = new pg.Pool({ connectionString: databaseUrl, max: POOL_SIZE, options: PG_OPTIONS });
    const sql = async (input) => {
      const search = { ...input };
      delete search.kind;
      const criteria = serviceSearchCriteria(search);
      const query = serviceSearchSql(criteria, origin(criteria));
      return pool.query(query.text, query.values);
    };

    const phases = {};
    // The first search builds the index; then a catalogue change (a version bump) makes the next
    // search rebuild it before answering.
    const timed = async (input) => {
      const t0 = performance.now();
      await http(input);
      return round(performance.now() - t0);
    };
    const firstSearchMs = await timed({ q: 'anziani' });
    const rssAfterMb = residentMb(api.child.pid);
    const rebuilds = [];
    for (let i = 0; i < 3; i++) {
      await pool.query('UPDATE catalogue_version SET version = version + 1');
      rebuilds.push(await timed({ q: 'anziani', page: 2 + i }));
    }
    const index = {
      firstSearchMs,
      rebuildMs: rebuilds.sort((a, b) => a - b)[1],
      rssBeforeMb,
      rssAfterMb,
    };
    console.log(
      `  index: first search ${index.firstSearchMs} ms, search after a change ${index.rebuildMs} ms, ` +
        `RSS ${rssBeforeMb} -> ${rssAfterMb} MB`,
    );
    console.log(`Warming up (${WARM_UP_SECONDS} s), then ${SECONDS} s per phase with ${CONCURRENCY} clients`);
    await load(WARM_UP_SECONDS, 1, http);
    phases.http = await load(SECONDS, 42, http);
    report('http', phases.http);

    // The same API without its answer cache: every answer is computed from the index.
    api.child.kill('SIGTERM');
    await Promise.race([api.exited, sleep(5000)]);
    api = await startApi(await apiEnv({ CATALOGUE_ANSWER_CACHE: 'off' }));
    await load(WARM_UP_SECONDS, 1, http);
    phases.httpUncached = await load(SECONDS, 42, http);
    report('httpUncached', phases.httpUncached);

    await load(WARM_UP_SECONDS, 1, sql);
    phases.sql = await load(SECONDS, 42, sql);
    report('sql', phases.sql);

    const [{ version }] = (await pool.query('SHOW server_version')).rows.map((r) => ({
      version: r.server_version,
    }));
    const result = {
      engine: 'in-memory index (sql phase: the former one-statement SQL engine)',
      services: seeded.services,
      visibleServices: seeded.visible,
      organisations: seeded.organisations,
      p50Ms: phases.http.p50Ms,
      p95Ms: phases.http.p95Ms,
      rps: phases.http.rps,
      sqlP95Ms: phases.sql.p95Ms,
      overheadRatio: Math.round((phases.http.p95Ms / phases.sql.p95Ms) * 1000) / 1000,
      uncachedP95Ms: phases.httpUncached.p95Ms,
      uncachedOverheadRatio: Math.round((phases.httpUncached.p95Ms / phases.sql.p95Ms) * 1000) / 1000,
      targetP95Ms: TARGET_P95_MS,
      meetsTarget: phases.http.p95Ms < TARGET_P95_MS && phases.http.p95Ms <= 2 * phases.sql.p95Ms,
      seconds: SECONDS,
      concurrency: CONCURRENCY,
      poolSize: POOL_SIZE,
      pgOptions: PG_OPTIONS,
      seedSeconds,
      index,
      phases,
      environment: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model,
        node: process.version,
        postgres: version,
        date: new Date().toISOString(),
      },
    };
    mkdirSync(join(ROOT, 'test/bench/results'), { recursive: true });
    const file = join(ROOT, 'test/bench/results/catalogue.json');
    writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
    console.log(
      `\n${result.services} services, ${CONCURRENCY} clients, engine ${result.engine}:\n` +
        `HTTP p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms, ` +
        `${result.rps} req/s; one-statement SQL p95 ${result.sqlP95Ms} ms; HTTP/SQL p95 ${result.overheadRatio}; ` +
        `uncached HTTP p95 ${result.uncachedP95Ms} ms (target p95 < ${TARGET_P95_MS} ms: ` +
        `${result.meetsTarget ? 'met' : 'missed'})\nWrote ${file}`,
    );
  } finally {
    await cleanUp();
  }
}

/** Resident memory of a process in MB (Linux), or null. */
function residentMb(pid) {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return Math.round(kb / 1024);
  } catch {
    return null;
  }
}

function report(name, phase) {
  const kinds = Object.entries(phase.byKind)
    .map(([kind, s]) => `${kind} p95 ${s.p95Ms}`)
    .join(', ');
  console.log(
    `  ${name.padEnd(13)} ${phase.requests} requests (${phase.distinctQueries} distinct), ${phase.rps} req/s, ` +
      `p50 ${phase.p50Ms} ms, p95 ${phase.p95Ms} ms, p99 ${phase.p99Ms} ms, errors ${phase.errors}` +
      (phase.firstError ? ` (first: ${phase.firstError.slice(0, 200)})` : '') +
      `\n                ${kinds}`,
  );
}

async function deleteRedisKeys(url, prefix) {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
