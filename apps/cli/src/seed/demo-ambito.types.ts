/** Shapes of the demo Ambito's seed data. Content is Italian; names of categories carry English too. */

export type ServiceFamily = 'youcare' | 'childcare' | 'silvercare' | 'familycare' | 'housepetcare';
export type OrganisationKind = 'cooperative' | 'association' | 'shop';
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
  /** Partita IVA, 11 digits with a valid check digit. */
  vatNumber: string;
  /** Codice fiscale of the organisation (for these, usually equal to the VAT number). */
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
}

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
}
