import { fiscalCodeCheckChar } from '@piazza/identity';
import { DataSource } from 'typeorm';
import { givenDemoAmbito } from '../support/demo-ambito';
import { HttpClient, type Method } from '../support/http-client';
import { useTestApi } from '../support/test-api';
import { ruleSet as catalogueRules } from './authorization/catalogue.rules';
import { ruleSet as commerceRules } from './authorization/commerce.rules';
import { ruleSet as directoryRules } from './authorization/directory.rules';
import { ruleSet as merchantRules } from './authorization/merchant.rules';
import { ruleSet as providerRules } from './authorization/provider.rules';
import { ruleSet as voucherRules } from './authorization/vouchers.rules';
import type { Fixture, Rule, RuleSet, Who } from './authorization/rule';

const EVERYONE: Who[] = [
  'anonymous',
  'citizenA',
  'citizenB',
  'otherProvider',
  'merchant',
  'otherSocialWorker',
  'admin',
];

/** Rule sets of the areas added since identity, each in its own file under ./authorization. */
const RULE_SETS: RuleSet[] = [
  catalogueRules,
  directoryRules,
  providerRules,
  voucherRules,
  merchantRules,
  commerceRules,
];

/**
 * Every route of the API, and what each kind of caller gets. A route added without a line here makes the
 * first test fail: nobody forgets to decide who may call it.
 */
