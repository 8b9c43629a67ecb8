import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { AppConfig } from '@piazza/core';
import { WorkerModule } from '../../apps/worker/src/worker.module';

/**
 * The worker in this process, as in production (outbox -> BullMQ -> worker): it issues vouchers and
 * sends mail for what the test does through the API. Close it after the test.
 */
export async function startWorker(config: AppConfig): Promise<INestApplicationContext> {
  const moduleRef = await Test.createTestingModule({ imports: [WorkerModule.forRoot(config)] }).compile();
  return moduleRef.init();
}
