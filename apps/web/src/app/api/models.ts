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

export interface LatLng {
  lat: number;
  lng: number;
}

export interface Comune extends ComuneRef {
  id: string;
  istatCode: string;
  location: LatLng;
}

/** The catalogue map: tiles (null when none are configured) and the view that shows every Comune. */
export interface MapSettings {
  tileUrl: string | null;
  attribution: string;
  bounds: [[number, number], [number, number]] | null;
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
  map: MapSettings;
  /** Whether the rest of an order can be paid by card; when not, why (shown at checkout). */
  payments: { card: boolean; reason: LocalizedText | null };
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

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** One refused field of a validation error: `message` completes a sentence about that field. */
export interface ApiFieldProblem {
  field: string;
  message: LocalizedText;
}

/** The body of every error response. */
export interface ApiErrorBody {
  code: string;
  message: LocalizedText;
  field?: string;
  /** With VALIDATION_FAILED: each refused field, the first one being `field`. */
  details?: ApiFieldProblem[];
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

/** First sign-in with the username and one-time code of an access letter. */
export interface FirstAccessRequest {
  username: string;
  /** As printed (ABCD-EFGH-JKMN); dashes, spaces and case do not matter. */
  code: string;
  password: string;
}

export const ORGANISATION_KINDS = ['cooperative', 'association', 'shop'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const SHOP_CATEGORIES = [
  'alimentari',
  'farmacia',
  'abbigliamento',
  'cartoleria',
  'casalinghi',
  'ottica',
] as const;
export type ShopCategory = (typeof SHOP_CATEGORIES)[number];

export const ACCREDITATION_STATUSES = ['pending', 'accredited', 'rejected'] as const;
export type AccreditationStatus = (typeof ACCREDITATION_STATUSES)[number];

export type OrganisationRole = 'owner' | 'staff';

/** An organisation and its owner's account, as they sign up; the organisation waits for accreditation. */
export interface OrganisationSignUp {
  kind: OrganisationKind;
  name: string;
  legalName: string;
  /** Partita IVA: 11 digits, the last a check digit. */
  vatNumber: string;
  email: string;
  phone?: string;
  /** With its protocol (https://…). */
  website?: string;
  /** Slug of the Comune of the registered office. */
  comune: string;
  address: string;
  /** For shops only. */
  shopCategory?: ShopCategory;
  owner: { firstName: string; lastName: string; email: string; password: string };
}

/** An organisation as its members and the Ambito office see it. */
export interface Organisation {
  id: string;
  slug: string;
  kind: OrganisationKind;
  name: string;
  legalName: string;
  vatNumber: string | null;
  email: string;
  phone: string | null;
  comune: ComuneRef;
  address: string;
  accreditationStatus: AccreditationStatus;
  /** The office's note with its last decision (the reason, for a rejection). */
  accreditationNote: string | null;
  /** When it signed up: an ISO timestamp. */
  createdAt: string;
}

/** One of the signed-in person's organisations, with their role in it. */
export interface MemberOrganisation extends Organisation {
  myRole: OrganisationRole;
}

export interface OrganisationMember {
  userId: string;
  displayName: string;
  email: string | null;
  role: OrganisationRole;
}

export interface Invitation {
  email: string;
  role: OrganisationRole;
}

export interface AccreditationDecision {
  decision: Exclude<AccreditationStatus, 'pending'>;
  note?: string;
}

/** A household in the list a social worker searches. */
export interface HouseholdSummary {
  id: string;
  comune: ComuneRef;
  /** The head of household's name; null when the household has no head yet. */
  head: string | null;
  members: number;
  /** Whether someone can sign in for the household. */
  hasAccount: boolean;
}

/** The person's data, as a social worker types it from an identity document. */
export interface Person {
  firstName: string;
  lastName: string;
  fiscalCode: string;
  /** Calendar date, `YYYY-MM-DD`. */
  dateOfBirth: string;
}

/** A household registered at a Social Point for a head of household without e-mail. */
export interface AssistedRegistrationRequest {
  /** Slug of one of the social worker's Comuni. */
  comune: string;
  /** Printed on the access letter. */
  address: string;
  head: Person;
  members: NewMember[];
}

export interface AssistedRegistrationResult {
  householdId: string;
  /** What the head of household signs in with, printed on the access letter. */
  username: string;
}
