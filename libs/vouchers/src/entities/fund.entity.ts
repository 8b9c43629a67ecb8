import { BaseEntity } from '@piazza/core';
import { Column, Entity, Index } from 'typeorm';

/** Money a Comune sets aside for vouchers ("Buoni spesa emergenza 2026"). Its balance is its ledger account's. */
@Entity('fund')
export class Fund extends BaseEntity {
  @Index()
  @Column({ type: 'uuid' })
  comuneId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'uuid', unique: true })
  accountId: string;

  @Column({ type: 'text', default: 'open' })
  status: 'open' | 'closed';
}
