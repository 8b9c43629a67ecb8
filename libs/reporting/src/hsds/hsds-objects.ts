import { AMBITO_TIME_ZONE, type OpeningHours } from '@piazza/core';
import { hsdsId } from './hsds-id';
import type {
  ComuneRow,
  OrganisationRow,
  PlaceRow,
  ServiceRow,
  SocialPointRow,
  TaxonomyKey,
  TermRow,
} from './hsds-source.service';
import type {
  HsdsAddress,
  HsdsAttribute,
  HsdsContact,
  HsdsCostOption,
  HsdsLocation,
  HsdsOrganization,
  HsdsOrganizationIdentifier,
  HsdsOrganizationSummary,
  HsdsPhone,
  HsdsSchedule,
  HsdsServiceArea,
  HsdsServiceSummary,
  HsdsTaxonomy,
  HsdsTaxonomyTerm,
} from './hsds.types';

/** How the directory's rows become HSDS objects: pure functions, no database. */

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const TAXONOMY_KEYS: TaxonomyKey[] = ['categories', 'themes', 'target_groups'];

const TAXONOMY_TEXT: Record<TaxonomyKey, { name: string; description: string }> = {
  categories: {
    name: 'Categorie dei servizi',
    description:
      "Le cinque famiglie di servizi dell'Ambito (youcare, childcare, silvercare, familycare, housepetcare) e le loro sottocategorie.",
  },
  themes: {
    name: 'Temi',
    description:
      'I temi del welfare locale (casa, lavoro, cibo, cura, formazione, ...), trasversali alle categorie.',
  },
  target_groups: {
    name: 'Destinatari',
    description:
      'A chi si rivolge un servizio: famiglie, bambini, giovani, anziani, donne, persone con disabilità, ...',
  },
};

/** The id of a taxonomy, stable across installations of the same Ambito. */
export function taxonomyId(key: TaxonomyKey): string {
  return hsdsId('taxonomy', key);
}

/** The id of the organization that stands for the Ambito itself (owner of Social Points with no public body). */
export function ambitoOrganizationId(): string {
  return hsdsId('organization', 'ambito');
}

/** The id of an organisation's seat as a location (its registered address). */
export function seatLocationId(organisationId: string): string {
  return hsdsId('location', 'seat', organisationId);
}

export function serviceAtLocationId(serviceId: string, locationId: string): string {
  return hsdsId('service_at_location', serviceId, locationId);
}

export function taxonomy(key: TaxonomyKey, base: string): HsdsTaxonomy {
  return {
    id: taxonomyId(key),
    name: TAXONOMY_TEXT[key].name,
    description: TAXONOMY_TEXT[key].description,
    uri: `${base}/api/hsds/taxonomies/${taxonomyId(key)}`,
  };
}

export function taxonomyTerm(row: TermRow, base: string, withDetail = false): HsdsTaxonomyTerm {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description || row.name,
    ...(row.parent_id && { parent_id: row.parent_id }),
    taxonomy: TAXONOMY_TEXT[row.taxonomy].name,
    taxonomy_id: taxonomyId(row.taxonomy),
    language: 'it',
    ...(withDetail && { taxonomy_detail: taxonomy(row.taxonomy, base) }),
  };
}

/**
 * Opening hours as weekly schedules, one per opening interval shared by several days (`MO,WE,FR` 09:00 to
 * 12:30). Times are local to Europe/Rome, written with the offset in force now.
 */
