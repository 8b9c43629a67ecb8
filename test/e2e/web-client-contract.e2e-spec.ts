import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useTestApi } from '../support/test-api';

const CLIENTS = join(__dirname, '../../apps/web/src/app/api');

/**
 * Every call of the web app's API clients (`apps/web/src/app/api/*-api.ts`), as (method, path): the path
 * literals of each client, with `${…}` parameters read as OpenAPI's `{id}`, and the verb named just before
 * each literal.
 */
function clientCalls(): { method: string; path: string; at: string }[] {
  return readdirSync(CLIENTS)
    .filter((file) => file.endsWith('-api.ts'))
    .flatMap((file) => callsIn(file, readFileSync(join(CLIENTS, file), 'utf8')));
}

function callsIn(file: string, source: string): { method: string; path: string; at: string }[] {
  const calls: { method: string; path: string; at: string }[] = [];
  for (const match of source.matchAll(/['`](?:\$\{this\.baseUrl\})?(\/[a-z][^'`\s]*)['`]/g)) {
    if (match[1] === '/api') continue; // the base URL itself
    const before = source.slice(Math.max(0, match.index - 120), match.index);
    const verb = [...before.matchAll(/\b(get|post|put|patch|delete)\b/gi)].pop()?.[1] ?? 'get';
    const path = '/api' + match[1].replace(/\$\{[^}]+\}/g, '{id}').split('?')[0];
    calls.push({
      method: verb.toLowerCase(),
      path,
      at: `${file}:${source.slice(0, match.index).split('\n').length}`,
    });
  }
  return calls;
}

describe('The web app calls only what the API publishes', () => {
  const api = useTestApi();

  it('finds every path and method of the web client in the OpenAPI document', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/api/docs-json' });
    const paths = res.json<{ paths: Record<string, Record<string, unknown>> }>().paths;
    const calls = clientCalls();
    expect(calls.length).toBeGreaterThan(20);
    expect(calls).toContainEqual(
      expect.objectContaining({ method: 'post', path: '/api/social/households/{id}/access-letter' }),
    );
    // Parameter names do not matter ({id} in the client, {slug} in the document): compare shapes.
    const shape = (path: string) => path.replace(/\{[^}]+\}/g, '{}');
    const published = new Set(
      Object.entries(paths).flatMap(([path, methods]) =>
        Object.keys(methods).map((m) => `${m} ${shape(path)}`),
      ),
    );
    const unknown = calls
      .filter((c) => !published.has(`${c.method} ${shape(c.path)}`))
      .map((c) => `${c.method.toUpperCase()} ${c.path} (${c.at})`);
    expect(unknown).toEqual([]);
  });
});
