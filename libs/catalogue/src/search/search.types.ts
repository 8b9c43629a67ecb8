import type { OpeningHours, Translated } from '@piazza/core';
import type { ServiceFamily } from '../entities/category.entity';
import type { PriceModel } from '../entities/service-offer.entity';
import type { Page } from '../services/catalogue-query.service';

// The public catalogue's answers, as docs/directory-api.md ("Shared shapes", "Search") spells them.

export type OrganisationKind = 'cooperative' | 'association' | 'shop' | 'public_body';

export interface LatLng {
  lat: number;
  lng: number;
}

/** A category, theme or target group. */
export interface Ref {
  slug: string;
  name: Translated;
}

export interface ComuneRef {
  slug: string;
  name: string;
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

export interface ServiceCard {
  id: string;
  slug: string;
  title: string;
  summary: string;
  family: ServiceFamily;
  category: Ref;
  themes: Ref[];
  targetGroups: Ref[];
  organisation: { slug: string; name: string; kind: OrganisationKind };
  comuni: ComuneRef[];
  priceModel: PriceModel;
  priceCents: number | null;
  voucherPayable: boolean;
  /** Null when the service has no opening hours (by appointment). */
  openNow: boolean | null;
  location: LatLng | null;
  /** Set when the search had an origin (near / nearComune). */
  distanceMeters: number | null;
}

export interface FacetValue {
  slug: string;
  name: Translated | string;
  count: number;
}

/** Each facet counts with every other filter applied, but not its own. */
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
  facets: SearchFacets;
  origin: (LatLng & { label: string | null }) | null;
  /** When a word matched nothing exactly but close spellings did ("babysiter" → "babysitter"). */
  didYouMean: string | null;
}

export interface MapPoint {
  slug: string;
  title: string;
  family: ServiceFamily;
  location: LatLng;
  organisation: string;
}

export interface MapPoints {
  points: MapPoint[];
  total: number;
}

export interface ServiceSlotView {
  id: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  free: number;
  place: PlaceDto | null;
  note: string;
}

export interface ServiceDetail extends Omit<ServiceCard, 'organisation'> {
  description: string;
  keywords: string[];
  openingHours: OpeningHours[];
  places: PlaceDto[];
  /** Upcoming, not cancelled, with free places; at most 50. */
  slots: ServiceSlotView[];
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

export interface Taxonomy {
  families: {
    slug: ServiceFamily;
    name: Translated;
    description: Translated;
    serviceCount: number;
    categories: { slug: string; name: Translated; serviceCount: number }[];
  }[];
  themes: { slug: string; name: Translated; description: Translated; serviceCount: number }[];
  targetGroups: { slug: string; name: Translated; serviceCount: number }[];
  comuni: { slug: string; name: string; location: LatLng }[];
}
