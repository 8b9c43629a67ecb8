import 'reflect-metadata';
import { ConfigError, loadConfig } from '@piazza/core';
import { createApi } from './create-api';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApi(config);
  // Finish requests in flight on SIGTERM, but never hang forever.
  process.once('SIGTERM', () => setTimeout(() => process.exit(1), config.SHUTDOWN_TIMEOUT_MS).unref());
  await app.listen({ port: config.PORT, host: config.HOST });
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
