import { BaseEntity } from '@piazza/core';
import { Column, Entity } from 'typeorm';

/** A Lodi theme (casa, lavoro, cibo, cura, ...): the second axis beside the category tree. */
@Entity('theme')
export class Theme extends BaseEntity {
  @Column({ type: 'text', unique: true })
  slug: string;

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
