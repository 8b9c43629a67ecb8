import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { fiscalCodeCheckChar } from '@piazza/identity';
import { DataSource } from 'typeorm';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { givenDemoAmbito } from '../support/demo-ambito';
import { HttpClient } from '../support/http-client';
import { linkIn, SmtpCapture } from '../support/smtp-capture';
import { useTestApi } from '../support/test-api';

const withCheck = (first15: string) => first15 + fiscalCodeCheckChar(first15);
/** The same code with the next letter as check character: what a typo in the last character gives. */
const wrongCheck = (first15: string) =>
  first15 + String.fromCharCode(((fiscalCodeCheckChar(first15).charCodeAt(0) - 65 + 1) % 26) + 65);

function registration(overrides: Record<string, unknown> = {}) {
  return {
    email: 'anna.prova@example.org',
    password: 'una-password-lunga',
    firstName: 'Anna',
    lastName: 'Prova',
    fiscalCode: withCheck('PRVNNA80A41L319'),
    dateOfBirth: '1980-01-01',
    comune: 'tradate',
    address: 'Via Mazzini 3',
    privacyAccepted: true,
    ...overrides,
  };
}

describe('Citizen accounts: registration, e-mail verification, sessions, household', () => {
  const api = useTestApi({ PUBLIC_URL: 'https://piazza.example' });
  let smtp: SmtpCapture;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    await givenDemoAmbito(api.app);
    smtp = await SmtpCapture.start();
    const moduleRef = await Test.createTestingModule({
      imports: [
        WorkerModule.forRoot(api.env.with({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://piazza.example' })),
      ],
    }).compile();
    worker = await moduleRef.init();
  });

  afterAll(async () => {
    await worker?.close();
    await smtp?.close();
  });

  it('refuses a fiscal code with a wrong check character, naming the field, and writes nothing', async () => {
    const anna = new HttpClient(api.app);
    const res = await anna.post(
      '/api/auth/register',
      registration({ fiscalCode: wrongCheck('PRVNNA80A41L319') }),
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'fiscalCode' });
    expect(res.body.message.it).toContain('carattere di controllo');
    const [{ n }] = await api.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM user_account WHERE email = $1`, ['anna.prova@example.org']);
    expect(n).toBe(0);
  });

  it('registers, e-mails a single-use link, and lets the citizen in only after it is opened', async () => {
    const anna = new HttpClient(api.app);
    const registered = await anna.post('/api/auth/register', registration());
    expect([registered.status, registered.body]).toEqual([201, { status: 'verification_sent' }]);

    const mail = await smtp.waitFor('anna.prova@example.org', (m) => m.text.includes('/accesso/verifica'));
    expect(mail.text).toContain('Ciao Anna Prova');
    const { url, token } = linkIn(mail, '/accesso/verifica');
    expect(url.startsWith('https://piazza.example/accesso/verifica?token=')).toBe(true);

    const early = await anna.post('/api/auth/login', {
      email: 'anna.prova@example.org',
      password: 'una-password-lunga',
    });
    expect(early.status).toBe(403);
    expect(early.body.code).toBe('EMAIL_NOT_VERIFIED');

    // Asking for the link again sends a second one; either opens the account.
    expect(
      (await anna.post('/api/auth/verify-email/resend', { email: 'anna.prova@example.org' })).status,
    ).toBe(202);
    await smtp.waitFor('anna.prova@example.org', (m) => m !== mail && m.text.includes('/accesso/verifica'));
    expect((await anna.get('/api/auth/session')).body).toEqual({ me: null });

    expect((await anna.post('/api/auth/verify-email', { token })).status).toBe(200);
    const again = await anna.post('/api/auth/verify-email', { token });
    expect(again.status).toBe(410);
    expect(again.body.code).toBe('TOKEN_INVALID');

    const login = await anna.post('/api/auth/login', {
      email: 'Anna.Prova@example.org ',
      password: 'una-password-lunga',
    });
    expect(login.status).toBe(200);
    const setCookie = ([] as string[])
      .concat(login.headers['set-cookie'] as string[])
      .find((c) => c.startsWith('pz_session='));
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect((await anna.get('/api/auth/session')).body.me).toMatchObject({ displayName: 'Anna Prova' });
    expect(login.body).toMatchObject({
      displayName: 'Anna Prova',
      roles: ['citizen'],
      emailVerified: true,
      household: { comune: { slug: 'tradate' }, members: [{ firstName: 'Anna', relation: 'self' }] },
    });
  });

  it('refuses a second account with the same e-mail or fiscal code', async () => {
    const other = new HttpClient(api.app);
    const sameEmail = await other.post(
      '/api/auth/register',
      registration({ fiscalCode: withCheck('PRVNNA80A42L319'), dateOfBirth: '1980-01-02' }),
    );
    expect(sameEmail.status).toBe(409);
    expect(sameEmail.body).toMatchObject({ code: 'EMAIL_TAKEN', field: 'email' });
    const sameCode = await other.post('/api/auth/register', registration({ email: 'altra@example.org' }));
    expect(sameCode.status).toBe(409);
    expect(sameCode.body).toMatchObject({ code: 'FISCAL_CODE_TAKEN', field: 'fiscalCode' });
  });

  it('adds a household member, only with the XSRF token the page holds', async () => {
    const anna = await HttpClient.signedIn(api.app, 'anna.prova@example.org', 'una-password-lunga');
    const child = {
      firstName: 'Marco',
      lastName: 'Prova',
      fiscalCode: withCheck('PRVMRC12C15L319'),
      dateOfBirth: '2012-03-15',
      relation: 'child',
    };
    const forged = await anna.post('/api/household/members', child, { csrf: false });
    expect(forged.status).toBe(403);
    expect(forged.body.code).toBe('CSRF_TOKEN_INVALID');

    const added = await anna.post('/api/household/members', child);
    expect(added.status).toBe(201);
    const household = await anna.get('/api/household');
    expect(household.body.members.map((m: { firstName: string }) => m.firstName)).toEqual(['Anna', 'Marco']);

    const twice = await anna.post('/api/household/members', child);
    expect(twice.status).toBe(409);
    const wrongBirth = await anna.post('/api/household/members', {
      ...child,
      fiscalCode: withCheck('PRVLRA12C55L319'),
      firstName: 'Lara',
      dateOfBirth: '2012-03-16',
    });
    expect(wrongBirth.status).toBe(400);
    expect(wrongBirth.body.field).toBe('fiscalCode');
  });

  it('shows each family only its own household', async () => {
    const demo = await HttpClient.signedIn(api.app, 'famiglia@demo.piazza.example', 'Piazza-demo-2026');
    const household = await demo.get('/api/household');
    expect(household.status).toBe(200);
    expect(household.body.members.map((m: { firstName: string }) => m.firstName)).toEqual([
      'Giulia',
      'Luca',
      'Sofia',
    ]);
    const merchant = await HttpClient.signedIn(api.app, 'negozio@demo.piazza.example', 'Piazza-demo-2026');
    expect((await merchant.get('/api/household')).status).toBe(403);
    expect((await new HttpClient(api.app).get('/api/household')).status).toBe(401);
  });

  it('signs out one browser, or all of them', async () => {
    const laptop = await HttpClient.signedIn(api.app, 'anna.prova@example.org', 'una-password-lunga');
    const phone = await HttpClient.signedIn(api.app, 'anna.prova@example.org', 'una-password-lunga');
    expect((await laptop.post('/api/auth/logout')).status).toBe(204);
    expect((await laptop.get('/api/auth/me')).status).toBe(401);
    expect((await phone.get('/api/auth/me')).status).toBe(200);

    const tablet = await HttpClient.signedIn(api.app, 'anna.prova@example.org', 'una-password-lunga');
    expect((await phone.post('/api/auth/logout-all')).status).toBe(204);
    expect((await tablet.get('/api/auth/me')).status).toBe(401);
    const me = await tablet.get('/api/auth/me');
    expect(me.body.code).toBe('UNAUTHENTICATED');
  });

  it('locks an account after repeated wrong passwords, never answering 500, and audits it', async () => {
    const attacker = new HttpClient(api.app);
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) {
      const res = await attacker.post('/api/auth/login', {
        email: 'famiglia@demo.piazza.example',
        password: `sbagliata-${i}`,
      });
      statuses.push(res.status);
      if (res.status === 429) expect(res.body.code).toBe('ACCOUNT_LOCKED');
    }
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    expect(statuses.slice(0, 9).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);

    // Even the right password is refused while the lock lasts.
    const owner = await new HttpClient(api.app).post('/api/auth/login', {
      email: 'famiglia@demo.piazza.example',
      password: 'Piazza-demo-2026',
    });
    expect(owner.status).toBe(429);
    expect(owner.body.message.it).toContain('bloccato');

    const audit = await api.app
      .get(DataSource)
      .query(
        `SELECT action, count(*)::int AS n FROM audit_event WHERE details->>'email' = $1 GROUP BY action ORDER BY action`,
        ['famiglia@demo.piazza.example'],
      );
    expect(audit).toEqual([
      { action: 'account_locked', n: 1 },
      { action: 'login_failed', n: 10 },
    ]);
  });

  it('resets a forgotten password by e-mail link, which also lifts the lock and ends old sessions', async () => {
    const someone = new HttpClient(api.app);
    expect(
      (await someone.post('/api/auth/password-reset', { email: 'famiglia@demo.piazza.example' })).status,
    ).toBe(202);
    // The same answer for an address nobody uses: nothing to learn about who is registered.
    expect((await someone.post('/api/auth/password-reset', { email: 'nessuno@example.org' })).status).toBe(
      202,
    );

    const mail = await smtp.waitFor('famiglia@demo.piazza.example', (m) =>
      m.text.includes('/accesso/nuova-password'),
    );
    const { token } = linkIn(mail, '/accesso/nuova-password');
    const short = await someone.post('/api/auth/password-reset/confirm', { token, password: 'corta' });
    expect(short.status).toBe(400);
    expect(short.body.field).toBe('password');
    expect(
      (
        await someone.post('/api/auth/password-reset/confirm', {
          token,
          password: 'una-nuova-password-sicura',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await someone.post('/api/auth/password-reset/confirm', {
          token,
          password: 'ancora-un-altra-password',
        })
      ).status,
    ).toBe(410);

    const family = await HttpClient.signedIn(
      api.app,
      'famiglia@demo.piazza.example',
      'una-nuova-password-sicura',
    );

    // Asking again and again sends at most three links an hour, and the answer never changes.
    for (let i = 0; i < 5; i++) {
      expect(
        (await someone.post('/api/auth/password-reset', { email: 'famiglia@demo.piazza.example' })).status,
      ).toBe(202);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const links = smtp.messages.filter(
      (m) => m.to.includes('famiglia@demo.piazza.example') && m.text.includes('/accesso/nuova-password'),
    );
    expect(links).toHaveLength(3);
    expect((await family.get('/api/auth/me')).body.displayName).toBe('Giulia Demo');
    expect(smtp.messages.some((m) => m.to.includes('nessuno@example.org'))).toBe(false);
  });
});
