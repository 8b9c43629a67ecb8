import { BaseEntity, type Cents, centsTransformer } from '@piazza/core';
import { Column, Entity, Index } from 'typeorm';

export type OrderStatus =
  'pending_payment' | 'paid' | 'confirmed' | 'fulfilled' | 'cancelled' | 'declined' | 'expired';

/** What a household bought from one provider in one checkout. */
@Entity('customer_order')
export class CustomerOrder extends BaseEntity {
  @Column({ type: 'text', unique: true })
  number: string;

  @Index()
  @Column({ type: 'uuid' })
  checkoutId: string;

  @Index()
  @Column({ type: 'uuid' })
  householdId: string;

  @Index()
  @Column({ type: 'uuid' })
  providerId: string;

  @Column({ type: 'text' })
  status: OrderStatus;

  @Column({ type: 'bigint', transformer: centsTransformer })
  total: Cents;

  @Column({ type: 'bigint', transformer: centsTransformer })
  voucherAmount: Cents;

  @Column({ type: 'bigint', transformer: centsTransformer })
  cardAmount: Cents;

  @Column({ type: 'bigint', transformer: centsTransformer })
  refundedVoucher: Cents;

  @Column({ type: 'bigint', transformer: centsTransformer })
  refundedCard: Cents;

  /** Until when the family may cancel on its own. */
  @Column({ type: 'timestamptz', nullable: true })
  cancelBefore: Date | null;

  /** Why it was declined or cancelled. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  paidAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  fulfilledAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}
