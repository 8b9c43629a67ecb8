import { fiscalCodeCheckChar } from '@piazza/identity';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { givenDemoAmbito } from '../support/demo-ambito';
import { HttpClient } from '../support/http-client';
import { useTestApi } from '../support/test-api';

const withCheck = (first15: string) => first15 + fiscalCodeCheckChar(first15);

/** The text of a PDF as poppler reads it, the way a person sees the printed page. */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'piazza-pdf-'));
  try {
    writeFileSync(join(dir, 'letter.pdf'), pdf);
    return execFileSync('pdftotext', ['-layout', join(dir, 'letter.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('Assisted registration at a Social Point, and GDPR export and erasure', () => {
  const api = useTestApi();

  beforeAll(() => givenDemoAmbito(api.app));

  const head = {
    firstName: 'Rosa',
    lastName: 'Senzamail',
    fiscalCode: withCheck('SNZRSO50B41L319'),
    dateOfBirth: '1950-02-01',
  };

  it('lets a social worker register a household without e-mail, only in their own Comuni', async () => {
    const worker = await HttpClient.signedIn(api.app, 'assistente.sociale@demo.piazza.example');
    const elsewhere = await worker.post('/api/social/households', {
      comune: 'castelseprio',
      address: 'Via Roma 1',
      head,
    });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.field).toBe('comune');

    const res = await worker.post('/api/social/households', {
      comune: 'tradate',
      address: 'Via Manzoni 8, 21049 Tradate VA',
      head,
      members: [
        {
          firstName: 'Ugo',
          lastName: 'Senzamail',
          fiscalCode: withCheck('SNZGUO48C10L319'),
          dateOfBirth: '1948-03-10',
          relation: 'spouse',
        },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body.username).toMatch(/^rosa\.senzamail\.\d{3}$/);
    const typo = await worker.post('/api/social/households', {
      comune: 'tradate',
      address: 'Via Manzoni 8',
      head,
      members: [
        {
          firstName: 'Ugo',
          lastName: 'Senzamail',
          fiscalCode: withCheck('SNZGUO48C10L319'),
          dateOfBirth: '1948-03-11',
          relation: 'spouse',
        },
      ],
    });
    expect([typo.status, typo.body.field]).toEqual([400, 'members.0.fiscalCode']);
    const list = await worker.get('/api/social/households?q=senzamail');
    expect(list.body).toEqual([
      expect.objectContaining({
        head: 'Rosa Senzamail',
        members: 2,
        comune: { slug: 'tradate', name: 'Tradate' },
      }),
    ]);
  });

  it('prints a letter whose one-time code opens the account once, and a reprint replaces it', async () => {
    const worker = await HttpClient.signedIn(api.app, 'assistente.sociale@demo.piazza.example');
    const [household] = (await worker.get('/api/social/households?q=senzamail')).body;
    expect((await worker.get(`/api/social/households/${household.id}`)).body).toMatchObject({
      headHasEmail: false,
      accessLetter: true,
    });
    const first = await api.app.inject({
      method: 'POST',
      url: `/api/social/households/${household.id}/access-letter`,
      headers: {
        cookie: [...worker.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'x-xsrf-token': worker.cookies.get('XSRF-TOKEN')!,
      },
    });
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('application/pdf');
    const text = pdfText(first.rawPayload);
    expect(text).toContain('Rosa Senzamail');
    expect(text).toContain('Via Manzoni 8');
    expect(text).toContain('/accesso/primo-accesso');
    const username = /(rosa\.senzamail\.\d{3})/.exec(text)![1];
    const code = /([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})/.exec(text)![1];

    const reprint = await api.app.inject({
      method: 'POST',
      url: `/api/social/households/${household.id}/access-letter`,
      headers: {
        cookie: [...worker.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'x-xsrf-token': worker.cookies.get('XSRF-TOKEN')!,
      },
    });
    const newCode = /([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})/.exec(pdfText(reprint.rawPayload))![1];
    expect(newCode).not.toBe(code);

    const rosa = new HttpClient(api.app);
    const old = await rosa.post('/api/auth/first-access', {
      username,
      code,
      password: 'la-mia-password-nuova',
    });
    expect(old.status).toBe(410);
    const ok = await rosa.post('/api/auth/first-access', {
      username,
      code: newCode.toLowerCase(),
      password: 'la-mia-password-nuova',
    });
    expect(ok.status).toBe(200);
    expect(ok.body.household.members).toHaveLength(2);
    expect(
      (
        await rosa.post('/api/auth/first-access', {
          username,
          code: newCode,
          password: 'un-altra-password-x',
        })
      ).status,
    ).toBe(410);

    const again = await HttpClient.signedIn(api.app, username, 'la-mia-password-nuova');
    expect((await again.get('/api/auth/me')).body).toMatchObject({
      displayName: 'Rosa Senzamail',
      email: null,
    });
  });

  it('lets the social worker keep an assisted household up to date, but not one that manages itself', async () => {
    const worker = await HttpClient.signedIn(api.app, 'assistente.sociale@demo.piazza.example');
    const [rosa] = (await worker.get('/api/social/households?q=senzamail')).body;
    const grandchild = {
      firstName: 'Nina',
      lastName: 'Senzamail',
      fiscalCode: withCheck('SNZNNI15A41L319'),
      dateOfBirth: '2015-01-01',
      relation: 'other',
    };
    const added = await worker.post(`/api/social/households/${rosa.id}/members`, grandchild);
    expect(added.status).toBe(201);
    expect((await worker.get(`/api/social/households/${rosa.id}`)).body.members).toHaveLength(3);

    const [demo] = (await worker.get('/api/social/households?q=giulia')).body;
    const refused = await worker.post(`/api/social/households/${demo.id}/members`, {
      ...grandchild,
      fiscalCode: withCheck('SNZNNI15A42L319'),
      dateOfBirth: '2015-01-02',
    });
    expect([refused.status, refused.body.code]).toEqual([409, 'HOUSEHOLD_SELF_MANAGED']);
  });

  it('refuses a letter for a household of another Comune as if it did not exist', async () => {
    const db = api.app.get(DataSource);
    const [{ id }] = await db.query(
      `INSERT INTO household (comune_id, address) SELECT id, 'Via X' FROM comune WHERE slug = 'gornate-olona' RETURNING id`,
    );
    const worker = await HttpClient.signedIn(api.app, 'assistente.sociale@demo.piazza.example');
    expect((await worker.post(`/api/social/households/${id}/access-letter`)).status).toBe(404);
    expect((await worker.get(`/api/social/households/${id}`)).status).toBe(404);
  });

  it('gives a citizen all their data, then erases them while keeping the household as an anonymous holder', async () => {
    const family = await HttpClient.signedIn(api.app, 'famiglia@demo.piazza.example');
    // A failed attempt recorded the typed address in the audit log.
    await new HttpClient(api.app).post('/api/auth/login', {
      email: 'famiglia@demo.piazza.example',
      password: 'sbagliata!!',
    });

    const exported = await family.get('/api/account/export');
    expect(exported.status).toBe(200);
    expect(exported.headers['content-disposition']).toContain('attachment');
    expect(exported.body.account).toMatchObject({
      email: 'famiglia@demo.piazza.example',
      display_name: 'Giulia Demo',
    });
    expect(exported.body.household.members.map((m: { first_name: string }) => m.first_name)).toEqual([
      'Giulia',
      'Luca',
      'Sofia',
    ]);
    expect(exported.body.sessions.length).toBeGreaterThan(0);
    expect(JSON.stringify(exported.body)).not.toMatch(/password_hash|token_hash/);

    const db = api.app.get(DataSource);
    const [{ id: userId }] = await db.query(
      `SELECT id FROM user_account WHERE email = 'famiglia@demo.piazza.example'`,
    );
    const [{ id: householdId }] = await db.query(`SELECT id FROM household WHERE owner_user_id = $1`, [
      userId,
    ]);

    expect((await family.post('/api/account/deletion', {})).status).toBe(400);
    expect((await family.post('/api/account/deletion', { confirm: true })).status).toBe(204);
    expect((await family.get('/api/auth/me')).status).toBe(401);
    // The address typed in the failed attempt is gone from the audit log too.
    expect(
      await db.query(`SELECT action FROM audit_event WHERE details::text LIKE '%famiglia@demo%'`),
    ).toEqual([]);
    const relogin = await new HttpClient(api.app).post('/api/auth/login', {
      email: 'famiglia@demo.piazza.example',
      password: 'Piazza-demo-2026',
    });
    expect(relogin.status).toBe(401);

    const [account] = await db.query(
      `SELECT email, fiscal_code, display_name, status, roles FROM user_account WHERE id = $1`,
      [userId],
    );
    expect(account).toEqual({
      email: null,
      fiscal_code: null,
      display_name: 'Utente eliminato',
      status: 'disabled',
      roles: [],
    });
    expect(
      await db.query(`SELECT id, owner_user_id, address FROM household WHERE id = $1`, [householdId]),
    ).toEqual([{ id: householdId, owner_user_id: null, address: '' }]);
    expect(await db.query(`SELECT 1 FROM household_member WHERE household_id = $1`, [householdId])).toEqual(
      [],
    );
  });

  it('refuses to delete the only owner of an organisation, saying what to do', async () => {
    const provider = await HttpClient.signedIn(api.app, 'cooperativa@demo.piazza.example');
    const res = await provider.post('/api/account/deletion', { confirm: true });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('SOLE_OWNER');
    expect(res.body.message.it).toContain('invita un altro titolare');
  });
});