const IDENTITY_RULES: Record<string, Rule> = {
  'GET /api/health': { request: () => ({ path: '/api/health' }), expect: { all: 200 } },
  'GET /api/settings': { request: () => ({ path: '/api/settings' }), expect: { all: 200 } },
  'GET /api/auth/methods': { request: () => ({ path: '/api/auth/methods' }), expect: { all: 200 } },
  'GET /api/auth/session': { request: () => ({ path: '/api/auth/session' }), expect: { all: 200 } },
  'POST /api/auth/verify-email/resend': {
    request: () => ({ path: '/api/auth/verify-email/resend', body: { email: 'nobody@example.org' } }),
    expect: { all: 202 },
  },
  'GET /api/auth/me': {
    request: () => ({ path: '/api/auth/me' }),
    expect: { anonymous: 401, signedIn: 200 },
  },
  // Public routes answer everyone alike; an empty or made-up body shows the guard let the call through.
  'POST /api/auth/register': {
    request: () => ({ path: '/api/auth/register', body: {} }),
    expect: { all: 400 },
  },
  'POST /api/auth/verify-email': {
    request: () => ({ path: '/api/auth/verify-email', body: { token: 'made-up' } }),
    expect: { all: 410 },
  },
  'POST /api/auth/login': {
    request: () => ({
      path: '/api/auth/login',
      body: { email: 'nobody@example.org', password: 'wrong-password' },
    }),
    expect: { all: 401 },
  },
  'POST /api/auth/password-reset': {
    request: () => ({ path: '/api/auth/password-reset', body: { email: 'nobody@example.org' } }),
    expect: { all: 202 },
  },
  'POST /api/auth/password-reset/confirm': {
    request: () => ({
      path: '/api/auth/password-reset/confirm',
      body: { token: 'made-up', password: 'long-enough-password' },
    }),
    expect: { all: 410 },
  },
  // SPID/CIE is not configured in this test: both send everyone back to the sign-in page with an error
  // (test/e2e/oidc.e2e-spec.ts covers the configured flow).
  'GET /api/auth/oidc/start': { request: () => ({ path: '/api/auth/oidc/start' }), expect: { all: 302 } },
  'GET /api/auth/oidc/callback': {
    request: () => ({ path: '/api/auth/oidc/callback?code=x&state=y' }),
    expect: { all: 302 },
  },
  'POST /api/auth/first-access': {
    request: () => ({
      path: '/api/auth/first-access',
      body: { username: 'nessuno.x.123', code: 'AAAA-BBBB-CCCC', password: 'long-enough-password' },
    }),
    expect: { all: 410 },
  },
  'GET /api/account/export': {
    request: () => ({ path: '/api/account/export' }),
    expect: { anonymous: 401, signedIn: 200 },
  },
  // An empty body: the guard's decision shows, and nobody is actually deleted.
  'POST /api/account/deletion': {
    request: () => ({ path: '/api/account/deletion', body: {} }),
    expect: { anonymous: 401, signedIn: 400 },
  },
  'POST /api/social/households': {
    request: () => ({ path: '/api/social/households', body: {} }),
    expect: { anonymous: 401, signedIn: 403, otherSocialWorker: 400 },
  },
  'POST /api/social/households/{id}/members': {
    request: (f) => ({
      path: `/api/social/households/${f.householdB}/members`,
      body: {
        firstName: 'Ada',
        lastName: 'Bianchi',
        fiscalCode: 'BNCDAA20A41C343X',
        dateOfBirth: '2020-01-01',
        relation: 'child',
      },
    }),
    expect: { anonymous: 401, signedIn: 403, otherSocialWorker: 404 },
  },
  'POST /api/social/households/{id}/access-letter': {
    request: (f) => ({ path: `/api/social/households/${f.householdB}/access-letter` }),
    expect: { anonymous: 401, signedIn: 403, otherSocialWorker: 404 },
  },
  'GET /api/household': {
    request: () => ({ path: '/api/household' }),
    expect: {
      anonymous: 401,
      citizenA: 200,
      citizenB: 200,
      otherProvider: 403,
      merchant: 403,
      otherSocialWorker: 403,
      admin: 403,
    },
  },
  'POST /api/household/members': {
    request: () => ({ path: '/api/household/members', body: {} }),
    expect: {
      anonymous: 401,
      citizenA: 400,
      citizenB: 400,
      otherProvider: 403,
      merchant: 403,
      otherSocialWorker: 403,
      admin: 403,
    },
  },
  'POST /api/organisations': {
    request: () => ({ path: '/api/organisations', body: {} }),
    expect: { all: 400 },
  },
  'GET /api/organisations/mine': {
    request: () => ({ path: '/api/organisations/mine' }),
    expect: { anonymous: 401, signedIn: 200 },
  },
  'GET /api/organisations/{id}/members': {
    request: (f) => ({ path: `/api/organisations/${f.orgId}/members` }),
    expect: { anonymous: 401, signedIn: 404 },
  },
  'POST /api/organisations/{id}/invitations': {
    request: (f) => ({
      path: `/api/organisations/${f.orgId}/invitations`,
      body: { email: 'x@example.org', role: 'staff' },
    }),
    expect: { anonymous: 401, signedIn: 404 },
  },
  'POST /api/organisations/invitations/accept': {
    request: () => ({ path: '/api/organisations/invitations/accept', body: { token: 'made-up' } }),
    expect: { all: 410 },
  },
  'GET /api/admin/organisations': {
    request: () => ({ path: '/api/admin/organisations' }),
    expect: { anonymous: 401, signedIn: 403, admin: 200 },
  },
  'POST /api/admin/organisations/{id}/accreditation': {
    request: (f) => ({
      path: `/api/admin/organisations/${f.orgId}/accreditation`,
      body: { decision: 'accredited' },
    }),
    expect: { anonymous: 401, signedIn: 403, admin: 200 },
  },
  'GET /api/social/households': {
    request: () => ({ path: '/api/social/households' }),
    expect: { anonymous: 401, signedIn: 403, otherSocialWorker: 200 },
  },
  'GET /api/social/households/{id}': {
    request: (f) => ({ path: `/api/social/households/${f.householdB}` }),
    expect: { anonymous: 401, signedIn: 403, otherSocialWorker: 404 },
  },
  'POST /api/auth/logout': {
    request: () => ({ path: '/api/auth/logout' }),
    expect: { all: 204 },
    last: 2,
  },
  'POST /api/auth/logout-all': {
    request: () => ({ path: '/api/auth/logout-all' }),
    expect: { anonymous: 401, signedIn: 204 },
    last: 1,
  },
};

