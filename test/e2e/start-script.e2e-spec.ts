import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../support/redis-server';

/** Runs `npm start`'s script the way a newcomer would, with one service unreachable. */
async function startWith(env: Record<string, string>) {
  const result = spawnSync(process.execPath, [join(__dirname, '../../scripts/start.mjs')], {
    cwd: join(__dirname, '../..'),
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('npm start with a service down', () => {
  it('stops with one clear message when PostgreSQL is not reachable', async () => {
    const port = await freePort();
    const { status, output } = await startWith({
      DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/piazza`,
    });
    expect(status).toBe(1);
    expect(output).toContain(`PostgreSQL is not reachable at 127.0.0.1:${port} (ECONNREFUSED)`);
    expect(output).toContain('non è raggiungibile');
    expect(output).toContain('docker compose -f docker/compose.yml up -d postgres redis');
    expect(output).not.toMatch(/^\s+at /m); // no stack trace
    expect(output).not.toContain('Piazza is running');
  });

  it('says so when Redis is the one missing', async () => {
    const port = await freePort();
    const { status, output } = await startWith({ REDIS_URL: `redis://127.0.0.1:${port}` });
    expect(status).toBe(1);
    expect(output).toContain(`Redis is not reachable at 127.0.0.1:${port}`);
    expect(output).not.toMatch(/^\s+at /m);
  });

  it('names a malformed variable instead of failing later', async () => {
    const { status, output } = await startWith({ PORT: 'tremila' });
    expect(status).toBe(1);
    expect(output).toContain('PORT="tremila"');
    expect(output).not.toMatch(/^\s+at /m);
  });
});
