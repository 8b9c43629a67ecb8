import { BaseEntity } from '@piazza/core';
import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { Household } from './household.entity';

export const RELATIONS = [
  'self',
  'spouse',
  'partner',
  'child',
  'parent',
  'sibling',
  'grandparent',
  'other',
] as const;
export type Relationship = (typeof RELATIONS)[number];

/** A person of a household; 'self' is the one who holds the account. */
@Entity('household_member')
export class HouseholdMember extends BaseEntity {
  @Index()
  @Column({ type: 'uuid' })
  householdId: string;

  @ManyToOne(() => Household, (household) => household.members, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id' })
  household: Relation<Household>;

  @Column({ type: 'text' })
  firstName: string;

  @Column({ type: 'text' })
  lastName: string;

  @Column({ type: 'char', length: 16 })
  fiscalCode: string;

  @Column({ type: 'date' })
  dateOfBirth: string;

  @Column({ type: 'text' })
  relation: Relationship;
}