const MATRIX: Record<string, Rule> = Object.assign({}, IDENTITY_RULES, ...RULE_SETS.map((set) => set.rules));

function expected(rule: Rule, who: Who): number {
  const e = rule.expect;
  return e[who] ?? (who !== 'anonymous' ? e.signedIn : undefined) ?? e.all ?? NaN;
}

describe('Authorization: every route, every kind of caller', () => {
  const api = useTestApi();
  const clients = {} as Record<Who, HttpClient>;
  const fixture = {} as Fixture;

  beforeAll(async () => {
    await givenDemoAmbito(api.app);
    const db = api.app.get(DataSource);
    // Citizen B lives in Castelseprio, which the demo social worker (Tradate, Venegono Superiore) does not serve.
    const b = new HttpClient(api.app);
    const code = 'BNCLRA90A41C343';
    const registered = await b.post('/api/auth/register', {
      email: 'cittadina.b@example.org',
      password: 'password-di-b-123',
      firstName: 'Lara',
      lastName: 'Bianchi',
      fiscalCode: code + fiscalCodeCheckChar(code),
      dateOfBirth: '1990-01-01',
      comune: 'castelseprio',
      privacyAccepted: true,
    });
    expect(registered.status).toBe(201);
    await db.query(
      `UPDATE user_account SET email_verified_at = now() WHERE email = 'cittadina.b@example.org'`,
    );
    const [household] = await db.query(
      `SELECT h.id FROM household h JOIN user_account u ON u.id = h.owner_user_id WHERE u.email = 'cittadina.b@example.org'`,
    );
    fixture.householdB = household.id;
    // The demo provider belongs to the first cooperative; this one is another organisation.
    const [org] = await db.query(
      `SELECT o.id FROM organisation o WHERE o.kind = 'cooperative'
          AND NOT EXISTS (SELECT 1 FROM organisation_member m WHERE m.organisation_id = o.id) ORDER BY o.slug LIMIT 1`,
    );
    fixture.orgId = org.id;

    for (const set of RULE_SETS) await set.setup?.(api.app, fixture);

    clients.anonymous = new HttpClient(api.app);
    clients.citizenA = await HttpClient.signedIn(api.app, 'famiglia@demo.piazza.example');
    clients.citizenB = await HttpClient.signedIn(api.app, 'cittadina.b@example.org', 'password-di-b-123');
    clients.otherProvider = await HttpClient.signedIn(api.app, 'cooperativa@demo.piazza.example');
    clients.merchant = await HttpClient.signedIn(api.app, 'negozio@demo.piazza.example');
    clients.otherSocialWorker = await HttpClient.signedIn(api.app, 'assistente.sociale@demo.piazza.example');
    clients.admin = await HttpClient.signedIn(api.app, 'ufficio.piano@demo.piazza.example');
  });

  it('has a rule for every route the API publishes, and no rule for a route that does not exist', async () => {
    const doc = (await clients.anonymous.get('/api/docs-json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(routes.filter((r) => !(r in MATRIX)).sort()).toEqual([]);
    expect(Object.keys(MATRIX).filter((r) => !routes.includes(r))).toEqual([]);
  });

  const ordered = Object.entries(MATRIX).sort(
    ([, a], [, b]) => Number(a.last ?? false) - Number(b.last ?? false),
  );
  it.each(ordered)('%s', async (route, rule) => {
    const method = route.split(' ')[0] as Method;
    const { path, body, headers } = rule.request(fixture);
    const got: Record<string, number> = {};
    const want: Record<string, number> = {};
    for (const who of EVERYONE) {
      // A fresh key per caller: a money route answers a replayed key with the first caller's answer.
      const withKey = headers && {
        ...headers,
        ...(headers['idempotency-key'] && { 'idempotency-key': `${headers['idempotency-key']}-${who}` }),
      };
      const res = await clients[who].send(method, path, body, { headers: withKey });
      got[who] = res.status;
      want[who] = expected(rule, who);
      expect(res.status).not.toBe(500);
    }
    expect(got).toEqual(want);
  });
});
