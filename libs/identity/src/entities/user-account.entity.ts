import { BaseEntity, Comune, type Role } from '@piazza/core';
import { Column, Entity, JoinTable, ManyToMany } from 'typeorm';

/** A person who can sign in. Assisted-mode citizens may have no e-mail. */
@Entity('user_account')
export class UserAccount extends BaseEntity {
  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'text', nullable: true, select: false })
  passwordHash: string | null;

  @Column({ type: 'text' })
  displayName: string;

  /** For a citizen registered at a Social Point without e-mail: what they type to sign in. */
  @Column({ type: 'text', nullable: true, unique: true })
  username: string | null;

  /** Links a SPID/CIE login to this account. */
  @Column({ type: 'char', length: 16, nullable: true, unique: true })
  fiscalCode: string | null;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  roles: Role[];

  @Column({ type: 'text', default: 'active' })
  status: 'active' | 'disabled';

  @Column({ type: 'timestamptz', nullable: true })
  emailVerifiedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  /** For social workers: the Comuni whose residents they may see. */
  @ManyToMany(() => Comune)
  @JoinTable({
    name: 'user_comune',
    joinColumn: { name: 'user_id', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'comune_id', referencedColumnName: 'id' },
  })
  comuni: Comune[];
}
