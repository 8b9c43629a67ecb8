import { BaseEntity, type Cents, centsTransformer } from '@piazza/core';
import { Column, Entity, Index } from 'typeorm';

/** A social worker's decision: these amounts, from this fund, for this household. Issued by the worker. */
@Entity('voucher_assignment')
export class VoucherAssignment extends BaseEntity {
  @Index()
  @Column({ type: 'uuid' })
  fundId: string;

  @Column({ type: 'uuid' })
  kindId: string;

  @Index()
  @Column({ type: 'uuid' })
  householdId: string;

  @Column({ type: 'uuid' })
  comuneId: string;

  @Column({
    type: 'bigint',
    array: true,
    transformer: {
      from: (v: string[] | null) => v?.map(Number) as Cents[],
      to: (v: number[] | undefined) => v,
    },
  })
  amounts: Cents[];

  @Column({ type: 'bigint', transformer: centsTransformer })
  total: Cents;

  @Column({ type: 'timestamptz' })
  validFrom: Date;

  @Column({ type: 'timestamptz' })
  validUntil: Date;

  @Column({ type: 'text', default: '' })
  note: string;

  @Column({ type: 'uuid', unique: true })
  accountId: string;

  @Column({ type: 'text', default: 'pending' })
  status: 'pending' | 'issued';

  @Column({ type: 'text', unique: true })
  idempotencyKey: string;

  /** Where the decision came from, e.g. 'application:<id>' (issue 7) or null for a direct assignment. */
  @Column({ type: 'text', nullable: true })
  source: string | null;

  @Column({ type: 'uuid', nullable: true })
  assignedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  issuedAt: Date | null;
}
