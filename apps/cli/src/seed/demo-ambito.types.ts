/** Shapes of the demo Ambito's seed data. Content is Italian; names of categories carry English too. */

export type ServiceFamily = 'youcare' | 'childcare' | 'silvercare' | 'familycare' | 'housepetcare';
export type OrganisationKind = 'cooperative' | 'association' | 'shop' | 'public_body';
export type PriceModel = 'free' | 'fixed' | 'per_hour' | 'per_session' | 'per_month';
export type ShopCategory =
  'alimentari' | 'farmacia' | 'abbigliamento' | 'cartoleria' | 'casalinghi' | 'ottica';

export interface Translated {
  it: string;
  en: string;
}

export interface OpeningHours {
  /** ISO weekday: 1 = Monday ... 7 = Sunday. */
  day: 1 | 2 | 3 | 4 | 5 | 6 | 7;
  opens: string; // 'HH:MM'
  closes: string; // 'HH:MM'
}

export interface SeedComune {
  slug: string;
  name: string;
  /** ISTAT code, six digits as text (e.g. '012127'). */
  istatCode: string;
  province: string;
  postalCode: string;
  lat: number;
  lng: number;
  population: number;
}

export interface SeedFamily {
  family: ServiceFamily;
  slug: string;
  name: Translated;
  description: Translated;
  subcategories: { slug: string; name: Translated }[];
}

export interface SeedOrganisation {
  slug: string;
  kind: OrganisationKind;
  name: string;
  legalName: string;
  /** Partita IVA, 11 digits with a valid check digit; null for public bodies, which need none here. */
  vatNumber: string | null;
  /** Codice fiscale of the organisation (usually equal to the VAT number; 11 digits for a public body). */
  fiscalCode: string;
  description: string;
  email: string;
  phone: string;
  website: string | null;
  comune: string; // SeedComune.slug
  address: string;
  lat: number;
  lng: number;
  openingHours: OpeningHours[];
  /** Only for shops. */
  shopCategory?: ShopCategory;
}

export interface SeedSocialPoint {
  slug: string;
  name: string;
  comune: string; // SeedComune.slug
  address: string;
  lat: number;
  lng: number;
  phone: string;
  email: string;
  description: string;
  openingHours: OpeningHours[];
  /** Languages spoken at the desk (ISO 639-1), Italian first. */
  languages: string[];
  accessibility: string;
}

export type SeedServiceStatus = 'published' | 'pending_review' | 'draft';

export interface SeedService {
  slug: string;
  organisation: string; // SeedOrganisation.slug (a cooperative or an association)
  category: string; // a subcategory slug of a SeedFamily
  title: string;
  summary: string;
  description: string;
  priceModel: PriceModel;
  /** Integer euro cents; null when priceModel is 'free'. */
  priceCents: number | null;
  voucherPayable: boolean;
  comuni: string[]; // SeedComune.slug, at least one
  keywords: string[];
  /** Default 'published'. */
  status?: SeedServiceStatus;
  /** For 'pending_review': how long ago the provider asked to publish. */
  submittedHoursAgo?: number;
  /** When the service is open to the public (sportelli, consultori); none: by appointment. */
  openingHours?: OpeningHours[];
  /** Theme and target group slugs; default: those of the service's category (CATEGORY_TAGS). */
  themes?: string[];
  targetGroups?: string[];
}

export interface SeedTheme {
  slug: string;
  name: Translated;
  description: Translated;
}

export interface SeedTargetGroup {
  slug: string;
  name: Translated;
}

/** Themes and target groups a service gets by default from its category. */
export interface SeedTags {
  themes: string[];
  targetGroups: string[];
}

/** The story and certified e-mail shown on an organisation's page. */
export interface SeedOrganisationProfile {
  history: string;
  pec: string | null;
}

/** One of an organisation's sites; `services` happen there (the first place is a service's map point). */
export interface SeedPlace {
  organisation: string; // SeedOrganisation.slug
  name: string; // unique within the organisation
  address: string;
  comune: string; // SeedComune.slug
  lat: number;
  lng: number;
  openingHours: OpeningHours[];
  accessibility: string;
  services: string[]; // SeedService.slug of that organisation
}

/** A weekly timetable of bookable slots, repeated over the weeks after the seed runs. */
export interface SeedSlotSchedule {
  service: string; // SeedService.slug
  sessions: { day: OpeningHours['day']; starts: string; ends: string }[];
  capacity: number;
  note?: string;
}

/** Where an event takes place: one of its organisation's places, or a venue of its own. */
export type SeedEventVenue =
  | { place: string } // SeedPlace.name of the event's organisation
  | { venue: string; address: string; comune: string; lat: number; lng: number };

/**
 * An event of the demo agenda, dated relative to the day the seed runs: the first `day` (ISO weekday)
 * on or after tomorrow plus `week` weeks, so the demo always shows the next two months.
 */
export interface SeedEvent {
  organisation: string; // SeedOrganisation.slug
  title: string;
  summary: string;
  description: string;
  week: number; // 0-7
  day: OpeningHours['day'];
  /** Local times 'HH:MM' (Europe/Rome); omitted for an all-day event. */
  starts?: string;
  ends?: string;
  at: SeedEventVenue;
  /** Null: free entry. */
  priceCents: number | null;
  registrationUrl?: string;
  cancelled?: boolean;
}
