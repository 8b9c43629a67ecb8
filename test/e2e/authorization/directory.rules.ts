import { taxonomyId } from '@piazza/reporting';
import { DataSource } from 'typeorm';
import type { RuleSet } from './rule';

/** The public directory and the HSDS export: everyone, signed in or not, gets the same answer. */
export const ruleSet: RuleSet = {
  async setup(app, fixture) {
    const db = app.get(DataSource);
    const [org] = await db.query(
      `SELECT o.id, o.slug, o.comune_id FROM organisation o
        WHERE o.accreditation_status = 'accredited' AND o.kind <> 'shop' ORDER BY o.slug LIMIT 1`,
    );
    fixture.directoryOrgSlug = org.slug;
    // A logo and a published event of that organisation, so their routes have something to serve.
    await db.query(
      `INSERT INTO organisation_logo (organisation_id, content_type, image, width, height)
       VALUES ($1, 'image/png', $2, 1, 1) ON CONFLICT DO NOTHING`,
      [org.id, Buffer.from('89504e470d0a1a0a', 'hex')],
    );
    await db.query(
      `INSERT INTO event (slug, organisation_id, title, starts_at, ends_at, venue, address, comune_id, status, published_at)
       VALUES ('evento-regole-accesso', $1, 'Evento di prova', now() + interval '3 days',
               now() + interval '3 days 2 hours', 'Sala civica', 'Via Roma 1', $2, 'published', now())
       ON CONFLICT (slug) DO NOTHING`,
      [org.id, org.comune_id],
    );
    const [socialPoint] = await db.query(`SELECT slug FROM social_point ORDER BY slug LIMIT 1`);
    fixture.socialPointSlug = socialPoint.slug;
    const [service] = await db.query(
      `SELECT s.id, s.organisation_id, s.category_id FROM service_offer s
         JOIN organisation o ON o.id = s.organisation_id AND o.accreditation_status = 'accredited'
        WHERE s.status = 'published' ORDER BY s.slug LIMIT 1`,
    );
    fixture.hsdsServiceId = service.id;
    fixture.hsdsOrganizationId = service.organisation_id;
    fixture.hsdsTermId = service.category_id;
    const sal = await app.inject({ method: 'GET', url: '/api/hsds/service_at_locations?per_page=1' });
    fixture.hsdsServiceAtLocationId = sal.json<{ contents: { id: string }[] }>().contents[0].id;
  },
  rules: {
    'GET /api/catalogue/organisations': {
      request: () => ({ path: '/api/catalogue/organisations' }),
      expect: { all: 200 },
    },
    'GET /api/catalogue/organisations/{slug}': {
      request: (f) => ({ path: `/api/catalogue/organisations/${f.directoryOrgSlug}` }),
      expect: { all: 200 },
    },
    'GET /api/catalogue/organisations/{slug}/logo': {
      request: (f) => ({ path: `/api/catalogue/organisations/${f.directoryOrgSlug}/logo` }),
      expect: { all: 200 },
    },
    'GET /api/catalogue/organisations/{slug}/events.ics': {
      request: (f) => ({ path: `/api/catalogue/organisations/${f.directoryOrgSlug}/events.ics` }),
      expect: { all: 200 },
    },
    'GET /api/catalogue/social-points': {
      request: () => ({ path: '/api/catalogue/social-points' }),
      expect: { all: 200 },
    },
    'GET /api/catalogue/social-points/{slug}': {
      request: (f) => ({ path: `/api/catalogue/social-points/${f.socialPointSlug}` }),
      expect: { all: 200 },
    },
    'GET /api/events': { request: () => ({ path: '/api/events' }), expect: { all: 200 } },
    'GET /api/events.ics': { request: () => ({ path: '/api/events.ics' }), expect: { all: 200 } },
    'GET /api/events/{slug}': {
      request: () => ({ path: '/api/events/evento-regole-accesso' }),
      expect: { all: 200 },
    },
    'GET /api/events/{slug}/calendar.ics': {
      request: () => ({ path: '/api/events/evento-regole-accesso/calendar.ics' }),
      expect: { all: 200 },
    },
    'GET /api/hsds': { request: () => ({ path: '/api/hsds' }), expect: { all: 200 } },
    'GET /api/hsds/services': { request: () => ({ path: '/api/hsds/services' }), expect: { all: 200 } },
    'GET /api/hsds/services/{id}': {
      request: (f) => ({ path: `/api/hsds/services/${f.hsdsServiceId}` }),
      expect: { all: 200 },
    },
    'GET /api/hsds/organizations': {
      request: () => ({ path: '/api/hsds/organizations' }),
      expect: { all: 200 },
    },
    'GET /api/hsds/organizations/{id}': {
      request: (f) => ({ path: `/api/hsds/organizations/${f.hsdsOrganizationId}` }),
      expect: { all: 200 },
    },
    'GET /api/hsds/taxonomies': { request: () => ({ path: '/api/hsds/taxonomies' }), expect: { all: 200 } },
    'GET /api/hsds/taxonomies/{id}': {
      request: () => ({ path: `/api/hsds/taxonomies/${taxonomyId('categories')}` }),
      expect: { all: 200 },
    },
    'GET /api/hsds/taxonomy_terms': {
      request: () => ({ path: '/api/hsds/taxonomy_terms' }),
      expect: { all: 200 },
    },
    'GET /api/hsds/taxonomy_terms/{id}': {
      request: (f) => ({ path: `/api/hsds/taxonomy_terms/${f.hsdsTermId}` }),
      expect: { all: 200 },
    },
    'GET /api/hsds/service_at_locations': {
      request: () => ({ path: '/api/hsds/service_at_locations' }),
      expect: { all: 200 },
    },
    'GET /api/hsds/service_at_locations/{id}': {
      request: (f) => ({ path: `/api/hsds/service_at_locations/${f.hsdsServiceAtLocationId}` }),
      expect: { all: 200 },
    },
  },
};
