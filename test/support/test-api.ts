import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '@piazza/core';
import { createApi } from '../../apps/api/src/create-api';

/** The real API application on a test configuration, initialised (use `inject` or `listen`). */
export async function createTestApi(config: AppConfig): Promise<NestFastifyApplication> {
  const app = await createApi(config);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
