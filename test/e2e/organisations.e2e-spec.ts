import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { givenDemoAmbito } from '../support/demo-ambito';
import { HttpClient } from '../support/http-client';
import { linkIn, SmtpCapture } from '../support/smtp-capture';
import { useTestApi } from '../support/test-api';

const signUp = (overrides: Record<string, unknown> = {}) => ({
  kind: 'cooperative',
  name: 'Cooperativa Sociale La Prova',
  legalName: 'La Prova Società Cooperativa Sociale',
  vatNumber: '07627560019',
  email: 'info@laprova.example',
  phone: '+39 0331 000000',
  comune: 'venegono-inferiore',
  address: 'Via Roma 10, 21040 Venegono Inferiore VA',
  owner: {
    firstName: 'Paola',
    lastName: 'Prova',
    email: 'paola@laprova.example',
    password: 'password-della-coop',
  },
  ...overrides,
});

describe('Organisations: sign-up, accreditation, members', () => {
  const api = useTestApi();
  let smtp: SmtpCapture;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    await givenDemoAmbito(api.app);
    smtp = await SmtpCapture.start();
    const moduleRef = await Test.createTestingModule({
      imports: [WorkerModule.forRoot(api.env.with({ SMTP_URL: smtp.url }))],
    }).compile();
    worker = await moduleRef.init();
  });

  afterAll(async () => {
    await worker?.close();
    await smtp?.close();
  });

  it('refuses a VAT number with a wrong check digit and a shop without its category', async () => {
    const visitor = new HttpClient(api.app);
    const badVat = await visitor.post('/api/organisations', signUp({ vatNumber: '07627560018' }));
    expect(badVat.status).toBe(400);
    expect(badVat.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'vatNumber' });
    const shop = await visitor.post('/api/organisations', signUp({ kind: 'shop' }));
    expect(shop.status).toBe(400);
    expect(shop.body.field).toBe('shopCategory');
    const badOwner = await visitor.post('/api/organisations', signUp({ owner: { firstName: 'P' } }));
    expect(badOwner.status).toBe(400);
    expect(badOwner.body.field).toMatch(/^owner\./);
  });

  it('signs up a cooperative that waits for the Ambito, which accredits it', async () => {
    const visitor = new HttpClient(api.app);
    const res = await visitor.post('/api/organisations', signUp());
    expect([res.status, res.body]).toEqual([201, { status: 'pending_accreditation' }]);
    expect(
      (
        await visitor.post(
          '/api/organisations',
          signUp({ owner: { ...signUp().owner, email: 'altro@laprova.example' } }),
        )
      ).body.code,
    ).toBe('VAT_NUMBER_TAKEN');

    const sameOwner = await visitor.post('/api/organisations', signUp({ vatNumber: '01234567897' }));
    expect([sameOwner.status, sameOwner.body.code, sameOwner.body.field]).toEqual([
      409,
      'EMAIL_TAKEN',
      'owner.email',
    ]);

    const mail = await smtp.waitFor('paola@laprova.example', (m) => m.text.includes('/accesso/verifica'));
    expect(
      (await visitor.post('/api/auth/verify-email', { token: linkIn(mail, '/accesso/verifica').token }))
        .status,
    ).toBe(200);
    const paola = await HttpClient.signedIn(api.app, 'paola@laprova.example', 'password-della-coop');
    const mine = await paola.get('/api/organisations/mine');
    expect(mine.body).toEqual([
      expect.objectContaining({
        name: 'Cooperativa Sociale La Prova',
        accreditationStatus: 'pending',
        myRole: 'owner',
      }),
    ]);
    expect((await paola.get('/api/auth/me')).body.roles).toEqual(['provider']);

    const admin = await HttpClient.signedIn(api.app, 'ufficio.piano@demo.piazza.example', 'Piazza-demo-2026');
    const queue = await admin.get('/api/admin/organisations?status=pending');
    expect(queue.body.map((o: { name: string }) => o.name)).toEqual(['Cooperativa Sociale La Prova']);
    const decided = await admin.post(`/api/admin/organisations/${queue.body[0].id}/accreditation`, {
      decision: 'accredited',
      note: 'Documentazione completa',
    });
    expect(decided.status).toBe(200);
    expect(decided.body.accreditationStatus).toBe('accredited');
    expect((await admin.get('/api/admin/organisations?status=pending')).body).toEqual([]);
    const notice = await smtp.waitFor('info@laprova.example');
    expect(notice.text).toContain('accreditato Cooperativa Sociale La Prova');

    const [audit] = await api.app
      .get(DataSource)
      .query(`SELECT details FROM audit_event WHERE action = 'accreditation_changed' AND subject_id = $1`, [
        queue.body[0].id,
      ]);
    expect(audit.details).toMatchObject({ from: 'pending', to: 'accredited' });
  });

  it('lets the owner invite staff by e-mail; the invitee joins with a new account', async () => {
    const paola = await HttpClient.signedIn(api.app, 'paola@laprova.example', 'password-della-coop');
    const [coop] = (await paola.get('/api/organisations/mine')).body;
    expect(
      (
        await paola.post(`/api/organisations/${coop.id}/invitations`, {
          email: 'Marco@LaProva.example',
          role: 'staff',
        })
      ).status,
    ).toBe(202);

    const invitation = await smtp.waitFor('marco@laprova.example');
    expect(invitation.text).toContain('Paola Prova ti invita a gestire Cooperativa Sociale La Prova');
    const { token } = linkIn(invitation, '/accesso/invito');
    const visitor = new HttpClient(api.app);
    const noPassword = await visitor.post('/api/organisations/invitations/accept', { token });
    expect(noPassword.status).toBe(400);
    // The failed attempt did not use up the invitation.
    expect(
      (
        await visitor.post('/api/organisations/invitations/accept', {
          token,
          displayName: 'Marco Bianchi',
          password: 'una-chiave-segreta',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await visitor.post('/api/organisations/invitations/accept', {
          token,
          displayName: 'Altro Nome',
          password: 'una-chiave-segreta',
        })
      ).status,
    ).toBe(410);

    const marco = await HttpClient.signedIn(api.app, 'marco@laprova.example', 'una-chiave-segreta');
    expect((await marco.get('/api/auth/me')).body.roles).toEqual(['provider']);
    const members = await marco.get(`/api/organisations/${coop.id}/members`);
    expect(members.body.map((m: { displayName: string; role: string }) => [m.displayName, m.role])).toEqual([
      ['Paola Prova', 'owner'],
      ['Marco Bianchi', 'staff'],
    ]);
    const staffInvites = await marco.post(`/api/organisations/${coop.id}/invitations`, {
      email: 'x@laprova.example',
      role: 'staff',
    });
    expect(staffInvites.status).toBe(403);
    expect(staffInvites.body.code).toBe('OWNER_ONLY');

    // Another organisation's people see nothing of this one, not even that it exists.
    const otherProvider = await HttpClient.signedIn(
      api.app,
      'cooperativa@demo.piazza.example',
      'Piazza-demo-2026',
    );
    expect((await otherProvider.get(`/api/organisations/${coop.id}/members`)).status).toBe(404);
  });
});
