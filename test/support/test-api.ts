import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '@piazza/core';
import { createApi } from '../../apps/api/src/create-api';
import { createTestEnv, type TestEnv } from './test-env';

/** The real API application on a test configuration, initialised (use `inject` or `listen`). */
export async function createTestApi(config: AppConfig): Promise<NestFastifyApplication> {
  const app = await createApi(config);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

export interface TestApi {
  env: TestEnv;
  app: NestFastifyApplication;
}

/**
 * Registers beforeAll/afterAll hooks that give the test file its own database, Redis prefix and API,
 * and remove them afterwards. Read `env` and `app` inside tests (they exist once beforeAll has run).
 */
export function useTestApi(overrides: Parameters<typeof createTestEnv>[0] = {}): TestApi {
  const handle = {} as TestApi;
  beforeAll(async () => {
    handle.env = await createTestEnv(overrides);
    handle.app = await createTestApi(handle.env.config);
  });
  afterAll(async () => {
    await handle.app?.close();
    await handle.env?.close();
  });
  return handle;
}
