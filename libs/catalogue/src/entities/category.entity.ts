import { BaseEntity } from '@piazza/core';
import { Column, Entity, Index } from 'typeorm';

export const SERVICE_FAMILIES = ['youcare', 'childcare', 'silvercare', 'familycare', 'housepetcare'] as const;
export type ServiceFamily = (typeof SERVICE_FAMILIES)[number];

/** A node of the category tree: a family at the top (parent null), its subcategories below. */
@Entity('category')
export class Category extends BaseEntity {
  @Column({ type: 'text', unique: true })
  slug: string;

  @Column({ type: 'text' })
  family: ServiceFamily;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @Column({ type: 'text' })
  nameIt: string;

  @Column({ type: 'text' })
  nameEn: string;

  @Column({ type: 'text', default: '' })
  descriptionIt: string;

  @Column({ type: 'text', default: '' })
  descriptionEn: string;

  @Column({ type: 'integer', default: 0 })
  position: number;
}
