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
// Also measured (`index`): the first search (the full build), how long a change takes to show in the
// answers when another process commits it (one service: a patch of the index; the taxonomy: a full
// re-read, during which searches keep answering from the previous snapshot), and the API's resident
// memory before and after the first build. Each phase reports the CPU time the API and the load
// generator (node:http with keep-alive, in this process) spent per request.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Agent, get as httpGet } from 'node:http';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { load, mix, origin, prng, queryString, round, stats } from './catalogue-load.mjs';
import { seedCatalogue } from './catalogue-seed.mjs';
import { deleteRedisKeys, freePort, startApi } from './bench-process.mjs';

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

async function main() {
  const id = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const server = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/piazza');
  server.pathname = `/piazza_bench_${id}`;
  const databaseUrl = server.toString();
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redisPrefix = `piazza-bench-${id}`;
  let api = null;
  let pool = null;
  // Keep-alive connections, one per client (see `search` below).
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const cleanUp = async () => {
    agent.destroy();
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

    // node:http on keep-alive connections, and no JSON parsing of a 200: the generator shares the CPUs
    // with the API, so it should cost as little as it can (fetch cost 1.5 times as much per request).
    const search = (input) =>
      new Promise((resolve, reject) => {
        const path = `/api/catalogue/services?${queryString(input)}`;
        httpGet(`${api.url}${path}`, { agent }, (res) => {
          const chunks = [];
          res.on('data', (chunk) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const body = Buffer.concat(chunks).toString();
            if (res.statusCode === 200) resolve(body);
            else reject(new Error(`${res.statusCode} ${path}: ${body.slice(0, 300)}`));
          });
        }).on('error', reject);
      });
    const http = (input) => search(input).then(() => undefined);
    pool = new pg.Pool({ connectionString: databaseUrl, max: POOL_SIZE, options: PG_OPTIONS });
    const sql = async (input) => {
      const search = { ...input };
      delete search.kind;
      const criteria = serviceSearchCriteria(search);
      const query = serviceSearchSql(criteria, origin(criteria));
      return pool.query(query.text, query.values);
    };
    /** A load phase with the CPU time the API and this process spent per request. */
    const measured = async (seconds, seed, send, apiPid) => {
      const apiBefore = apiPid ? cpuMs(apiPid) : null;
      const generatorBefore = process.cpuUsage();
      const phase = await load(seconds, seed, send, CONCURRENCY);
      const generator = process.cpuUsage(generatorBefore);
      const perRequest = (ms) => round((ms * 1000) / Math.max(1, phase.requests));
      return {
        ...phase,
        apiCpuUsPerRequest: apiPid ? perRequest(cpuMs(apiPid) - apiBefore) : null,
        generatorCpuUsPerRequest: perRequest((generator.user + generator.system) / 1000),
      };
    };

    const phases = {};
    const timed = async (input) => {
      const t0 = performance.now();
      await search(input);
      return round(performance.now() - t0);
    };
    /** Milliseconds until `check` holds, polling searches every 5 ms (at most 60 s). */
    const until = async (check) => {
      const t0 = performance.now();
      while (!(await check())) {
        if (performance.now() - t0 > 60_000) throw new Error('a catalogue change never showed');
        await sleep(5);
      }
      return round(performance.now() - t0);
    };
    const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

    // The first search builds the index.
    const firstSearchMs = await timed({ q: 'anziani' });
    const rssAfterMb = residentMb(api.child.pid);
    await sleep(500);
    // One service changed by another process (the bench's own connection): the API learns the version
    // by notification and patches its index; the change shows when a search for the new word finds it.
    const patches = [];
    for (const [i, word] of ['quokka', 'ornitorinco', 'pangolino', 'tapiro', 'lemure'].entries()) {
      await pool.query(
        `UPDATE service_offer SET title = title || ' ' || $1
          WHERE id = (SELECT s.id FROM service_offer s JOIN organisation o ON o.id = s.organisation_id
                       WHERE s.status = 'published' AND o.accreditation_status = 'accredited'
                       ORDER BY s.id OFFSET $2 LIMIT 1)`,
        [word, Math.floor((seeded.visible * (i + 1)) / 7)],
      );
      patches.push(
        await until(async () =>
          JSON.parse(await search({ q: word })).items.some((s) => s.title.endsWith(` ${word}`)),
        ),
      );
    }
    // A change of the taxonomy (a theme renamed): the API reads the whole catalogue again, and keeps
    // answering from the previous snapshot meanwhile; the change shows when a facet has the new name.
    const rebuilds = [];
    const duringRebuild = [];
    for (let i = 0; i < 2; i++) {
      const name = `Casa ${i + 1}`;
      await pool.query(`UPDATE theme SET name_it = $1 WHERE slug = 'casa'`, [name]);
      const random = prng(100 + i);
      rebuilds.push(
        await until(async () => {
          const t0 = performance.now();
          const answer = JSON.parse(await search(mix(random)));
          duringRebuild.push(performance.now() - t0);
          return answer.facets.themes.some((t) => t.name.it === name);
        }),
      );
    }
    const index = {
      firstSearchMs,
      patchMs: median(patches),
      rebuildMs: median(rebuilds),
      searchDuringRebuild: { searches: duringRebuild.length, ...stats(duringRebuild) },
      rssBeforeMb,
      rssAfterMb,
      rssAfterChangesMb: residentMb(api.child.pid),
    };
    console.log(
      `  index: first search ${index.firstSearchMs} ms; a change shows in ${index.patchMs} ms (one ` +
        `service, patched), ${index.rebuildMs} ms (taxonomy, full re-read; searches meanwhile p95 ` +
        `${index.searchDuringRebuild.p95Ms} ms, max ${index.searchDuringRebuild.maxMs} ms); ` +
        `RSS ${rssBeforeMb} -> ${rssAfterMb} MB`,
    );
    console.log(`Warming up (${WARM_UP_SECONDS} s), then ${SECONDS} s per phase with ${CONCURRENCY} clients`);
    await load(WARM_UP_SECONDS, 1, http, CONCURRENCY);
    phases.http = await measured(SECONDS, 42, http, api.child.pid);
    report('http', phases.http);

    // The same API without its answer cache: every answer is computed from the index.
    api.child.kill('SIGTERM');
    await Promise.race([api.exited, sleep(5000)]);
    api = await startApi(await apiEnv({ CATALOGUE_ANSWER_CACHE: 'off' }));
    await timed({ q: 'anziani' });
    await load(WARM_UP_SECONDS, 1, http, CONCURRENCY);
    phases.httpUncached = await measured(SECONDS, 42, http, api.child.pid);
    report('httpUncached', phases.httpUncached);

    await load(WARM_UP_SECONDS, 1, sql, CONCURRENCY);
    phases.sql = await measured(SECONDS, 42, sql, null);
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
      apiCpuUsPerRequest: phases.http.apiCpuUsPerRequest,
      generatorCpuUsPerRequest: phases.http.generatorCpuUsPerRequest,
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

/** CPU time (user + system) a process has used, in ms (Linux, 100 ticks a second), or NaN. */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
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
      `\n                ${kinds}` +
      `\n                CPU per request: API ${phase.apiCpuUsPerRequest ?? '-'} µs, ` +
      `load generator ${phase.generatorCpuUsPerRequest} µs`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
