import { BaseEntity } from '@piazza/core';
import { Column, Entity, Index, OneToMany } from 'typeorm';
import { HouseholdMember } from './household-member.entity';

/** A family as the Comune knows it: where it lives and who belongs to it. */
@Entity('household')
export class Household extends BaseEntity {
  @Index()
  @Column({ type: 'uuid' })
  comuneId: string;

  /** The account that manages the household (null after a GDPR deletion or in assisted mode). */
  @Column({ type: 'uuid', nullable: true, unique: true })
  ownerUserId: string | null;

  @Column({ type: 'text', default: '' })
  address: string;

  /** The social worker who registered the household at a Social Point (assisted mode). */
  @Column({ type: 'uuid', nullable: true })
  registeredBy: string | null;

  @OneToMany(() => HouseholdMember, (member) => member.household)
  members: HouseholdMember[];
}