export function schedules(
  hours: readonly OpeningHours[],
  owner: { service_id: string } | { location_id: string },
  now = new Date(),
): HsdsSchedule[] {
  const ownerId = 'service_id' in owner ? owner.service_id : owner.location_id;
  const offset = romeOffsetHours(now);
  const sign = offset < 0 ? '-' : '+';
  const suffix = `${sign}${String(Math.abs(offset)).padStart(2, '0')}:00`;
  const groups = new Map<string, { opens: string; closes: string; days: number[] }>();
  for (const h of hours) {
    const key = `${h.opens}-${h.closes}`;
    const group = groups.get(key) ?? { opens: h.opens, closes: h.closes, days: [] };
    if (!group.days.includes(h.day)) group.days.push(h.day);
    groups.set(key, group);
  }
  return [...groups.values()]
    .map((g) => ({ ...g, days: g.days.sort((a, b) => a - b) }))
    .sort((a, b) => a.days[0] - b.days[0] || a.opens.localeCompare(b.opens))
    .map((g) => ({
      id: hsdsId('schedule', ownerId, g.opens, g.closes),
      ...owner,
      freq: 'WEEKLY' as const,
      interval: 1,
      wkst: 'MO' as const,
      byday: g.days.map((d) => WEEKDAYS[d - 1]).join(','),
      opens_at: `${g.opens}${suffix}`,
      closes_at: `${g.closes}${suffix}`,
      timezone: offset,
      description: `${g.days.map((d) => WEEKDAY_NAMES[d - 1]).join(', ')}: ${g.opens}–${g.closes} (ora italiana)`,
    }));
}

const WEEKDAY_NAMES = ['lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'sabato', 'domenica'];

/** Europe/Rome's offset from UTC at an instant, in hours (1 in winter, 2 in summer). */
function romeOffsetHours(at: Date): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: AMBITO_TIME_ZONE, timeZoneName: 'shortOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-]\d+)?/.exec(name ?? '');
  return match?.[1] ? Number(match[1]) : 0;
}

function address(locationId: string, text: string, comune: ComuneRow): HsdsAddress {
  return {
    id: hsdsId('address', locationId),
    location_id: locationId,
    address_1: text,
    city: comune.name,
    state_province: comune.province,
    // The address as typed usually carries its CAP; a Comune's own is the fallback.
    postal_code: /\b\d{5}\b/.exec(text)?.[0] ?? comune.postal_code,
    country: 'IT',
    address_type: 'physical',
  };
}

function phone(
  number: string | null,
  owner: Partial<Record<'organization_id' | 'service_id' | 'location_id', string>>,
): HsdsPhone[] {
  if (!number?.trim()) return [];
  const ownerId = Object.values(owner)[0] ?? '';
  return [{ id: hsdsId('phone', ownerId, number), ...owner, number: number.trim(), type: 'voice' }];
}

function point(lat: number | null, lng: number | null): { latitude?: number; longitude?: number } {
  return lat === null || lng === null ? {} : { latitude: lat, longitude: lng };
}

function webUrl(value: string | null): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

function email(value: string | null): string | undefined {
  return value && EMAIL.test(value) ? value : undefined;
}

/** An organisation's own place: where it is registered, with its opening hours. */
export function seatLocation(org: OrganisationRow, comune: ComuneRow): HsdsLocation {
  const id = seatLocationId(org.id);
  return {
    id,
    location_type: 'physical',
    organization_id: org.id,
    name: `Sede di ${org.name}`,
    description: `Sede legale o operativa di ${org.name}.`,
    ...point(org.lat, org.lng),
    addresses: [address(id, org.address, comune)],
    phones: phone(org.phone, { location_id: id }),
    contacts: [],
    languages: [],
    accessibility: [],
    schedules: schedules(org.opening_hours, { location_id: id }),
  };
}

export function placeLocation(place: PlaceRow, comune: ComuneRow): HsdsLocation {
  return {
    id: place.id,
    location_type: 'physical',
    organization_id: place.organisation_id,
    name: place.name,
    description: '',
    latitude: place.lat,
    longitude: place.lng,
    addresses: [address(place.id, place.address, comune)],
    phones: [],
    contacts: [],
    languages: [],
    accessibility: place.accessibility.trim()
      ? [
          {
            id: hsdsId('accessibility', place.id),
            location_id: place.id,
            description: place.accessibility.trim(),
          },
        ]
      : [],
    schedules: schedules(place.opening_hours, { location_id: place.id }),
  };
}

const languageNames = new Intl.DisplayNames(['it'], { type: 'language' });

