import { BaseEntity, type GeoPoint, type OpeningHours } from '@piazza/core';
import { Column, Entity, Index } from 'typeorm';

/** A desk where social workers help families use the platform and apply for support. */
@Entity('social_point')
export class SocialPoint extends BaseEntity {
  @Column({ type: 'text', unique: true })
  slug: string;

  @Column({ type: 'text' })
  name: string;

  @Index()
  @Column({ type: 'uuid' })
  comuneId: string;

  @Column({ type: 'text' })
  address: string;

  @Column({ type: 'geography', spatialFeatureType: 'Point', srid: 4326 })
  location: GeoPoint;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  openingHours: OpeningHours[];

  /** Languages spoken at the desk (ISO 639-1). */
  @Column({ type: 'text', array: true, default: () => `'{it}'` })
  languages: string[];

  @Column({ type: 'text', default: '' })
  accessibility: string;
}
