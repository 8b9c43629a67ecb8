import { BaseEntity, type Cents, centsTransformer, type GeoPoint } from '@piazza/core';
import { Column, Entity, Index } from 'typeorm';

export const PRICE_MODELS = ['free', 'fixed', 'per_hour', 'per_session', 'per_month'] as const;
export type PriceModel = (typeof PRICE_MODELS)[number];
export type ServiceStatus = 'draft' | 'published' | 'archived';

/** A service an organisation offers: what families find in the catalogue. */
@Entity('service_offer')
export class ServiceOffer extends BaseEntity {
  @Column({ type: 'text', unique: true })
  slug: string;

  @Index()
  @Column({ type: 'uuid' })
  organisationId: string;

  @Index()
  @Column({ type: 'uuid' })
  categoryId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  summary: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'text' })
  priceModel: PriceModel;

  @Column({ type: 'bigint', nullable: true, transformer: centsTransformer })
  priceCents: Cents | null;

  @Column({ type: 'boolean', default: false })
  voucherPayable: boolean;

  @Column({ type: 'text', default: 'draft' })
  status: ServiceStatus;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  keywords: string[];

  @Column({ type: 'geography', spatialFeatureType: 'Point', srid: 4326, nullable: true })
  location: GeoPoint | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;
}