export function socialPointLocation(point: SocialPointRow, ownerId: string, comune: ComuneRow): HsdsLocation {
  const mail = email(point.email);
  return {
    id: point.id,
    location_type: 'physical',
    organization_id: ownerId,
    name: point.name,
    description: point.description,
    latitude: point.lat,
    longitude: point.lng,
    addresses: [address(point.id, point.address, comune)],
    phones: phone(point.phone, { location_id: point.id }),
    contacts: mail
      ? [{ id: hsdsId('contact', point.id), location_id: point.id, name: point.name, email: mail }]
      : [],
    languages: point.languages.map((code) => ({
      id: hsdsId('language', point.id, code),
      location_id: point.id,
      name: languageOf(code),
      code,
    })),
    accessibility: point.accessibility.trim()
      ? [
          {
            id: hsdsId('accessibility', point.id),
            location_id: point.id,
            description: point.accessibility.trim(),
          },
        ]
      : [],
    schedules: schedules(point.opening_hours, { location_id: point.id }),
  };
}

function languageOf(code: string): string {
  try {
    return languageNames.of(code) ?? code;
  } catch {
    return code;
  }
}

const LEGAL_STATUS: Record<OrganisationRow['kind'], string> = {
  cooperative: 'Cooperativa sociale',
  association: 'Associazione',
  public_body: 'Ente pubblico',
};

export function organizationSummary(org: OrganisationRow, base: string): HsdsOrganizationSummary {
  const website = webUrl(org.website);
  const mail = email(org.email);
  return {
    id: org.id,
    name: org.name,
    ...(org.legal_name && org.legal_name !== org.name && { alternate_name: org.legal_name }),
    description: org.description,
    ...(mail && { email: mail }),
    ...(website && { website }),
    ...(org.logo_version && {
      logo: `${base}/api/catalogue/organisations/${org.slug}/logo?v=${org.logo_version}`,
    }),
    uri: `${base}/enti/${org.slug}`,
    legal_status: LEGAL_STATUS[org.kind],
  };
}

export function organization(
  org: OrganisationRow,
  base: string,
  locations: HsdsLocation[],
): Omit<HsdsOrganization, 'services'> {
  const contacts: HsdsContact[] = [];
  const mail = email(org.email);
  if (mail)
    contacts.push({
      id: hsdsId('contact', org.id, 'email'),
      organization_id: org.id,
      name: org.name,
      email: mail,
    });
  const pec = email(org.pec);
  if (pec) {
    contacts.push({
      id: hsdsId('contact', org.id, 'pec'),
      organization_id: org.id,
      name: org.name,
      title: 'Posta elettronica certificata (PEC)',
      email: pec,
    });
  }
  const identifiers: HsdsOrganizationIdentifier[] = [];
  if (org.vat_number) {
    identifiers.push({
      id: hsdsId('organization_identifier', org.id, 'IT-VAT'),
      organization_id: org.id,
      identifier_scheme: 'IT-VAT',
      identifier_type: 'Partita IVA',
      identifier: org.vat_number,
    });
  }
  if (org.fiscal_code) {
    identifiers.push({
      id: hsdsId('organization_identifier', org.id, 'IT-CF'),
      organization_id: org.id,
      identifier_scheme: 'IT-CF',
      identifier_type: 'Codice fiscale',
      identifier: org.fiscal_code,
    });
  }
  return {
    ...organizationSummary(org, base),
    phones: phone(org.phone, { organization_id: org.id }),
    contacts,
    organization_identifiers: identifiers,
    locations,
  };
}

/** The Ambito as an organization: the public body behind the Social Points of Comuni with none of their own. */
export function ambitoOrganization(
  settings: {
    name: string;
    tagline: { it: string };
    contacts: { email: string; phone: string; website: string | null };
  },
  base: string,
  locations: HsdsLocation[] | null,
): HsdsOrganizationSummary & Partial<HsdsOrganization> {
  const id = ambitoOrganizationId();
  const mail = email(settings.contacts.email);
  const website = webUrl(settings.contacts.website);
  const summary: HsdsOrganizationSummary = {
    id,
    name: settings.name,
    description: settings.tagline.it,
    ...(mail && { email: mail }),
    ...(website && { website }),
    uri: `${base}/`,
    legal_status: 'Ente pubblico',
  };
  if (!locations) return summary;
  return {
    ...summary,
    phones: phone(settings.contacts.phone, { organization_id: id }),
    contacts: mail
      ? [{ id: hsdsId('contact', id, 'email'), organization_id: id, name: settings.name, email: mail }]
      : [],
    organization_identifiers: [],
    locations,
  };
}

