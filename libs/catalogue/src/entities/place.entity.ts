import { BaseEntity, type GeoPoint, type OpeningHours } from '@piazza/core';
import { Column, Entity, Index } from 'typeorm';

/**
 * One of an organisation's sites, with a point picked on the map (no network geocoder). Services happen
 * at places (`service_offer_place`), events take place at them.
 */
@Entity('place')
export class Place extends BaseEntity {
  @Index()
  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  address: string;

  @Index()
  @Column({ type: 'uuid' })
  comuneId: string;

  @Column({ type: 'geography', spatialFeatureType: 'Point', srid: 4326 })
  location: GeoPoint;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  openingHours: OpeningHours[];

  /** Step-free access, lifts, toilets: free text shown on the page and in HSDS `accessibility`. */
  @Column({ type: 'text', default: '' })
  accessibility: string;
}
