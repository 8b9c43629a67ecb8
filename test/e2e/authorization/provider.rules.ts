import { DataSource } from 'typeorm';
import type { RuleSet } from './rule';

/**
 * The provider back-office and the admin's moderation and taxonomy.
 *
 * Provider routes are for the `provider` role only: admins get 403 there too (they moderate through the
 * admin routes, they do not edit an organisation's page). Routes of an organisation use the demo
 * provider's own organisation (`cortile-dei-ragazzi`), so the member gets through; changes to a place,
 * service, slot or event reached by its own id use rows of another organisation, so the same provider
 * gets 404 (test/e2e/provider.e2e-spec.ts covers the member's side of those).
 */
export const ruleSet: RuleSet = {
  setup: async (app, fixture) => {
    const db = app.get(DataSource);
    const [own] = await db.query(`SELECT id FROM organisation WHERE slug = 'cortile-dei-ragazzi'`);
    fixture.ownOrgId = own.id;
    fixture.ownService = await givenService(db, own.id, 'auth-own-service', 'draft');
    fixture.ownEvent = await givenEvent(db, own.id, 'auth-own-event-2031-05-10', 'draft');
    fixture.ownSlot = await givenSlot(db, fixture.ownService);

    const foreign = fixture.orgId;
    fixture.foreignPlace = await givenPlace(db, foreign);
    fixture.foreignService = await givenService(db, foreign, 'auth-foreign-service', 'draft');
    fixture.foreignSlot = await givenSlot(db, fixture.foreignService);
    fixture.foreignEvent = await givenEvent(db, foreign, 'auth-foreign-event-2031-05-10', 'published');
    fixture.pendingService = await givenService(db, foreign, 'auth-pending-service', 'pending_review');

    const [{ id: youcare }] = await db.query(`SELECT id FROM category WHERE slug = 'youcare'`);
    for (const [key, slug] of [
      ['category', 'auth-categoria'],
      ['categoryToDelete', 'auth-categoria-da-eliminare'],
    ]) {
      [{ id: fixture[key] }] = await db.query(
        `INSERT INTO category (slug, family, parent_id, name_it, name_en) VALUES ($1, 'youcare', $2, $1, $1)
         RETURNING id`,
        [slug, youcare],
      );
    }
    for (const [key, table, slug] of [
      ['theme', 'theme', 'auth-tema'],
      ['themeToDelete', 'theme', 'auth-tema-da-eliminare'],
      ['targetGroup', 'target_group', 'auth-gruppo'],
      ['targetGroupToDelete', 'target_group', 'auth-gruppo-da-eliminare'],
    ]) {
      [{ id: fixture[key] }] = await db.query(
        `INSERT INTO ${table} (slug, name_it, name_en) VALUES ($1, $1, $1) RETURNING id`,
        [slug],
      );
    }
  },
  rules: {
    'GET /api/provider/organisations/{orgId}/profile': {
      request: (f) => ({ path: `/api/provider/organisations/${f.ownOrgId}/profile` }),
      expect: providerOnly(200),
    },
    'PUT /api/provider/organisations/{orgId}/profile': {
      request: (f) => ({ path: `/api/provider/organisations/${f.ownOrgId}/profile`, body: PROFILE }),
      expect: providerOnly(200),
    },
    // No file: the member gets through to the check of the upload itself.
    'PUT /api/provider/organisations/{orgId}/logo': {
      request: (f) => ({ path: `/api/provider/organisations/${f.ownOrgId}/logo` }),
      expect: providerOnly(400),
    },
    'DELETE /api/provider/organisations/{orgId}/logo': {
      request: (f) => ({ path: `/api/provider/organisations/${f.ownOrgId}/logo` }),
      expect: providerOnly(204),
    },
    'GET /api/provider/organisations/{orgId}/places': {
      request: (f) => ({ path: `/api/provider/organisations/${f.ownOrgId}/places` }),
      expect: providerOnly(200),
    },
    'POST /api/provider/organisations/{orgId}/places': {
      request: (f) => ({ path: `/api/provider/organisations/${f.ownOrgId}/places`, body: PLACE }),
      expect: providerOnly(201),
    },
    'PUT /api/provider/places/{id}': {
      request: (f) => ({ path: `/api/provider/places/${f.foreignPlace}`, body: PLACE }),
      expect: providerOnly(404),
    },
    'DELETE /api/provider/places/{id}': {
      request: (f) => ({ path: `/api/provider/places/${f.foreignPlace}` }),
      expect: providerOnly(404),
    },
    'GET /api/provider/organisations/{orgId}/services': {
      request: (f) => ({ path: `/api/provider/organisations/${f.ownOrgId}/services` }),
      expect: providerOnly(200),
    },
    'POST /api/provider/organisations/{orgId}/services': {
      request: (f) => ({ path: `/api/provider/organisations/${f.ownOrgId}/services`, body: SERVICE }),
      expect: providerOnly(201),
    },
    'GET /api/provider/services/{id}': {
      request: (f) => ({ path: `/api/provider/services/${f.ownService}` }),
      expect: providerOnly(200),
    },
    'PUT /api/provider/services/{id}': {
      request: (f) => ({ path: `/api/provider/services/${f.foreignService}`, body: SERVICE }),
      expect: providerOnly(404),
    },
    'POST /api/provider/services/{id}/submit': {
      request: (f) => ({ path: `/api/provider/services/${f.foreignService}/submit` }),
      expect: providerOnly(404),
    },
    'POST /api/provider/services/{id}/archive': {
      request: (f) => ({ path: `/api/provider/services/${f.foreignService}/archive` }),
      expect: providerOnly(404),
    },
    'GET /api/provider/services/{id}/slots': {
      request: (f) => ({ path: `/api/provider/services/${f.ownService}/slots` }),
      expect: providerOnly(200),
    },
    'POST /api/provider/services/{id}/slots': {
      request: (f) => ({ path: `/api/provider/services/${f.foreignService}/slots`, body: SLOT }),
      expect: providerOnly(404),
    },
    'PUT /api/provider/slots/{id}': {
      request: (f) => ({ path: `/api/provider/slots/${f.foreignSlot}`, body: SLOT }),
      expect: providerOnly(404),
    },
    'DELETE /api/provider/slots/{id}': {
      request: (f) => ({ path: `/api/provider/slots/${f.foreignSlot}` }),
      expect: providerOnly(404),
    },
    'GET /api/provider/organisations/{orgId}/events': {
      request: (f) => ({ path: `/api/provider/organisations/${f.ownOrgId}/events` }),
      expect: providerOnly(200),
    },
    'POST /api/provider/organisations/{orgId}/events': {
      request: (f) => ({ path: `/api/provider/organisations/${f.ownOrgId}/events`, body: EVENT }),
      expect: providerOnly(201),
    },
    'GET /api/provider/events/{id}': {
      request: (f) => ({ path: `/api/provider/events/${f.ownEvent}` }),
      expect: providerOnly(200),
    },
    'PUT /api/provider/events/{id}': {
      request: (f) => ({ path: `/api/provider/events/${f.foreignEvent}`, body: EVENT }),
      expect: providerOnly(404),
    },
    'POST /api/provider/events/{id}/publish': {
      request: (f) => ({ path: `/api/provider/events/${f.foreignEvent}/publish` }),
      expect: providerOnly(404),
    },
    'POST /api/provider/events/{id}/cancel': {
      request: (f) => ({ path: `/api/provider/events/${f.foreignEvent}/cancel` }),
      expect: providerOnly(404),
    },

    'GET /api/admin/moderation/services': {
      request: () => ({ path: '/api/admin/moderation/services' }),
      expect: adminOnly(200),
    },
    'GET /api/admin/moderation/services/{id}': {
      request: (f) => ({ path: `/api/admin/moderation/services/${f.pendingService}` }),
      expect: adminOnly(200),
    },
    'POST /api/admin/moderation/services/{id}/decision': {
      request: (f) => ({
        path: `/api/admin/moderation/services/${f.pendingService}/decision`,
        body: { approve: false, note: 'Aggiungi gli orari' },
      }),
      expect: adminOnly(200),
    },
    'GET /api/admin/taxonomy': { request: () => ({ path: '/api/admin/taxonomy' }), expect: adminOnly(200) },
    'POST /api/admin/categories': {
      request: () => ({
        path: '/api/admin/categories',
        body: { ...CATEGORY, slug: 'auth-categoria-nuova' },
      }),
      expect: adminOnly(201),
    },
    'PUT /api/admin/categories/{id}': {
      request: (f) => ({ path: `/api/admin/categories/${f.category}`, body: CATEGORY }),
      expect: adminOnly(200),
    },
    'DELETE /api/admin/categories/{id}': {
      request: (f) => ({ path: `/api/admin/categories/${f.categoryToDelete}` }),
      expect: adminOnly(204),
    },
    'POST /api/admin/themes': {
      request: () => ({ path: '/api/admin/themes', body: { ...TERM, slug: 'auth-tema-nuovo' } }),
      expect: adminOnly(201),
    },
    'PUT /api/admin/themes/{id}': {
      request: (f) => ({ path: `/api/admin/themes/${f.theme}`, body: { ...TERM, slug: 'auth-tema' } }),
      expect: adminOnly(200),
    },
    'DELETE /api/admin/themes/{id}': {
      request: (f) => ({ path: `/api/admin/themes/${f.themeToDelete}` }),
      expect: adminOnly(204),
    },
    'POST /api/admin/target-groups': {
      request: () => ({ path: '/api/admin/target-groups', body: { ...GROUP, slug: 'auth-gruppo-nuovo' } }),
      expect: adminOnly(201),
    },
    'PUT /api/admin/target-groups/{id}': {
      request: (f) => ({
        path: `/api/admin/target-groups/${f.targetGroup}`,
        body: { ...GROUP, slug: 'auth-gruppo' },
      }),
      expect: adminOnly(200),
    },
    'DELETE /api/admin/target-groups/{id}': {
      request: (f) => ({ path: `/api/admin/target-groups/${f.targetGroupToDelete}` }),
      expect: adminOnly(204),
    },
    'GET /api/admin/social-points/{slug}/slots': {
      request: () => ({ path: '/api/admin/social-points/social-point-tradate/slots' }),
      expect: adminOnly(200),
    },
    'POST /api/admin/social-points/{slug}/slots': {
      request: () => ({
        path: '/api/admin/social-points/social-point-tradate/slots',
        body: { from: dayAfter(7), to: dayAfter(14), times: ['09:00'], minutes: 30, capacity: 1 },
      }),
      expect: adminOnly(201),
    },
  },
};

