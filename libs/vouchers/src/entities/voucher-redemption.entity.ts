import { BaseEntity, type Cents, centsTransformer } from '@piazza/core';
import { Column, Entity, Index } from 'typeorm';

/** A shop took `amount` from a voucher; voidable by the same shop for 15 minutes. */
@Entity('voucher_redemption')
export class VoucherRedemption extends BaseEntity {
  @Index()
  @Column({ type: 'uuid' })
  voucherId: string;

  @Index()
  @Column({ type: 'uuid' })
  merchantId: string;

  @Column({ type: 'uuid', nullable: true })
  cashierId: string | null;

  @Column({ type: 'bigint', transformer: centsTransformer })
  amount: Cents;

  @Column({ type: 'bigint', transformer: centsTransformer })
  balanceAfter: Cents;

  @Column({ type: 'bigint' })
  transferId: string;

  @Column({ type: 'text' })
  idempotencyKey: string;

  @Column({ type: 'text' })
  requestHash: string;

  @Column({ type: 'timestamptz', nullable: true })
  voidedAt: Date | null;

  @Column({ type: 'bigint', nullable: true })
  voidTransferId: string | null;

  @Column({ type: 'uuid', nullable: true })
  voidedBy: string | null;
}
