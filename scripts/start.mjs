// `npm start`: build what is not built, check PostgreSQL and Redis, migrate, seed the demo Ambito when the
// database is empty, then run the API (which also serves the web app) and the worker until Ctrl+C.
import { spawn, spawnSync } from 'node:child_process';
import { buildCommand, isBuilt } from './build-state.mjs';

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `Piazza needs Node.js 24 (this is ${process.version}). Run it through npm (npm start), which uses the ` +
      'Node 24 that `npm ci` installs in node_modules/.bin.',
  );
  process.exit(1);
}

const env = { ...process.env, NG_CLI_ANALYTICS: 'false' };
const port = Number(env.PORT ?? 3000);
const cli = (...args) =>
  spawnSync(process.execPath, ['dist/apps/cli/src/main.js', ...args], { stdio: 'inherit', env });

function build(name, message) {
  if (isBuilt(name)) return;
  console.log(message);
  const [command, args] = buildCommand(name);
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

build('server', 'Building the server...');
// Fail fast, with one clear message, before the slow web build.
if (cli('check').status !== 0) process.exit(1);
build('web', 'Building the web app (first start only, about a minute)...');
if (cli('setup').status !== 0) process.exit(1);

const children = [
  ['api', 'dist/apps/api/src/main.js'],
  ['worker', 'dist/apps/worker/src/main.js'],
].map(([name, file]) => {
  const child = spawn(process.execPath, ['--enable-source-maps', file], { stdio: 'inherit', env });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`The ${name} stopped (${signal ?? `exit code ${code}`}); stopping everything.`);
    stop(code || 1);
  });
  return child;
});

let stopping = false;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  let alive = children.filter((c) => c.exitCode === null && c.signalCode === null);
  if (alive.length === 0) process.exit(code);
  for (const child of alive) {
    child.once('exit', () => {
      alive = alive.filter((c) => c !== child);
      if (alive.length === 0) process.exit(code);
    });
    child.kill('SIGTERM');
  }
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

// Tell the person where to go once the API answers.
const url = `http://localhost:${port}`;
const deadline = Date.now() + 120_000;
for (;;) {
  try {
    const res = await fetch(`${url}/api/health`);
    if (res.ok) break;
  } catch {
    // not listening yet
  }
  if (stopping) break;
  if (Date.now() > deadline) {
    console.error(`The API did not answer on ${url}/api/health within 2 minutes.`);
    stop(1);
    break;
  }
  await new Promise((r) => setTimeout(r, 300));
}
if (!stopping) {
  console.log(`\n  Piazza is running at ${url}   (API docs: ${url}/api/docs, health: ${url}/api/health)\n`);
  cli('accounts');
  console.log('\n  Stop with Ctrl+C.\n');
}
