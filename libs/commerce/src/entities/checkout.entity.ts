import { BaseEntity, type Cents, centsTransformer } from '@piazza/core';
import { Column, Entity, Index } from 'typeorm';

export type CheckoutStatus = 'pending_payment' | 'paid' | 'expired';

/** One payment of a cart: vouchers held, the rest by card through one Stripe Checkout Session. */
@Entity('checkout')
export class Checkout extends BaseEntity {
  @Index()
  @Column({ type: 'uuid' })
  householdId: string;

  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ type: 'text', unique: true })
  idempotencyKey: string;

  @Column({ type: 'text' })
  requestHash: string;

  @Column({ type: 'text' })
  status: CheckoutStatus;

  @Column({ type: 'bigint', transformer: centsTransformer })
  total: Cents;

  @Column({ type: 'bigint', transformer: centsTransformer })
  voucherTotal: Cents;

  @Column({ type: 'bigint', transformer: centsTransformer })
  cardTotal: Cents;

  @Column({ type: 'uuid', nullable: true })
  holdAccountId: string | null;

  @Column({ type: 'text', nullable: true, unique: true })
  stripeSessionId: string | null;

  @Column({ type: 'text', nullable: true })
  stripeSessionUrl: string | null;

  @Column({ type: 'text', nullable: true })
  stripePaymentIntent: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  paidAt: Date | null;
}
