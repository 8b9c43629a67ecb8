import { BaseEntity, type Cents, centsTransformer } from '@piazza/core';
import { Column, Entity, Index } from 'typeorm';

export type OrderVoucherStatus = 'held' | 'captured' | 'released' | 'refunded';

/** What one voucher pays of an order. */
@Entity('order_voucher')
export class OrderVoucher extends BaseEntity {
  @Index()
  @Column({ type: 'uuid' })
  orderId: string;

  @Index()
  @Column({ type: 'uuid' })
  voucherId: string;

  @Column({ type: 'bigint', transformer: centsTransformer })
  amount: Cents;

  @Column({ type: 'text' })
  status: OrderVoucherStatus;
}
