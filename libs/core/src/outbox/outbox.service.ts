import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxMessage } from './outbox-message.entity';

export interface OutboxEntry {
  queue: string;
  name: string;
  payload?: Record<string, unknown>;
}

/** Records work for the worker inside the caller's transaction (ARCHITECTURE.md, "Transactional outbox"). */
@Injectable()
export class OutboxService {
  /**
   * Adds rows to the outbox using the caller's transaction's manager, so the work exists if and only if
   * the change that caused it commits.
   */
  async enqueue(em: EntityManager, ...entries: OutboxEntry[]): Promise<OutboxMessage[]> {
    if (!em.queryRunner?.isTransactionActive) {
      throw new Error('OutboxService.enqueue must run inside a transaction');
    }
    const rows = entries.map((e) =>
      em.create(OutboxMessage, { queue: e.queue, name: e.name, payload: e.payload ?? {} }),
    );
    return em.save(OutboxMessage, rows);
  }
}
