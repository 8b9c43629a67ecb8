import { BaseEntity, type Cents, centsTransformer, type GeoPoint, type OpeningHours } from '@piazza/core';
import { Column, Entity, Index } from 'typeorm';

export const PRICE_MODELS = ['free', 'fixed', 'per_hour', 'per_session', 'per_month'] as const;
export type PriceModel = (typeof PRICE_MODELS)[number];
export const SERVICE_STATUSES = ['draft', 'pending_review', 'published', 'archived'] as const;
/**
 * draft -> pending_review (the provider asks to publish) -> published (an admin approved: `firstApprovedAt`)
 * or back to draft with a `reviewNote`. Once approved, the provider archives and republishes freely.
 */
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

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

  /** Kept by the database: the first place's point, else the organisation's (see migration 6). */
  @Column({ type: 'geography', spatialFeatureType: 'Point', srid: 4326, nullable: true })
  location: GeoPoint | null;

  /** When the service is open to the public (sportelli, consultori); empty: by appointment. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  openingHours: OpeningHours[];

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  firstApprovedAt: Date | null;

  /** The moderator's reason when a first publication was sent back. */
  @Column({ type: 'text', nullable: true })
  reviewNote: string | null;

  // search_text and search_vector are written by a trigger and only read by SQL: no properties here.

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;
}
