/**
 * Wire types of the Piazza HTTP API (`/api`), as the server sends them.
 * Keep in step with the OpenAPI document at `/api/docs`.
 */

/** A text the server sends in both UI languages. */
export interface LocalizedText {
  it: string;
  en: string;
}

export interface ComuneRef {
  slug: string;
  name: string;
}

export interface Comune extends ComuneRef {
  id: string;
  istatCode: string;
}

export interface AmbitoContacts {
  email: string;
  phone: string;
  address: string;
  website: string | null;
}

export interface AmbitoSettingsDto {
  name: string;
  shortName: string;
  tagline: LocalizedText;
  logoUrl: string | null;
  colors: { primary: string };
  contacts: AmbitoContacts;
  comuni: Comune[];
}

export const FAMILY_SLUGS = ['youcare', 'childcare', 'silvercare', 'familycare', 'housepetcare'] as const;
export type FamilySlug = (typeof FAMILY_SLUGS)[number];

export function isFamilySlug(value: unknown): value is FamilySlug {
  return typeof value === 'string' && (FAMILY_SLUGS as readonly string[]).includes(value);
}

export interface ServiceFamily {
  slug: FamilySlug;
  name: LocalizedText;
  description: LocalizedText;
  serviceCount: number;
}

export type PriceModel = 'free' | 'fixed' | 'per_hour' | 'per_session' | 'per_month';

export interface ServiceSummary {
  id: string;
  slug: string;
  title: string;
  summary: string;
  family: FamilySlug;
  category: { slug: string; name: LocalizedText };
  organisation: { slug: string; name: string };
  comuni: ComuneRef[];
  priceModel: PriceModel;
  /** Integer euro cents; null when the price is agreed case by case. */
  priceCents: number | null;
  voucherPayable: boolean;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ServiceQuery {
  q?: string;
  family?: FamilySlug;
  /** Comune slug. */
  comune?: string;
  page?: number;
  pageSize?: number;
}

/** The body of every error response. */
export interface ApiErrorBody {
  code: string;
  message: LocalizedText;
  field?: string;
}

/** How people can sign in: the password is always there; SPID/CIE once the Ambito has enabled it. */
export interface AuthMethods {
  password: boolean;
  spid: boolean;
}

export const ROLES = ['citizen', 'provider', 'merchant', 'social_worker', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const RELATIONS = [
  'self',
  'spouse',
  'partner',
  'child',
  'parent',
  'sibling',
  'grandparent',
  'other',
] as const;
/** How a member is related to the head of the household (`self`). */
export type Relation = (typeof RELATIONS)[number];

export interface Member {
  id: string;
  firstName: string;
  lastName: string;
  fiscalCode: string;
  /** Calendar date, `YYYY-MM-DD`. */
  dateOfBirth: string;
  relation: Relation;
}

/** A member as the citizen adds one: the server assigns the id. */
export type NewMember = Omit<Member, 'id'>;

export interface Household {
  id: string;
  comune: ComuneRef;
  address: string;
  members: Member[];
}

/** The person signed in. */
export interface Me {
  id: string;
  /** Null for people registered at a Social Point without an e-mail address. */
  email: string | null;
  displayName: string;
  roles: Role[];
  emailVerified: boolean;
  household: Household | null;
}

export interface Credentials {
  email: string;
  password: string;
}

/** A citizen's sign-up with the head of household's own data. */
export interface Registration {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  fiscalCode: string;
  /** Calendar date, `YYYY-MM-DD`. */
  dateOfBirth: string;
  /** Comune slug. */
  comune: string;
  address?: string;
  privacyAccepted: true;
}
