import { BaseEntity } from '@piazza/core';
import { Column, Entity } from 'typeorm';

/** Who a service is for: famiglie, anziani, giovani, donne, disabilità, stranieri, ... */
@Entity('target_group')
export class TargetGroup extends BaseEntity {
  @Column({ type: 'text', unique: true })
  slug: string;

  @Column({ type: 'text' })
  nameIt: string;

  @Column({ type: 'text' })
  nameEn: string;

  @Column({ type: 'integer', default: 0 })
  position: number;
}
