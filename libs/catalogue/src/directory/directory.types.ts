import type { OpeningHours } from '@piazza/core';
import type { ServiceCard } from '../search/search.types';

/** Shapes of the public directory pages (docs/directory-api.md, "Detail shapes"). */

interface Point {
  lat: number;
  lng: number;
}

interface ComuneRef {
  slug: string;
  name: string;
}

export type DirectoryOrganisationKind = 'cooperative' | 'association' | 'shop' | 'public_body';

/** A place as every directory page shows it (`PlaceDto` of the contract). */
export interface DirectoryPlace {
  id: string;
  name: string;
  address: string;
  comune: ComuneRef;
  location: Point;
  openingHours: OpeningHours[];
  accessibility: string;
}

export interface OrganisationCard {
  slug: string;
  name: string;
  kind: DirectoryOrganisationKind;
  comune: ComuneRef;
  description: string;
  /** `/api/catalogue/organisations/{slug}/logo?v=<epoch ms>`, or null without a logo. */
  logoUrl: string | null;
  serviceCount: number;
}

export interface OrganisationPage extends OrganisationCard {
  history: string;
  email: string;
  phone: string | null;
  website: string | null;
  pec: string | null;
  address: string;
  location: Point | null;
  openingHours: OpeningHours[];
  places: DirectoryPlace[];
  services: ServiceCard[];
  /** Upcoming (not yet ended) published and cancelled events, soonest first. */
  events: EventCard[];
  /** The organisation's iCalendar feed, absolute (calendar apps subscribe to it). */
  icsUrl: string;
}

export interface OrganisationListQuery {
  q?: string;
  kind?: DirectoryOrganisationKind;
  /** Comune slugs: organisations based in any of them. */
  comune?: string[];
  page: number;
  pageSize: number;
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
  location: Point | null;
  /** Null: free entry. */
  priceCents: number | null;
  status: 'published' | 'cancelled';
  organisation: { slug: string; name: string };
}

export interface EventDetail extends EventCard {
  description: string;
  registrationUrl: string | null;
  /** This one event as an iCalendar file, absolute ("add to my calendar"). */
  icsUrl: string;
}

export interface EventListQuery {
  /** First day, `YYYY-MM-DD` in Europe/Rome (default: today). */
  from?: string;
  /** Last day, inclusive (default: 62 days after `from`). */
  to?: string;
  comune?: string[];
  organisation?: string;
  q?: string;
  free?: boolean;
  page: number;
  pageSize: number;
}

export interface SocialPointCard {
  slug: string;
  name: string;
  comune: ComuneRef;
  address: string;
  location: Point;
  phone: string | null;
  email: string | null;
  description: string;
  openingHours: OpeningHours[];
  openNow: boolean;
  languages: string[];
  accessibility: string;
  /** Start of the first appointment slot with a free place, if any. */
  nextFreeSlot: string | null;
}

export interface SocialPointDetail extends SocialPointCard {
  /** Appointment slots of the next 14 days that still have a free place. */
  slots: { id: string; startsAt: string; endsAt: string; free: number }[];
}

/** An organisation's logo, ready to send. */
export interface LogoImage {
  contentType: string;
  image: Buffer;
  /** A strong validator that changes whenever the logo does. */
  etag: string;
}

/** What a shared link of a public page shows (title, description, Open Graph). */
export interface ShareCard {
  title: string;
  description: string;
  /** The page's path on the web app (`/servizi/{slug}`). */
  path: string;
  type: 'website' | 'article';
}
