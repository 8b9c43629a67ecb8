// Which parts of the build are missing or older than their sources. Shared by start.mjs and
// ensure-built.mjs; plain JavaScript so that it runs before anything is compiled.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const IGNORED = new Set(['node_modules', 'dist', '.angular']);

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (IGNORED.has(entry)) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

const TARGETS = {
  server: {
    outputs: ['dist/apps/api/src/main.js', 'dist/apps/worker/src/main.js', 'dist/apps/cli/src/main.js'],
    sources: ['apps/api/src', 'apps/worker/src', 'apps/cli/src', 'libs', '.swcrc', 'package-lock.json'],
    command: ['npm', ['run', '--silent', 'build:server']],
  },
  web: {
    outputs: ['dist/web/browser/index.html'],
    sources: ['apps/web', 'angular.json', 'package-lock.json'],
    command: ['npm', ['run', '--silent', 'build:web']],
  },
};

/** True when a target's outputs exist and are newer than every one of its sources. */
export function isBuilt(name, root = process.cwd()) {
  const target = TARGETS[name];
  const outputs = target.outputs.map((o) => join(root, o));
  if (!outputs.every((o) => existsSync(o))) return false;
  const built = Math.min(...outputs.map((o) => statSync(o).mtimeMs));
  return target.sources.every((s) => newestMtime(join(root, s)) <= built);
}

export function buildCommand(name) {
  return TARGETS[name].command;
}

export const TARGET_NAMES = Object.keys(TARGETS);
