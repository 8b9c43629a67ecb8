import { fiscalCodeCheckChar } from '@piazza/identity';
import { DataSource } from 'typeorm';
import { givenDemoAmbito } from '../support/demo-ambito';
import { FetchBrowser, formIn, locationOf } from '../support/fetch-browser';
import { HttpClient } from '../support/http-client';
import { useListeningTestApi } from '../support/listening-test-api';
import { freePort } from '../support/redis-server';
import { createTestApi } from '../support/test-api';
import { TestIdentityProvider } from '../support/test-identity-provider';

const withCheck = (first15: string) => first15 + fiscalCodeCheckChar(first15);
const MARIO = withCheck('RSSMRA80A01L319');
const ANNA = withCheck('PRVNNA80A41L319');
const LUIGI = withCheck('VRDLGU75C12L319');

describe('Entra con SPID/CIE: OpenID Connect, authorization code with PKCE', () => {
  let idp: TestIdentityProvider;
  const api = useListeningTestApi(async (url) => {
    idp = await TestIdentityProvider.start({
      clientId: 'piazza-test',
      clientSecret: 'un-segreto-di-prova',
      redirectUri: `${url}/api/auth/oidc/callback`,
    });
    // What a SPID gateway releases: names, e-mail, and the fiscal code as an ETSI identifier.
    idp.people.set('mario', {
      given_name: 'Mario',
      family_name: 'Rossi',
      email: 'Mario.Rossi@example.org',
      fiscal_number: `TINIT-${MARIO}`,
    });
    idp.people.set('anna', {
      given_name: 'Anna',
      family_name: 'Prova',
      email: 'anna.prova@example.org',
      fiscal_number: `TINIT-${ANNA}`,
    });
    idp.people.set('luigi', {
      given_name: 'Luigi',
      family_name: 'Verdi',
      email: 'famiglia@demo.piazza.example', // already the demo family's address
      fiscal_number: `TINIT-${LUIGI}`,
    });
    idp.people.set('senza-codice', { given_name: 'Senza', family_name: 'Codice' });
    return {
      OIDC_ISSUER_URL: idp.issuer,
      OIDC_CLIENT_ID: 'piazza-test',
      OIDC_CLIENT_SECRET: 'un-segreto-di-prova',
    };
  });
  let marioId: string;
  let marioCallback: URL;

  beforeAll(() => givenDemoAmbito(api.app));
  afterAll(() => idp?.close());

  it('offers SPID/CIE on the sign-in page only when a provider is configured', async () => {
    expect(await json(new FetchBrowser(), '/api/auth/methods')).toEqual({
      status: 200,
      body: { password: true, spid: true },
    });
    const without = await createTestApi(api.env.with({ OIDC_ISSUER_URL: '', OIDC_CLIENT_ID: '' }));
    try {
      const res = await without.inject({ method: 'GET', url: '/api/auth/methods' });
      expect(res.json()).toEqual({ password: true, spid: false });
    } finally {
      await without.close();
    }
  });

  it('creates a citizen linked by fiscal code on the first sign-in, and brings them back to their page', async () => {
    const browser = new FetchBrowser();
    const { landedAt, callback, callbackUrl } = await signInWithSpid(browser, 'mario', {
      ritorno: '/servizi?categoria=anziani',
    });
    expect(landedAt).toBe('/servizi?categoria=anziani');
    const sessionCookie = callback.headers.getSetCookie().find((c) => c.startsWith('pz_session='));
    expect(sessionCookie).toMatch(/HttpOnly/i);
    expect(sessionCookie).toMatch(/SameSite=Lax/i);

    const me = await json(browser, '/api/auth/me');
    expect(me).toMatchObject({
      status: 200,
      body: {
        displayName: 'Mario Rossi',
        email: 'mario.rossi@example.org',
        roles: ['citizen'],
        emailVerified: true,
        household: null,
      },
    });
    marioId = me.body.id;
    marioCallback = callbackUrl;
    const [row] = await db().query(`SELECT fiscal_code, password_hash FROM user_account WHERE id = $1`, [
      marioId,
    ]);
    expect(row).toEqual({ fiscal_code: MARIO, password_hash: null });
  });

  it('finds the same account on the next sign-ins, from the same browser or another', async () => {
    const laptop = new FetchBrowser();
    expect((await signInWithSpid(laptop, 'mario')).landedAt).toBe('/profilo');
    // The provider remembers the person now: no sign-in page the second time.
    expect((await signInWithSpid(laptop, 'mario')).pagesAtProvider).toBe(0);
    const phone = new FetchBrowser();
    await signInWithSpid(phone, 'mario');
    for (const browser of [laptop, phone]) {
      expect((await json(browser, '/api/auth/me')).body.id).toBe(marioId);
    }
    const [{ n }] = await db().query(`SELECT count(*)::int AS n FROM user_account WHERE fiscal_code = $1`, [
      MARIO,
    ]);
    expect(n).toBe(1);
  });

  it('links a citizen who registered with a password and the same fiscal code, and confirms their e-mail', async () => {
    const form = new HttpClient(api.app);
    const registered = await form.post('/api/auth/register', {
      email: 'anna.prova@example.org',
      password: 'una-password-lunga',
      firstName: 'Anna',
      lastName: 'Prova',
      fiscalCode: ANNA,
      dateOfBirth: '1980-01-01',
      comune: 'tradate',
      privacyAccepted: true,
    });
    expect(registered.status).toBe(201);
    const login = { email: 'anna.prova@example.org', password: 'una-password-lunga' };
    expect((await form.post('/api/auth/login', login)).body.code).toBe('EMAIL_NOT_VERIFIED');

    const browser = new FetchBrowser();
    await signInWithSpid(browser, 'anna');
    const me = await json(browser, '/api/auth/me');
    expect(me.body).toMatchObject({
      email: 'anna.prova@example.org',
      emailVerified: true,
      household: { comune: { slug: 'tradate' }, members: [{ firstName: 'Anna', relation: 'self' }] },
    });
    const rows = await db().query(`SELECT id FROM user_account WHERE fiscal_code = $1`, [ANNA]);
    expect(rows).toEqual([{ id: me.body.id }]);
    // The provider vouched for the address, so her password works from now on too.
    expect((await new HttpClient(api.app).post('/api/auth/login', login)).status).toBe(200);
  });

  it('does not give a new account an e-mail address that another account already uses', async () => {
    const browser = new FetchBrowser();
    await signInWithSpid(browser, 'luigi');
    expect((await json(browser, '/api/auth/me')).body).toMatchObject({
      displayName: 'Luigi Verdi',
      email: null,
      emailVerified: false,
      roles: ['citizen'],
    });
  });

  it('sends a tampered answer back to the sign-in page, with no session', async () => {
    const browser = new FetchBrowser();
    const { landedAt } = await signInWithSpid(browser, 'mario', {
      ritorno: '/profilo',
      alterCallback: (url) => {
        url.searchParams.set('state', 'stato-manomesso');
        return url;
      },
    });
    expect(landedAt).toBe('/accedi?errore=spid');
    expect(browser.cookie('pz_session')).toBeUndefined();
    expect((await json(browser, '/api/auth/me')).status).toBe(401);
  });

  it('accepts an answer only once, and only in the browser that asked for it', async () => {
    const replay = await new FetchBrowser().get(marioCallback);
    expect([replay.status, replay.headers.get('location')]).toEqual([302, '/accedi?errore=spid']);
    expect(replay.headers.getSetCookie().some((c) => c.startsWith('pz_session='))).toBe(false);

    const stolen = await signInWithSpid(new FetchBrowser(), 'mario', { stopAtCallback: true });
    const elsewhere = new FetchBrowser();
    const res = await elsewhere.get(stolen.callbackUrl);
    expect(res.headers.get('location')).toBe('/accedi?errore=spid');
    expect(elsewhere.cookie('pz_session')).toBeUndefined();
  });

  it('takes the person back to the sign-in page when they cancel at the provider', async () => {
    const browser = new FetchBrowser();
    const { landedAt, callbackUrl } = await signInWithSpid(browser, 'mario', { cancel: true });
    expect(callbackUrl.searchParams.get('error')).toBe('access_denied');
    expect(landedAt).toBe('/accedi?errore=spid');
    expect((await json(browser, '/api/auth/me')).status).toBe(401);
  });

  it('refuses an identity without a fiscal code, creating nothing', async () => {
    const browser = new FetchBrowser();
    expect((await signInWithSpid(browser, 'senza-codice')).landedAt).toBe('/accedi?errore=spid');
    const [{ n }] = await db().query(`SELECT count(*)::int AS n FROM user_account WHERE display_name = $1`, [
      'Senza Codice',
    ]);
    expect(n).toBe(0);
  });

  it('returns only to a path of this site', async () => {
    const browser = new FetchBrowser();
    expect((await signInWithSpid(browser, 'mario', { ritorno: '//evil.example/x' })).landedAt).toBe(
      '/profilo',
    );
    expect((await signInWithSpid(browser, 'mario', { ritorno: 'https://evil.example/' })).landedAt).toBe(
      '/profilo',
    );
  });

  it('records every SPID sign-in, and the accounts it created, in the audit log', async () => {
    const rows = await db().query(
      `SELECT action, details->>'method' AS method, count(*)::int AS n FROM audit_event
        WHERE subject_id = $1 GROUP BY action, method ORDER BY action`,
      [marioId],
    );
    // Only the sign-ins that succeeded: the first, three more, and two with foreign return paths.
    expect(rows).toEqual([
      { action: 'login', method: 'spid', n: 6 },
      { action: 'register', method: 'spid', n: 1 },
    ]);
  });

  it('answers 503 when the provider cannot be reached, and sends a browser back to the sign-in page', async () => {
    const down = await createTestApi(
      api.env.with({ OIDC_ISSUER_URL: `http://127.0.0.1:${await freePort()}` }),
    );
    try {
      const asked = await down.inject({
        method: 'GET',
        url: '/api/auth/oidc/start',
        headers: { accept: 'application/json' },
      });
      expect(asked.statusCode).toBe(503);
      expect(asked.json()).toMatchObject({
        code: 'SPID_UNAVAILABLE',
        message: {
          it: expect.stringContaining('non risponde'),
          en: expect.stringContaining('not answering'),
        },
      });
      const navigated = await down.inject({
        method: 'GET',
        url: '/api/auth/oidc/start',
        headers: { accept: 'text/html' },
      });
      expect([navigated.statusCode, navigated.headers.location]).toEqual([302, '/accedi?errore=spid']);
    } finally {
      await down.close();
    }
  });

  function db(): DataSource {
    return api.app.get(DataSource);
  }

  async function json(browser: FetchBrowser, path: string) {
    const res = await browser.get(`${api.url}${path}`);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as HttpClient: bodies are checked by shape
    return { status: res.status, body: (await res.json()) as any };
  }

  /**
   * What a person does in a browser: "Entra con SPID/CIE" on our site, the provider's sign-in page
   * (any password) and consent page, and back to our callback. `login` is the person at the provider.
   */
  async function signInWithSpid(
    browser: FetchBrowser,
    login: string,
    options: {
      ritorno?: string;
      cancel?: boolean;
      stopAtCallback?: boolean;
      alterCallback?: (url: URL) => URL;
    } = {},
  ) {
    const query = options.ritorno ? `?ritorno=${encodeURIComponent(options.ritorno)}` : '';
    const start = await browser.get(`${api.url}/api/auth/oidc/start${query}`);
    expect(start.status).toBe(302);
    let location = locationOf(start, api.url)!;
    expect(location.origin).toBe(idp.issuer);
    let pagesAtProvider = 0;
    for (let hop = 0; location.origin === idp.issuer; hop++) {
      if (hop > 20) throw new Error(`The provider keeps redirecting: ${location.href}`);
      const res = await browser.get(location);
      const next = locationOf(res, location);
      if (next) {
        location = next;
        continue;
      }
      expect(res.status).toBe(200);
      pagesAtProvider++;
      const form = formIn(await res.text(), location);
      if (options.cancel && form.fields.prompt === 'login') {
        location = new URL(`${form.action.href}/abort`);
        continue;
      }
      const submitted = await browser.post(form.action, {
        ...form.fields,
        ...(form.fields.prompt === 'login' && { login, password: 'qualsiasi' }),
      });
      location = locationOf(submitted, form.action)!;
      expect(location).not.toBeNull();
    }
    const callbackUrl = new URL(location);
    expect(`${callbackUrl.origin}${callbackUrl.pathname}`).toBe(`${api.url}/api/auth/oidc/callback`);
    if (options.stopAtCallback) return { callbackUrl, pagesAtProvider, landedAt: null, callback: null! };
    const callback = await browser.get(options.alterCallback ? options.alterCallback(location) : location);
    expect(callback.status).toBe(302);
    return { callbackUrl, pagesAtProvider, landedAt: callback.headers.get('location'), callback };
  }
});
