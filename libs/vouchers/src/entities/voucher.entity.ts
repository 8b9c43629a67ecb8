import { BaseEntity, type Cents, centsTransformer } from '@piazza/core';
import { Column, Entity, Index } from 'typeorm';

export type VoucherStatus = 'active' | 'exhausted' | 'expired' | 'revoked';

/** One voucher: a face value, a ledger account holding its balance, a short code and a signed QR token. */
@Entity('voucher')
export class Voucher extends BaseEntity {
  @Column({ type: 'text', unique: true })
  code: string;

  @Column({ type: 'uuid' })
  assignmentId: string;

  @Column({ type: 'smallint' })
  position: number;

  @Column({ type: 'uuid' })
  kindId: string;

  @Index()
  @Column({ type: 'uuid' })
  fundId: string;

  @Index()
  @Column({ type: 'uuid' })
  comuneId: string;

  @Index()
  @Column({ type: 'uuid' })
  householdId: string;

  @Column({ type: 'bigint', transformer: centsTransformer })
  faceValue: Cents;

  @Column({ type: 'uuid', unique: true })
  accountId: string;

  @Column({ type: 'timestamptz' })
  validFrom: Date;

  @Column({ type: 'timestamptz' })
  validUntil: Date;

  @Column({ type: 'text', default: 'active' })
  status: VoucherStatus;

  @Column({ type: 'text' })
  keyId: string;

  @Column({ type: 'text' })
  token: string;

  /** The printable A4 PDF rendered at issuance; not loaded unless selected. */
  @Column({ type: 'bytea', nullable: true, select: false })
  pdf: Buffer | null;

  /** When it stopped being spendable for good (expired or revoked). */
  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}
