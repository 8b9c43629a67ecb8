import { type Cents, centsTransformer } from '@piazza/core';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One movement of money: never updated, never deleted; undone by a reversing transfer. */
@Entity('ledger_transfer')
export class LedgerTransfer {
  /** bigint identity, kept as a string (it may pass 2^53 one day). */
  @PrimaryColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  debitAccountId: string;

  @Column({ type: 'uuid' })
  creditAccountId: string;

  @Column({ type: 'bigint', transformer: centsTransformer })
  amount: Cents;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  idempotencyKey: string;

  @Column({ type: 'text' })
  reference: string;

  @Column({ type: 'bigint', nullable: true })
  reversesId: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