const euro = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' });

const PRICE_UNIT: Record<Exclude<ServiceRow['price_model'], 'free'>, { option: string; unit: string }> = {
  fixed: { option: 'Prezzo fisso', unit: '' },
  per_hour: { option: "Prezzo all'ora", unit: " all'ora" },
  per_session: { option: 'Prezzo a incontro', unit: ' a incontro' },
  per_month: { option: 'Prezzo mensile', unit: ' al mese' },
};

export function serviceSummary(
  row: ServiceRow,
  org: OrganisationRow,
  terms: Map<string, TermRow>,
  base: string,
): HsdsServiceSummary {
  const url = `${base}/servizi/${row.slug}`;
  const mail = email(org.email);
  const audience = row.target_group_ids.flatMap((id) => terms.get(id)?.name ?? []);
  return {
    id: row.id,
    organization_id: row.organisation_id,
    name: row.title,
    description: [row.summary, row.description].filter((t) => t.trim()).join('\n\n'),
    url,
    ...(mail && { email: mail }),
    status: 'active',
    fees_description: feesDescription(row),
    ...(audience.length && { eligibility_description: `Per: ${audience.join(', ').toLowerCase()}.` }),
    application_process: `Informazioni, prenotazione e contatti sulla pagina del servizio: ${url}`,
    last_modified: row.last_modified.toISOString(),
  };
}

function feesDescription(row: ServiceRow): string {
  const voucher = row.voucher_payable ? " Si può pagare con i voucher welfare dell'Ambito." : '';
  if (row.price_model === 'free' || row.price_cents === null) return `Gratuito.${voucher}`;
  return `${euro.format(Number(row.price_cents) / 100)}${PRICE_UNIT[row.price_model].unit}.${voucher}`;
}

export function costOptions(row: ServiceRow): HsdsCostOption[] {
  const id = hsdsId('cost_option', row.id);
  if (row.price_model === 'free' || row.price_cents === null) {
    return [
      {
        id,
        service_id: row.id,
        option: 'Gratuito',
        currency: 'EUR',
        amount: 0,
        amount_description: 'Gratuito',
      },
    ];
  }
  const amount = Number(row.price_cents) / 100;
  const { option, unit } = PRICE_UNIT[row.price_model];
  return [
    {
      id,
      service_id: row.id,
      option,
      currency: 'EUR',
      amount,
      amount_description: `${euro.format(amount)}${unit}`,
    },
  ];
}

export function serviceAreas(row: ServiceRow, comuni: Map<string, ComuneRow>): HsdsServiceArea[] {
  return row.comune_ids.flatMap((id) => {
    const comune = comuni.get(id);
    return comune
      ? [
          {
            id: hsdsId('service_area', row.id, id),
            service_id: row.id,
            name: comune.name,
            description: `Comune di ${comune.name} (${comune.province})`,
          },
        ]
      : [];
  });
}

/** The category, themes and target groups of a service, each a link to a taxonomy term. */
export function attributes(row: ServiceRow, terms: Map<string, TermRow>, base: string): HsdsAttribute[] {
  const links: [string, string][] = [
    [row.category_id, 'category'],
    ...row.theme_ids.map((id): [string, string] => [id, 'theme']),
    ...row.target_group_ids.map((id): [string, string] => [id, 'target_group']),
  ];
  return links.flatMap(([termId, linkType]) => {
    const term = terms.get(termId);
    return term
      ? [
          {
            id: hsdsId('attribute', row.id, termId),
            link_id: row.id,
            link_entity: 'service',
            link_type: linkType,
            taxonomy_term_id: termId,
            taxonomy_term: taxonomyTerm(term, base),
          },
        ]
      : [];
  });
}

export function servicePhones(row: ServiceRow, org: OrganisationRow): HsdsPhone[] {
  return phone(org.phone, { service_id: row.id });
}
