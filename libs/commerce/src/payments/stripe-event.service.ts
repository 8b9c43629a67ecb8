import { Injectable } from '@nestjs/common';
import type Stripe from 'stripe';
import type { EntityManager } from 'typeorm';

/**
 * Stripe's events as received, one row per event id: Stripe delivers at least once (and anyone may replay
 * a signed request within its tolerance), so an event is stored first, in the transaction that acts on
 * it, and a second delivery finds the row and changes nothing.
 */
@Injectable()
export class StripeEventService {
  /**
   * Stores the event; true when it is new. A concurrent delivery of the same id waits here for the first
   * one's transaction: after its commit this returns false, after its rollback it inserts.
   */
  async record(em: EntityManager, event: Stripe.Event): Promise<boolean> {
    // Plain SQL: ON CONFLICT DO NOTHING is the whole duplicate check, without a failed statement that
    // would abort the surrounding transaction.
    const rows = (await em.query(
      `INSERT INTO stripe_event (id, type, payload) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [event.id, event.type, JSON.stringify(event)],
    )) as { id: string }[];
    return rows.length === 1;
  }

  /** Notes what acting on the event did (`captured`, `released`, `ignored`...). */
  async markProcessed(em: EntityManager, id: string, outcome: string): Promise<void> {
    await em.query(`UPDATE stripe_event SET processed_at = now(), outcome = $2 WHERE id = $1`, [id, outcome]);
  }
}
