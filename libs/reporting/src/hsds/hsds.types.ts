/**
 * The Open Referral HSDS 3.0 objects this export writes (../shared/hsds-3.0/schema), with the fields it
 * fills. Names are HSDS's own, in snake_case; every id is a UUID.
 */

export interface HsdsPage<T> {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}

export interface HsdsApiInfo {
  version: string;
  profile: string;
  openapi_url: string;
}

export interface HsdsTaxonomy {
  id: string;
  name: string;
  description: string;
  uri?: string;
  version?: string;
}

export interface HsdsTaxonomyTerm {
  id: string;
  code: string;
  name: string;
  description: string;
  parent_id?: string;
  taxonomy: string;
  taxonomy_id: string;
  language: string;
  taxonomy_detail?: HsdsTaxonomy;
}

export interface HsdsAttribute {
  id: string;
  link_id: string;
  link_entity: string;
  link_type: string;
  taxonomy_term_id: string;
  taxonomy_term?: HsdsTaxonomyTerm;
}

export interface HsdsPhone {
  id: string;
  organization_id?: string;
  service_id?: string;
  location_id?: string;
  number: string;
  type: string;
}

export interface HsdsContact {
  id: string;
  organization_id?: string;
  location_id?: string;
  name: string;
  title?: string;
  email: string;
}

export interface HsdsSchedule {
  id: string;
  service_id?: string;
  location_id?: string;
  freq: 'WEEKLY';
  interval: number;
  wkst: 'MO';
  byday: string;
  opens_at: string;
  closes_at: string;
  timezone: number;
  description: string;
}

export interface HsdsAddress {
  id: string;
  location_id: string;
  address_1: string;
  city: string;
  state_province: string;
  postal_code: string;
  country: string;
  address_type: 'physical';
}

export interface HsdsLanguage {
  id: string;
  location_id: string;
  name: string;
  code: string;
}

export interface HsdsAccessibility {
  id: string;
  location_id: string;
  description: string;
}

export interface HsdsLocation {
  id: string;
  location_type: 'physical';
  organization_id: string;
  name: string;
  description: string;
  latitude?: number;
  longitude?: number;
  addresses: HsdsAddress[];
  phones: HsdsPhone[];
  contacts: HsdsContact[];
  languages: HsdsLanguage[];
  accessibility: HsdsAccessibility[];
  schedules: HsdsSchedule[];
}

export interface HsdsOrganizationIdentifier {
  id: string;
  organization_id: string;
  identifier_scheme: string;
  identifier_type: string;
  identifier: string;
}

/** An organization's one-to-one fields (`organization_list` of the API). */
export interface HsdsOrganizationSummary {
  id: string;
  name: string;
  alternate_name?: string;
  description: string;
  email?: string;
  website?: string;
  logo?: string;
  uri: string;
  legal_status: string;
}

export interface HsdsOrganization extends HsdsOrganizationSummary {
  phones: HsdsPhone[];
  contacts: HsdsContact[];
  organization_identifiers: HsdsOrganizationIdentifier[];
  locations: HsdsLocation[];
  /** Not an HSDS table field: the organization's services, as the API's `full_service` asks. */
  services?: (HsdsServiceSummary | HsdsServiceFull)[];
}

export interface HsdsCostOption {
  id: string;
  service_id: string;
  option: string;
  currency: 'EUR';
  amount: number;
  amount_description: string;
}

export interface HsdsServiceArea {
  id: string;
  service_id: string;
  name: string;
  description: string;
}

export interface HsdsServiceAtLocation {
  id: string;
  service_id: string;
  location_id: string;
  description: string;
  location?: HsdsLocation;
  /** Not an HSDS table field: the service's one-to-one fields, so a harvester need not ask again. */
  service?: HsdsServiceSummary;
}

/** A service's one-to-one fields (`service_list` of the API). */
export interface HsdsServiceSummary {
  id: string;
  organization_id: string;
  name: string;
  description: string;
  url: string;
  email?: string;
  status: 'active';
  fees_description: string;
  eligibility_description?: string;
  application_process: string;
  last_modified: string;
}

export interface HsdsServiceFull extends HsdsServiceSummary {
  organization: HsdsOrganizationSummary;
  phones: HsdsPhone[];
  schedules: HsdsSchedule[];
  service_areas: HsdsServiceArea[];
  service_at_locations: HsdsServiceAtLocation[];
  cost_options: HsdsCostOption[];
  attributes: HsdsAttribute[];
}

/** The filters of `/services` and `/service_at_locations` (HSDS query parameters). */
export interface HsdsServiceFilter {
  search?: string;
  taxonomy_term_id?: string;
  taxonomy_id?: string;
  organization_id?: string;
  modified_after?: Date;
  /** `/service_at_locations` only: services that serve the Comune with this postcode. */
  postcode?: string;
  /** With `postcode`: only locations within this many metres of its Comune's centre. */
  proximity?: number;
}

export interface HsdsPaging {
  page: number;
  per_page: number;
}