function providerOnly(status: number) {
  return { anonymous: 401, signedIn: 403, otherProvider: status };
}

function adminOnly(status: number) {
  return { anonymous: 401, signedIn: 403, admin: status };
}

function dayAfter(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

const future = (days: number, hour: number) =>
  new Date(Date.UTC(new Date().getUTCFullYear() + 1, 4, 10 + days, hour)).toISOString();

const PROFILE = {
  description: 'Doposcuola e spazi per ragazzi a Tradate.',
  history: '',
  email: 'info@cortiledeiragazzi.example',
  phone: '+39 0331 000000',
  website: 'https://cortile.example',
  pec: null,
  address: 'Via Manzoni 5, 21049 Tradate VA',
  comuneSlug: 'tradate',
  location: { lat: 45.7105, lng: 8.9077 },
  openingHours: [{ day: 1, opens: '14:00', closes: '18:00' }],
};

const PLACE = {
  name: 'Oratorio San Luigi',
  address: 'Via Roma 12, 21049 Tradate VA',
  comuneSlug: 'tradate',
  location: { lat: 45.711, lng: 8.908 },
  openingHours: [],
  accessibility: 'Ingresso senza gradini',
};

const SERVICE = {
  title: 'Laboratorio di fumetto',
  summary: 'Per ragazzi dagli 11 ai 14 anni',
  description: 'Un pomeriggio a settimana.',
  categorySlug: 'doposcuola',
  themeSlugs: [],
  targetGroupSlugs: [],
  comuneSlugs: ['tradate'],
  placeIds: [],
  priceModel: 'per_month',
  priceCents: 4000,
  voucherPayable: true,
  keywords: ['fumetto'],
  openingHours: [],
};

const SLOT = { startsAt: future(1, 15), endsAt: future(1, 17), capacity: 10, placeId: null, note: '' };

const EVENT = {
  title: 'Festa del cortile',
  summary: '',
  description: '',
  startsAt: future(2, 14),
  endsAt: future(2, 18),
  allDay: false,
  placeId: null,
  venue: 'Cortile della sede',
  address: 'Via Manzoni 5, 21049 Tradate VA',
  comuneSlug: 'tradate',
  location: null,
  priceCents: null,
  registrationUrl: null,
};

const CATEGORY = {
  family: 'youcare',
  parentSlug: 'youcare',
  slug: 'auth-categoria',
  nameIt: 'Categoria di prova',
  nameEn: 'Test category',
  descriptionIt: '',
  descriptionEn: '',
  position: 90,
};

const TERM = {
  nameIt: 'Tema di prova',
  nameEn: 'Test theme',
  descriptionIt: '',
  descriptionEn: '',
  position: 90,
};
const GROUP = { nameIt: 'Gruppo di prova', nameEn: 'Test group', position: 90 };

async function givenPlace(db: DataSource, organisationId: string): Promise<string> {
  const [{ id }] = await db.query(
    `INSERT INTO place (organisation_id, name, address, comune_id, location)
     SELECT $1, 'Sede di prova', 'Via Prova 1', c.id, c.location FROM comune c WHERE c.slug = 'tradate'
     RETURNING id`,
    [organisationId],
  );
  return id;
}

async function givenService(
  db: DataSource,
  organisationId: string,
  slug: string,
  status: 'draft' | 'pending_review',
): Promise<string> {
  const [{ id }] = await db.query(
    `INSERT INTO service_offer (slug, organisation_id, category_id, title, price_model, price_cents, status,
                                submitted_at)
     SELECT $1, $2, c.id, $1, 'fixed', 1500, $3, CASE WHEN $3 = 'pending_review' THEN now() END
       FROM category c WHERE c.slug = 'doposcuola'
     RETURNING id`,
    [slug, organisationId, status],
  );
  await db.query(
    `INSERT INTO service_offer_comune (service_offer_id, comune_id) SELECT $1, id FROM comune WHERE slug = 'tradate'`,
    [id],
  );
  return id;
}

async function givenSlot(db: DataSource, serviceId: string): Promise<string> {
  const [{ id }] = await db.query(
    `INSERT INTO service_slot (service_offer_id, starts_at, ends_at, capacity)
     VALUES ($1, now() + interval '10 days', now() + interval '10 days 2 hours', 5) RETURNING id`,
    [serviceId],
  );
  return id;
}

async function givenEvent(
  db: DataSource,
  organisationId: string,
  slug: string,
  status: 'draft' | 'published',
): Promise<string> {
  const [{ id }] = await db.query(
    `INSERT INTO event (slug, organisation_id, title, starts_at, ends_at, venue, address, comune_id, status,
                        published_at)
     SELECT $1, $2, $1, now() + interval '20 days', now() + interval '20 days 3 hours', 'Sala civica',
            'Piazza Mazzini 1', c.id, $3, CASE WHEN $3 = 'published' THEN now() END
       FROM comune c WHERE c.slug = 'tradate'
     RETURNING id`,
    [slug, organisationId, status],
  );
  return id;
}
