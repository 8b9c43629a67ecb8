import type { OpeningHours, Translated } from '@piazza/core';
import type { ServiceFamily } from '../entities/category.entity';
import type { EventStatus } from '../entities/catalogue-event.entity';
import type { PriceModel, ServiceStatus } from '../entities/service-offer.entity';

/** Shapes of the provider back-office and of the admin's moderation and taxonomy (docs/directory-api.md). */

export interface LatLng {
  lat: number;
  lng: number;
}

export interface ProfileInput {
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
}

export interface ProviderProfile extends ProfileInput {
  id: string;
  slug: string;
  name: string;
  kind: 'cooperative' | 'association' | 'shop' | 'public_body';
  /** `/api/catalogue/organisations/{slug}/logo?v=<epoch ms>`, or null without a logo. */
  logoUrl: string | null;
  accreditationStatus: 'pending' | 'accredited' | 'rejected';
}

export interface PlaceInput {
  name: string;
  address: string;
  comuneSlug: string;
  location: LatLng;
  openingHours: OpeningHours[];
  accessibility: string;
}

/** A place as every directory page shows it (`PlaceDto` of the contract). */
export interface ProviderPlace {
  id: string;
  name: string;
  address: string;
  comune: { slug: string; name: string };
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
  comuneSlugs: string[];
  placeIds: string[];
  priceModel: PriceModel;
  priceCents: number | null;
  voucherPayable: boolean;
  keywords: string[];
  openingHours: OpeningHours[];
}

export interface ProviderService extends ServiceInput {
  id: string;
  slug: string;
  status: ServiceStatus;
  reviewNote: string | null;
  submittedAt: string | null;
  firstApprovedAt: string | null;
  publishedAt: string | null;
  updatedAt: string;
}

export interface SlotInput {
  startsAt: string;
  endsAt: string;
  capacity: number;
  placeId: string | null;
  note: string;
  /** Also create the same slot in each of the next n weeks (0-26), at the same local time. */
  repeatWeeks?: number;
}

export interface ProviderSlot {
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
  comuneSlug: string | null;
  location: LatLng | null;
  priceCents: number | null;
  registrationUrl: string | null;
}

export interface ProviderEvent extends Omit<EventInput, 'comuneSlug'> {
  id: string;
  slug: string;
  comuneSlug: string;
  status: EventStatus;
  /** iCalendar SEQUENCE: how many changes subscribers have been sent. */
  sequence: number;
  publishedAt: string | null;
  updatedAt: string;
}

export interface ModerationItem {
  id: string;
  slug: string;
  title: string;
  organisation: { id: string; slug: string; name: string };
  category: { slug: string; name: Translated };
  submittedAt: string | null;
  firstPublication: boolean;
}

export type ModeratedService = ProviderService & { organisation: { id: string; slug: string; name: string } };

export interface CategoryInput {
  family: ServiceFamily;
  parentSlug: string | null;
  slug: string;
  nameIt: string;
  nameEn: string;
  descriptionIt: string;
  descriptionEn: string;
  position: number;
}

export interface AdminCategory extends CategoryInput {
  id: string;
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

/** A theme (with its descriptions) or a target group (without). */
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

export interface AdminTaxonomy {
  categories: AdminCategory[];
  themes: AdminTerm[];
  targetGroups: AdminTerm[];
}

export interface SocialPointSlotsInput {
  /** First and last day, `YYYY-MM-DD`, in the Ambito's time zone. */
  from: string;
  to: string;
  /** Local start times, `HH:MM`. */
  times: string[];
  minutes: number;
  capacity: number;
}

export interface AdminSocialPointSlot {
  id: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  booked: number;
  free: number;
}
