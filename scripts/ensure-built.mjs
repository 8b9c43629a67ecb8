// Builds the named targets (server, web) when they are missing or older than their sources.
// Usage: node scripts/ensure-built.mjs [server] [web]
import { spawnSync } from 'node:child_process';
import { buildCommand, isBuilt, TARGET_NAMES } from './build-state.mjs';

const names = process.argv.slice(2).length ? process.argv.slice(2) : TARGET_NAMES;
for (const name of names) {
  if (!TARGET_NAMES.includes(name)) {
    console.error(`Unknown build target "${name}" (known: ${TARGET_NAMES.join(', ')})`);
    process.exit(2);
  }
  if (isBuilt(name)) continue;
  console.log(`Building ${name}...`);
  const [command, args] = buildCommand(name);
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, NG_CLI_ANALYTICS: 'false' },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
