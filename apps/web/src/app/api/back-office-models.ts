/**
 * Wire types of the provider back-office and of the catalogue's administration, as
 * docs/directory-api.md describes them ("Provider back-office", "Administration").
 */
import {
  type AccreditationStatus,
  type FamilySlug,
  type LatLng,
  type LocalizedText,
  type PriceModel,
} from './models';
import { type OpeningHours } from './directory-models';

/** The same shapes the public directory reads. */
export type { OpeningHours, PlaceDto, Taxonomy } from './directory-models';

export const SERVICE_STATUSES = ['draft', 'pending_review', 'published', 'archived'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

export const PRICE_MODELS: readonly PriceModel[] = ['free', 'fixed', 'per_hour', 'per_session', 'per_month'];

export type EventStatus = 'draft' | 'published' | 'cancelled';

/** An organisation's public page, as its members edit it. */
export interface ProviderProfile {
  id: string;
  slug: string;
  name: string;
  kind: string;
  description: string;
  history: string;
  email: string;
  phone: string | null;
  website: string | null;
  pec: string | null;
  address: string;
  comuneSlug: string;
  location: LatLng | null;
  openingHours: OpeningHours[];
  logoUrl: string | null;
  accreditationStatus: AccreditationStatus;
}

export type ProfileInput = Pick<
  ProviderProfile,
  | 'description'
  | 'history'
  | 'email'
  | 'phone'
  | 'website'
  | 'pec'
  | 'address'
  | 'comuneSlug'
  | 'location'
  | 'openingHours'
>;

export interface PlaceInput {
  name: string;
  address: string;
  comuneSlug: string;
  location: LatLng;
  openingHours: OpeningHours[];
  accessibility: string;
}

export interface ServiceInput {
  title: string;
  summary: string;
  description: string;
  categorySlug: string;
  themeSlugs: string[];
  targetGroupSlugs: string[];
  /** At least one. */
  comuneSlugs: string[];
  placeIds: string[];
  priceModel: PriceModel;
  /** Integer euro cents; null exactly when the service is free. */
  priceCents: number | null;
  voucherPayable: boolean;
  keywords: string[];
  openingHours: OpeningHours[];
}

/** A service as its organisation sees it, in any status. */
export interface ProviderService extends ServiceInput {
  id: string;
  slug: string;
  status: ServiceStatus;
  /** The moderator's note when the service was sent back to draft. */
  reviewNote: string | null;
  submittedAt: string | null;
  /** Set once an admin approved it: from then on "Pubblica" publishes without review. */
  firstApprovedAt: string | null;
  publishedAt: string | null;
  updatedAt: string;
}

export interface SlotDto {
  id: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  booked: number;
  free: number;
  placeId: string | null;
  note: string;
  cancelledAt: string | null;
}

export interface SlotInput {
  startsAt: string;
  endsAt: string;
  capacity: number;
  placeId: string | null;
  note: string;
  /** Also the same slot on each of the next N weeks (0–26). */
  repeatWeeks?: number;
}

export interface EventInput {
  title: string;
  summary: string;
  description: string;
  startsAt: string;
  endsAt: string;
  allDay: boolean;
  placeId: string | null;
  venue: string;
  address: string;
  comuneSlug: string;
  location: LatLng | null;
  /** Null: free entry. */
  priceCents: number | null;
  registrationUrl: string | null;
}

export interface ProviderEvent extends EventInput {
  id: string;
  slug: string;
  status: EventStatus;
  publishedAt: string | null;
  updatedAt: string;
}

/** A service waiting for review, in the moderation queue. */
export interface ModerationItem {
  id: string;
  slug: string;
  title: string;
  organisation: { id: string; slug: string; name: string };
  category: { slug: string; name: LocalizedText };
  submittedAt: string;
  /** True when the service was never published: the moderator reads it all. */
  firstPublication: boolean;
}

export type ModerationService = ProviderService & {
  organisation: { id: string; slug: string; name: string };
};

export interface ModerationDecision {
  approve: boolean;
  /** Required to refuse: the organisation is told why. */
  note?: string;
}

/** A node of the category tree: a family (parentSlug null) or one of its subcategories. */
export interface AdminCategory {
  id: string;
  family: FamilySlug;
  parentSlug: string | null;
  slug: string;
  nameIt: string;
  nameEn: string;
  descriptionIt: string;
  descriptionEn: string;
  position: number;
  serviceCount: number;
}

export type CategoryInput = Omit<AdminCategory, 'id' | 'serviceCount'>;

/** A theme or a target group (target groups have no description). */
export interface AdminTerm {
  id: string;
  slug: string;
  nameIt: string;
  nameEn: string;
  descriptionIt?: string;
  descriptionEn?: string;
  position: number;
  serviceCount: number;
}

export interface ThemeInput {
  slug: string;
  nameIt: string;
  nameEn: string;
  descriptionIt: string;
  descriptionEn: string;
  position: number;
}

export interface TargetGroupInput {
  slug: string;
  nameIt: string;
  nameEn: string;
  position: number;
}

export interface AdminTaxonomy {
  categories: AdminCategory[];
  themes: AdminTerm[];
  targetGroups: AdminTerm[];
}
