import type { AppConfig } from '@piazza/core';
import { freePort } from './redis-server';
import { createTestApi, type TestApi } from './test-api';
import { createTestEnv } from './test-env';

export interface ListeningTestApi extends TestApi {
  /** http://127.0.0.1:<port>, which is also the API's PUBLIC_URL. */
  url: string;
}

/**
 * Like useTestApi, but the API listens on a real port of 127.0.0.1 with PUBLIC_URL set to it: for flows
 * where something outside the process sends a browser back to the API (an identity provider). The port
 * is chosen first and handed to `configure`, which may start that outside service (it needs the API's
 * address) and returns more variables for the API (the service's address).
 */
export function useListeningTestApi(
  configure: (url: string) => Promise<Partial<Record<keyof AppConfig, string>>>,
): ListeningTestApi {
  const handle = {} as ListeningTestApi;
  beforeAll(async () => {
    const port = await freePort();
    handle.url = `http://127.0.0.1:${port}`;
    handle.env = await createTestEnv({ PUBLIC_URL: handle.url, ...(await configure(handle.url)) });
    handle.app = await createTestApi(handle.env.config);
    await handle.app.listen({ port, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await handle.app?.close();
    await handle.env?.close();
  });
  return handle;
}
