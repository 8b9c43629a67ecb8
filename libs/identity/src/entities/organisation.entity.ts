import { BaseEntity, type GeoPoint, type OpeningHours } from '@piazza/core';
import { Column, Entity, Index } from 'typeorm';

export type OrganisationKind = 'cooperative' | 'association' | 'shop' | 'public_body';
export type AccreditationStatus = 'pending' | 'accredited' | 'rejected';

/** A cooperative, an association or a shop. It acts only once the Ambito has accredited it. */
@Entity('organisation')
export class Organisation extends BaseEntity {
  @Column({ type: 'text', unique: true })
  slug: string;

  @Column({ type: 'text' })
  kind: OrganisationKind;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  legalName: string;

  @Column({ type: 'char', length: 11, nullable: true, unique: true })
  vatNumber: string | null;

  @Column({ type: 'text' })
  fiscalCode: string;

  @Column({ type: 'text', default: '' })
  description: string;

  /** The organisation's story, shown on its public page. */
  @Column({ type: 'text', default: '' })
  history: string;

  /** Certified e-mail (PEC), when the organisation has one. */
  @Column({ type: 'text', nullable: true })
  pec: string | null;

  /** When the logo last changed (null: no logo); also the logo URL's cache buster. */
  @Column({ type: 'timestamptz', nullable: true })
  logoUpdatedAt: Date | null;

  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'text', nullable: true })
  website: string | null;

  @Index()
  @Column({ type: 'uuid' })
  comuneId: string;

  @Column({ type: 'text' })
  address: string;

  @Column({ type: 'geography', spatialFeatureType: 'Point', srid: 4326, nullable: true })
  location: GeoPoint | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  openingHours: OpeningHours[];

  @Column({ type: 'text', nullable: true })
  shopCategory: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  accreditedAt: Date | null;

  /** Until the Ambito accredits it, an organisation can neither list services nor redeem vouchers. */
  @Column({ type: 'text', default: 'pending' })
  accreditationStatus: AccreditationStatus;

  /** Why the Ambito refused (shown to the organisation), or a note on the decision. */
  @Column({ type: 'text', nullable: true })
  accreditationNote: string | null;
}
