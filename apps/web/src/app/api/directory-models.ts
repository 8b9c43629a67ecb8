/**
 * Wire types of the public directory (docs/directory-api.md): catalogue search and map, service,
 * organisation, event and Social Point pages. Money is integer euro cents; instants are ISO strings.
 */
import {
  type ComuneRef,
  type FamilySlug,
  type LatLng,
  type LocalizedText,
  type Page,
  type PriceModel,
} from './models';

export type OrganisationKind = 'cooperative' | 'association' | 'shop' | 'public_body';

/** One day's opening: `day` 1 = Monday … 7 = Sunday, times `HH:MM` in Europe/Rome. */
export interface OpeningHours {
  day: number;
  opens: string;
  closes: string;
}

/** A category, theme or target group. */
export interface TaxonomyRef {
  slug: string;
  name: LocalizedText;
}

export interface PlaceDto {
  id: string;
  name: string;
  address: string;
  comune: ComuneRef;
  location: LatLng;
  openingHours: OpeningHours[];
  accessibility: string;
}

/** A service in a list of results. */
export interface ServiceCard {
  id: string;
  slug: string;
  title: string;
  summary: string;
  family: FamilySlug;
  category: TaxonomyRef;
  themes: TaxonomyRef[];
  targetGroups: TaxonomyRef[];
  organisation: { slug: string; name: string; kind: OrganisationKind };
  comuni: ComuneRef[];
  priceModel: PriceModel;
  /** Null when free, or when the price is agreed case by case. */
  priceCents: number | null;
  voucherPayable: boolean;
  /** Null: no opening hours (by appointment). */
  openNow: boolean | null;
  location: LatLng | null;
  /** Set when the search had an origin. */
  distanceMeters: number | null;
}

export interface FacetValue {
  slug: string;
  name: LocalizedText | string;
  count: number;
}

export interface SearchFacets {
  families: FacetValue[];
  categories: FacetValue[];
  themes: FacetValue[];
  targetGroups: FacetValue[];
  comuni: FacetValue[];
  voucherPayable: number;
  free: number;
  openNow: number;
}

export interface SearchResult extends Page<ServiceCard> {
  /** Each facet counts with every other filter applied, but not its own. */
  facets: SearchFacets;
  origin: (LatLng & { label: string | null }) | null;
  /** A close spelling that would match, when `q` matched nothing exactly. */
  didYouMean: string | null;
}

export type SearchSort = 'relevance' | 'distance' | 'price' | 'price_desc' | 'title' | 'newest';

/** The search filters as the API takes them (lists of slugs, cents). */
export interface ServiceSearchQuery {
  q?: string;
  family?: FamilySlug;
  category?: string[];
  theme?: string[];
  target?: string[];
  comune?: string[];
  voucher?: boolean;
  free?: boolean;
  priceMin?: number;
  priceMax?: number;
  openNow?: boolean;
  near?: LatLng;
  nearComune?: string;
  radiusKm?: number;
  sort?: SearchSort;
  page?: number;
  pageSize?: number;
}

export interface ServiceMapPoint {
  slug: string;
  title: string;
  family: FamilySlug;
  location: LatLng;
  organisation: string;
}

export interface ServiceMap {
  points: ServiceMapPoint[];
  total: number;
}

export interface Taxonomy {
  families: {
    slug: FamilySlug;
    name: LocalizedText;
    description: LocalizedText;
    serviceCount: number;
    categories: { slug: string; name: LocalizedText; serviceCount: number }[];
  }[];
  themes: { slug: string; name: LocalizedText; description: LocalizedText; serviceCount: number }[];
  targetGroups: { slug: string; name: LocalizedText; serviceCount: number }[];
  comuni: { slug: string; name: string; location: LatLng }[];
}

export interface ServiceSlot {
  id: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  free: number;
  place: PlaceDto | null;
  note: string;
}

export interface ServiceDetail extends ServiceCard {
  description: string;
  keywords: string[];
  openingHours: OpeningHours[];
  places: PlaceDto[];
  /** Upcoming, not cancelled, at most 50. */
  slots: ServiceSlot[];
  organisation: {
    slug: string;
    name: string;
    kind: OrganisationKind;
    logoUrl: string | null;
    email: string;
    phone: string | null;
    website: string | null;
  };
  publishedAt: string;
  updatedAt: string;
}

export interface OrganisationCard {
  slug: string;
  name: string;
  kind: OrganisationKind;
  comune: ComuneRef;
  description: string;
  logoUrl: string | null;
  serviceCount: number;
}

export interface OrganisationQuery {
  q?: string;
  kind?: OrganisationKind;
  comune?: string;
  page?: number;
  pageSize?: number;
}

export interface EventCard {
  id: string;
  slug: string;
  title: string;
  summary: string;
  startsAt: string;
  endsAt: string;
  allDay: boolean;
  venue: string;
  address: string;
  comune: ComuneRef;
  location: LatLng | null;
  /** Null: free entry. */
  priceCents: number | null;
  status: 'published' | 'cancelled';
  organisation: { slug: string; name: string };
}

export interface EventDetail extends EventCard {
  description: string;
  registrationUrl: string | null;
  icsUrl: string;
}

export interface EventQuery {
  /** `YYYY-MM-DD`, inclusive. */
  from?: string;
  to?: string;
  comune?: string;
  organisation?: string;
  q?: string;
  free?: boolean;
  page?: number;
  pageSize?: number;
}

export interface OrganisationPage extends OrganisationCard {
  history: string;
  email: string;
  phone: string | null;
  website: string | null;
  pec: string | null;
  address: string;
  location: LatLng | null;
  openingHours: OpeningHours[];
  places: PlaceDto[];
  services: ServiceCard[];
  /** Upcoming. */
  events: EventCard[];
  icsUrl: string;
}

export interface SocialPointCard {
  slug: string;
  name: string;
  comune: ComuneRef;
  address: string;
  location: LatLng;
  phone: string;
  email: string;
  description: string;
  openingHours: OpeningHours[];
  openNow: boolean;
  languages: string[];
  accessibility: string;
  nextFreeSlot: string | null;
}

export interface SocialPointDetail extends SocialPointCard {
  /** The next 14 days with free places. */
  slots: { id: string; startsAt: string; endsAt: string; free: number }[];
}
