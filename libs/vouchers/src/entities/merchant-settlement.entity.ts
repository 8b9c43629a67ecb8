import { BaseEntity, type Cents, centsTransformer } from '@piazza/core';
import { Column, Entity, Index } from 'typeorm';

/** A payment of the Comuni to a shop for the vouchers it took, recorded as a ledger transfer. */
@Entity('merchant_settlement')
export class MerchantSettlement extends BaseEntity {
  @Index()
  @Column({ type: 'uuid' })
  merchantId: string;

  @Column({ type: 'date' })
  periodStart: string;

  @Column({ type: 'date' })
  periodEnd: string;

  @Column({ type: 'bigint', transformer: centsTransformer })
  amount: Cents;

  @Column({ type: 'bigint' })
  transferId: string;

  @Column({ type: 'text', default: '' })
  reference: string;

  @Column({ type: 'uuid', nullable: true })
  paidBy: string | null;
}
