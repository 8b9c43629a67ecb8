import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** An Ed25519 key that signs QR tokens. The private key is read only by the worker's keyring. */
@Entity('voucher_signing_key')
export class VoucherKeyRecord {
  @PrimaryColumn({ type: 'text' })
  keyId: string;

  @Column({ type: 'bytea' })
  publicKey: Buffer;

  @Column({ type: 'bytea', select: false })
  privateKey: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  retiredAt: Date | null;
}
