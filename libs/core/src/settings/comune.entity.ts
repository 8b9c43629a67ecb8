import { Column, Entity } from 'typeorm';
import { BaseEntity } from '../database/base.entity';
import type { GeoPoint } from '../database/geo-point';

/** One of the Ambito's municipalities. Every row that belongs to a Comune carries its id. */
@Entity('comune')
export class Comune extends BaseEntity {
  @Column({ type: 'text', unique: true })
  slug: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'char', length: 6, unique: true })
  istatCode: string;

  @Column({ type: 'char', length: 2 })
  province: string;

  @Column({ type: 'char', length: 5 })
  postalCode: string;

  @Column({ type: 'integer', default: 0 })
  population: number;

  @Column({ type: 'geography', spatialFeatureType: 'Point', srid: 4326 })
  location: GeoPoint;
}
