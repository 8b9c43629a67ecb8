import { Category, ServiceOffer, SocialPoint, TargetGroup, Theme } from '@piazza/catalogue';
import { AmbitoSettings, cents, Comune, geoPoint } from '@piazza/core';
import {
  fiscalCodeCheckChar,
  Household,
  HouseholdMember,
  Organisation,
  OrganisationMember,
  type PasswordService,
  UserAccount,
} from '@piazza/identity';
import type { DataSource, EntityManager, ObjectLiteral, EntityTarget } from 'typeorm';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts';
import { seedDemoVouchers } from './demo-vouchers-seed';
import { COMUNI, DEMO_AMBITO, FAMILIES, ORGANISATIONS, SERVICES, SOCIAL_POINTS } from './demo-ambito.data';
import type { SeedOrganisation, SeedService } from './demo-ambito.types';
import {
  completeEarlierRows,
  required,
  seedEvents,
  seedPlaces,
  seedServiceSlots,
  seedSocialPointSlots,
  tagServices,
  type SeedIds,
} from './demo-directory-seed';
import {
  ORGANISATION_PROFILES,
  PROVIDER_PROPOSALS,
  PUBLIC_BODIES,
  PUBLIC_SERVICES,
  TARGET_GROUPS,
  THEMES,
} from './demo-directory.data';

/** Every service of the demo: the third sector's, the public bodies' and the demo provider's proposals. */
const SEED_SERVICES: SeedService[] = [...SERVICES, ...PUBLIC_SERVICES, ...PROVIDER_PROPOSALS];

export interface SeedReport {
  created: Record<string, number>;
}

/**
 * Writes the demo Ambito: settings, Comuni, categories, themes and target groups, organisations and
 * public bodies with their places, Social Points, services, bookable slots, events and one account per
 * role. Idempotent: rows are matched by their natural key (slug, e-mail; organisation and name for
 * places; service and start for slots) and only missing ones are inserted, so it can run on every start
 * and later seeds can add to an existing database. Slots and events are dated from `now`, so a demo
 * seeded today always has the next weeks filled.
 */
