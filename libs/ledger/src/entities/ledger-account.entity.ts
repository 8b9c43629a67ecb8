import { type Cents, centsTransformer } from '@piazza/core';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type LedgerAccountKind =
  | 'treasury'
  | 'fund'
  | 'assignment'
  | 'voucher'
  | 'merchant'
  | 'provider'
  | 'card_clearing'
  | 'hold'
  | 'payout';

/** An account of the ledger. Its balance changes only through LedgerService.transfer. */
@Entity('ledger_account')
export class LedgerAccount {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  kind: LedgerAccountKind;

  /** What the account belongs to: a Comune (treasury), a fund, a voucher, an organisation. */
  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ type: 'text' })
  label: string;

  @Column({ type: 'bigint', transformer: centsTransformer })
  balance: Cents;

  @Column({ type: 'boolean' })
  allowNegative: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
