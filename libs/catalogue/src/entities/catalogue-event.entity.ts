import { BaseEntity, type Cents, centsTransformer, type GeoPoint } from '@piazza/core';
import { Column, Entity, Index } from 'typeorm';

export type EventStatus = 'draft' | 'published' | 'cancelled';

/** An event an organisation publishes: the public calendar and the iCalendar feeds. */
@Entity('event')
export class CatalogueEvent extends BaseEntity {
  @Column({ type: 'text', unique: true })
  slug: string;

  @Index()
  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  summary: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'boolean', default: false })
  allDay: boolean;

  @Column({ type: 'uuid', nullable: true })
  placeId: string | null;

  /** Where, as people say it ("Sala civica", "Parco di Villa Inzaghi"). */
  @Column({ type: 'text' })
  venue: string;

  @Column({ type: 'text' })
  address: string;

  @Column({ type: 'uuid' })
  comuneId: string;

  @Column({ type: 'geography', spatialFeatureType: 'Point', srid: 4326, nullable: true })
  location: GeoPoint | null;

  /** Null: free entry. */
  @Column({ type: 'bigint', nullable: true, transformer: centsTransformer })
  priceCents: Cents | null;

  @Column({ type: 'text', nullable: true })
  registrationUrl: string | null;

  @Column({ type: 'text', default: 'draft' })
  status: EventStatus;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  /** iCalendar SEQUENCE: bumped on every change a subscriber must see. */
  @Column({ type: 'integer', default: 0 })
  sequence: number;
}