export async function seedDemoAmbito(
  dataSource: DataSource,
  passwords: PasswordService,
  now = new Date(),
): Promise<SeedReport> {
  const passwordHash = await passwords.hash(DEMO_PASSWORD);
  const report = await dataSource.transaction(async (em) => {
    const created: Record<string, number> = {};
    const count = (what: string, n: number) => (created[what] = (created[what] ?? 0) + n);

    count(
      'settings',
      await insertMissing(em, AmbitoSettings, [
        {
          id: 1,
          name: DEMO_AMBITO.name,
          shortName: DEMO_AMBITO.shortName,
          tagline: DEMO_AMBITO.tagline,
          logoUrl: null,
          primaryColor: '#0066cc',
          contacts: DEMO_AMBITO.contacts,
        },
      ]),
    );

    count(
      'comuni',
      await insertMissing(
        em,
        Comune,
        COMUNI.map((c) => ({
          slug: c.slug,
          name: c.name,
          istatCode: c.istatCode,
          province: c.province,
          postalCode: c.postalCode,
          population: c.population,
          location: geoPoint(c.lat, c.lng),
        })),
      ),
    );
    const comuneId = await idsBySlug(em, Comune);

    // Families first (parents), then their subcategories.
    count(
      'categories',
      await insertMissing(
        em,
        Category,
        FAMILIES.map((f, i) => ({
          slug: f.slug,
          family: f.family,
          parentId: null,
          nameIt: f.name.it,
          nameEn: f.name.en,
          descriptionIt: f.description.it,
          descriptionEn: f.description.en,
          position: i,
        })),
      ),
    );
    const familyId = await idsBySlug(em, Category);
    count(
      'categories',
      await insertMissing(
        em,
        Category,
        FAMILIES.flatMap((f) =>
          f.subcategories.map((s, i) => ({
            slug: s.slug,
            family: f.family,
            parentId: familyId.get(f.slug),
            nameIt: s.name.it,
            nameEn: s.name.en,
            position: i,
          })),
        ),
      ),
    );
    const categoryId = await idsBySlug(em, Category);

    count(
      'themes',
      await insertMissing(
        em,
        Theme,
        THEMES.map((t, i) => ({
          slug: t.slug,
          nameIt: t.name.it,
          nameEn: t.name.en,
          descriptionIt: t.description.it,
          descriptionEn: t.description.en,
          position: i,
        })),
      ),
    );
    count(
      'targetGroups',
      await insertMissing(
        em,
        TargetGroup,
        TARGET_GROUPS.map((g, i) => ({ slug: g.slug, nameIt: g.name.it, nameEn: g.name.en, position: i })),
      ),
    );

    const accreditedAt = now;
    const organisationRow = (o: SeedOrganisation) => ({
      slug: o.slug,
      kind: o.kind,
      name: o.name,
      legalName: o.legalName,
      vatNumber: o.vatNumber,
      fiscalCode: o.fiscalCode,
      description: o.description,
      history: ORGANISATION_PROFILES[o.slug]?.history ?? '',
      pec: ORGANISATION_PROFILES[o.slug]?.pec ?? null,
      email: o.email,
      phone: o.phone,
      website: o.website,
      comuneId: required(comuneId, o.comune),
      address: o.address,
      location: geoPoint(o.lat, o.lng),
      openingHours: o.openingHours,
      shopCategory: o.shopCategory ?? null,
      accreditedAt,
      accreditationStatus: 'accredited' as const,
    });
    count('organisations', await insertMissing(em, Organisation, ORGANISATIONS.map(organisationRow)));
    count('publicBodies', await insertMissing(em, Organisation, PUBLIC_BODIES.map(organisationRow)));
    const organisationId = await idsBySlug(em, Organisation);

    count(
      'socialPoints',
      await insertMissing(
        em,
        SocialPoint,
        SOCIAL_POINTS.map((p) => ({
          slug: p.slug,
          name: p.name,
          comuneId: required(comuneId, p.comune),
          address: p.address,
          location: geoPoint(p.lat, p.lng),
          phone: p.phone,
          email: p.email,
          description: p.description,
          openingHours: p.openingHours,
          languages: p.languages,
          accessibility: p.accessibility,
        })),
      ),
    );
    const socialPointId = await idsBySlug(em, SocialPoint);

    const newServices = await insertMissing(
      em,
      ServiceOffer,
      SEED_SERVICES.map((s) => {
        const status = s.status ?? 'published';
        return {
          slug: s.slug,
          organisationId: required(organisationId, s.organisation),
          categoryId: required(categoryId, s.category),
          title: s.title,
          summary: s.summary,
          description: s.description,
          priceModel: s.priceModel,
          priceCents: s.priceCents === null ? null : cents(s.priceCents),
          voucherPayable: s.voucherPayable,
          status,
          keywords: s.keywords,
          openingHours: s.openingHours ?? [],
          // The map point (location) is the database's: the first place, else the organisation's address.
          publishedAt: status === 'published' ? now : null,
          firstApprovedAt: status === 'published' ? now : null,
          submittedAt:
            status === 'pending_review'
              ? new Date(now.getTime() - (s.submittedHoursAgo ?? 1) * 3_600_000)
              : null,
        };
      }),
    );
    count('services', newServices);
    const serviceId = await idsBySlug(em, ServiceOffer);
    await em.query(
      `INSERT INTO service_offer_comune (service_offer_id, comune_id)
       SELECT * FROM unnest($1::uuid[], $2::uuid[]) ON CONFLICT DO NOTHING`,
      SEED_SERVICES.flatMap((s) =>
        s.comuni.map((c) => [required(serviceId, s.slug), required(comuneId, c)]),
      ).reduce<[string[], string[]]>(
        ([a, b], [s, c]) => [
          [...a, s],
          [...b, c],
        ],
        [[], []],
      ),
    );
    const tags = await tagServices(em, SEED_SERVICES);
    count('serviceTags', tags.themes + tags.targetGroups);
    count('completedRows', await completeEarlierRows(em, SEED_SERVICES));

    const ids: SeedIds = {
      comune: comuneId,
      organisation: organisationId,
      service: serviceId,
      socialPoint: socialPointId,
    };
    const places = await seedPlaces(em, ids, SEED_SERVICES);
    count('places', places.places);
    count('servicePlaces', places.links);
    count('serviceSlots', await seedServiceSlots(em, ids, now, places.placeId));
    count('events', await seedEvents(em, ids, now, places.placeId));
    count('socialPointSlots', await seedSocialPointSlots(em, ids, now));

    for (const account of DEMO_ACCOUNTS) {
      const existing = await em.getRepository(UserAccount).findOne({ where: { email: account.email } });
      if (existing) continue;
      const self = account.household?.members.find((m) => m.relation === 'self');
      const user = await em.getRepository(UserAccount).save({
        email: account.email,
        fiscalCode: self ? self.fiscalCode15 + fiscalCodeCheckChar(self.fiscalCode15) : null,
        passwordHash,
        displayName: account.displayName,
        roles: [account.role],
        status: 'active' as const,
        emailVerifiedAt: now,
        comuni: (account.comuni ?? []).map((slug) => ({ id: required(comuneId, slug) }) as Comune),
      });
      if (account.household) {
        const household = await em.getRepository(Household).save({
          comuneId: required(comuneId, account.household.comune),
          ownerUserId: user.id,
          address: account.household.address,
        });
        await em.getRepository(HouseholdMember).insert(
          account.household.members.map(({ fiscalCode15, ...member }) => ({
            ...member,
            householdId: household.id,
            fiscalCode: fiscalCode15 + fiscalCodeCheckChar(fiscalCode15),
          })),
        );
      }
      if (account.organisationKind) {
        const organisation = ORGANISATIONS.find((o) => o.kind === account.organisationKind);
        if (organisation) {
          await em.getRepository(OrganisationMember).insert({
            organisationId: required(organisationId, organisation.slug),
            userId: user.id,
            role: 'owner',
          });
        }
      }
      count('accounts', 1);
    }
    return { created };
  });
  // Money needs the accounts above committed, and moves through the ledger in a transaction of its own.
  const vouchers = await seedDemoVouchers(
    dataSource,
    { PUBLIC_URL: process.env['PUBLIC_URL'], PORT: Number(process.env['PORT'] ?? 3000) },
    now,
  );
  return { created: { ...report.created, ...vouchers } };
}

/** Inserts the rows whose unique key is not there yet; returns how many were inserted. */
async function insertMissing<T extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<T>,
  rows: Partial<T>[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await em
    .createQueryBuilder()
    .insert()
    .into(entity)
    .values(rows as never)
    .orIgnore()
    .execute();
  // With ON CONFLICT DO NOTHING, PostgreSQL returns only the rows it inserted.
  return (result.raw as unknown[]).length;
}

async function idsBySlug(
  em: EntityManager,
  entity: EntityTarget<{ id: string; slug: string }>,
): Promise<Map<string, string>> {
  const rows = await em.getRepository(entity).find({ select: { id: true, slug: true } });
  return new Map(rows.map((r) => [r.slug, r.id]));
}
