import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { givenDemoAmbito } from '../support/demo-ambito';
import { HttpClient } from '../support/http-client';
import { SmtpCapture } from '../support/smtp-capture';
import { useTestApi } from '../support/test-api';

const nextYear = new Date().getUTCFullYear() + 1;

const service = (overrides: Record<string, unknown> = {}) => ({
  title: 'Corso di cucina per ragazzi',
  summary: 'Dieci lezioni per imparare a cucinare piatti semplici',
  description: 'In piccoli gruppi, con un cuoco e un educatore.',
  categorySlug: 'doposcuola',
  themeSlugs: [],
  targetGroupSlugs: [],
  comuneSlugs: ['tradate'],
  placeIds: [],
  priceModel: 'per_session',
  priceCents: 1200,
  voucherPayable: true,
  keywords: ['cucina', 'ricette'],
  openingHours: [],
  ...overrides,
});

/** Titles of the published services a visitor finds by searching the catalogue for a word. */
async function publicTitles(api: { app: Parameters<typeof HttpClient.signedIn>[0] }, q: string) {
  const res = await new HttpClient(api.app).get(
    `/api/catalogue/services?q=${encodeURIComponent(q)}&pageSize=50`,
  );
  expect(res.status).toBe(200);
  return (res.body.items as { title: string }[]).map((s) => s.title);
}

async function queuedIds(admin: HttpClient): Promise<string[]> {
  return (await admin.get('/api/admin/moderation/services')).body.map((i: { id: string }) => i.id);
}

describe('Moderation of first publications, taxonomy and Social Point slots', () => {
  const api = useTestApi();
  let smtp: SmtpCapture;
  let worker: INestApplicationContext;
  let db: DataSource;
  let provider: HttpClient;
  let admin: HttpClient;
  let orgId: string;
  let organisationEmail: string;
  let serviceId: string;
  let slug: string;

  beforeAll(async () => {
    await givenDemoAmbito(api.app);
    smtp = await SmtpCapture.start();
    const moduleRef = await Test.createTestingModule({
      imports: [WorkerModule.forRoot(api.env.with({ SMTP_URL: smtp.url }))],
    }).compile();
    worker = await moduleRef.init();
    db = api.app.get(DataSource);
    provider = await HttpClient.signedIn(api.app, 'cooperativa@demo.piazza.example');
    admin = await HttpClient.signedIn(api.app, 'ufficio.piano@demo.piazza.example');
    [{ id: orgId }] = (await provider.get('/api/organisations/mine')).body;
    [{ email: organisationEmail }] = await db.query(`SELECT email FROM organisation WHERE id = $1`, [orgId]);
  });

  afterAll(async () => {
    await worker?.close();
    await smtp?.close();
  });

  it('keeps a submitted service out of the catalogue until the Ambito office reviews it', async () => {
    const place = await provider.post(`/api/provider/organisations/${orgId}/places`, {
      name: 'Cucina della sede',
      address: 'Via Manzoni 5, 21049 Tradate VA',
      comuneSlug: 'tradate',
      location: { lat: 45.7105, lng: 8.9077 },
      openingHours: [],
      accessibility: '',
    });
    const created = await provider.post(
      `/api/provider/organisations/${orgId}/services`,
      service({ placeIds: [place.body.id] }),
    );
    expect(created.status).toBe(201);
    ({ id: serviceId, slug } = created.body);
    const slots = await provider.post(`/api/provider/services/${serviceId}/slots`, {
      startsAt: `${nextYear}-02-02T16:00:00+01:00`,
      endsAt: `${nextYear}-02-02T18:00:00+01:00`,
      capacity: 8,
      placeId: place.body.id,
      note: '',
      repeatWeeks: 9,
    });
    expect(slots.body).toHaveLength(10);

    const submitted = await provider.post(`/api/provider/services/${serviceId}/submit`);
    expect(submitted.body).toMatchObject({ status: 'pending_review', submittedAt: expect.any(String) });
    expect((await provider.post(`/api/provider/services/${serviceId}/submit`)).status).toBe(409);
    expect(await publicTitles(api, 'corso di cucina')).not.toContain('Corso di cucina per ragazzi');
    // The public page of a service answers only once it is published (GET /api/catalogue/services/{slug}).
    expect((await new HttpClient(api.app).get(`/api/catalogue/services/${slug}`)).status).toBe(404);

    // Oldest request first: the one just sent is at the end (the demo seed may have others waiting).
    const queue = await admin.get('/api/admin/moderation/services');
    const submittedTimes = queue.body.map((i: { submittedAt: string }) => i.submittedAt);
    expect(submittedTimes).toEqual([...submittedTimes].sort());
    expect(queue.body.at(-1)).toEqual({
      id: serviceId,
      slug,
      title: 'Corso di cucina per ragazzi',
      organisation: { id: orgId, slug: 'cortile-dei-ragazzi', name: expect.any(String) },
      category: { slug: 'doposcuola', name: { it: expect.any(String), en: expect.any(String) } },
      submittedAt: submitted.body.submittedAt,
      firstPublication: true,
    });
    const full = await admin.get(`/api/admin/moderation/services/${serviceId}`);
    expect(full.body).toMatchObject({
      ...submitted.body,
      organisation: { id: orgId, slug: 'cortile-dei-ragazzi' },
    });
  });

  it('sends it back to draft with the reason, e-mailing the organisation, and audits the decision', async () => {
    const noNote = await admin.post(`/api/admin/moderation/services/${serviceId}/decision`, {
      approve: false,
    });
    expect([noNote.status, noNote.body.field]).toEqual([400, 'note']);
    const blank = await admin.post(`/api/admin/moderation/services/${serviceId}/decision`, {
      approve: false,
      note: '   ',
    });
    expect(blank.body.field).toBe('note');

    const refused = await admin.post(`/api/admin/moderation/services/${serviceId}/decision`, {
      approve: false,
      note: 'Indicate il costo degli ingredienti',
    });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({
      status: 'draft',
      reviewNote: 'Indicate il costo degli ingredienti',
    });
    expect((await provider.get(`/api/provider/services/${serviceId}`)).body.reviewNote).toBe(
      'Indicate il costo degli ingredienti',
    );
    expect(await queuedIds(admin)).not.toContain(serviceId);
    const again = await admin.post(`/api/admin/moderation/services/${serviceId}/decision`, { approve: true });
    expect([again.status, again.body.code]).toEqual([409, 'SERVICE_NOT_PENDING']);

    const mail = await smtp.waitFor(organisationEmail, (m) => m.text.includes('Corso di cucina'));
    expect(mail.text).toContain('rimandato in bozza');
    expect(mail.text.indexOf('Nota: Indicate il costo')).toBeLessThan(
      mail.text.indexOf('Note: Indicate il costo'),
    );
    expect(mail.text).toContain(`/ente/servizi/${serviceId}`);

    const [audit] = await db.query(
      `SELECT a.details, u.email FROM audit_event a JOIN user_account u ON u.id = a.actor_user_id
        WHERE a.action = 'service_moderated' AND a.subject_id = $1`,
      [serviceId],
    );
    expect(audit).toMatchObject({
      email: 'ufficio.piano@demo.piazza.example',
      details: { decision: 'refused', note: 'Indicate il costo degli ingredienti', organisationId: orgId },
    });
    expect(await publicTitles(api, 'corso di cucina')).not.toContain('Corso di cucina per ragazzi');
  });

  it('publishes it on approval; later changes and republication need no new review', async () => {
    await provider.put(`/api/provider/services/${serviceId}`, service({ priceCents: 1500 }));
    const resubmitted = await provider.post(`/api/provider/services/${serviceId}/submit`);
    expect([resubmitted.body.status, resubmitted.body.reviewNote]).toEqual(['pending_review', null]);

    const approved = await admin.post(`/api/admin/moderation/services/${serviceId}/decision`, {
      approve: true,
      note: 'Grazie',
    });
    expect(approved.body).toMatchObject({
      status: 'published',
      firstApprovedAt: expect.any(String),
      publishedAt: expect.any(String),
      reviewNote: null,
    });
    expect(await publicTitles(api, 'corso di cucina')).toContain('Corso di cucina per ragazzi');
    const page = await new HttpClient(api.app).get(`/api/catalogue/services/${slug}`);
    expect([page.status, page.body.title]).toEqual([200, 'Corso di cucina per ragazzi']);
    const mail = await smtp.waitFor(organisationEmail, (m) => m.text.includes('ha approvato il servizio'));
    expect(mail.text).toContain(`/servizi/${slug}`);

    const edited = await provider.put(
      `/api/provider/services/${serviceId}`,
      service({ title: 'Corso di cucina per ragazzi e ragazze' }),
    );
    expect(edited.body.status).toBe('published');
    expect(await publicTitles(api, 'corso di cucina')).toContain('Corso di cucina per ragazzi e ragazze');

    expect((await provider.post(`/api/provider/services/${serviceId}/archive`)).body.status).toBe('archived');
    expect((await new HttpClient(api.app).get(`/api/catalogue/services/${slug}`)).status).toBe(404);
    expect(await publicTitles(api, 'corso di cucina')).not.toContain('Corso di cucina per ragazzi e ragazze');
    expect((await provider.post(`/api/provider/services/${serviceId}/archive`)).status).toBe(409);
    const republished = await provider.post(`/api/provider/services/${serviceId}/submit`);
    expect(republished.body.status).toBe('published');
    expect(await queuedIds(admin)).not.toContain(serviceId);
  });

  it('edits the vocabularies: slugs checked, families fixed, nothing in use deleted', async () => {
    const category = {
      family: 'youcare',
      parentSlug: 'youcare',
      slug: 'laboratori-creativi',
      nameIt: 'Laboratori creativi',
      nameEn: 'Creative workshops',
      descriptionIt: 'Arte, musica, teatro',
      descriptionEn: 'Art, music, theatre',
      position: 9,
    };
    const created = await admin.post('/api/admin/categories', category);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...category, serviceCount: 0 });

    expect(
      (await admin.post('/api/admin/categories', { ...category, slug: 'Laboratori Creativi' })).body.field,
    ).toBe('slug');
    const taken = await admin.post('/api/admin/categories', category);
    expect([taken.status, taken.body.code]).toEqual([409, 'SLUG_TAKEN']);
    const nested = await admin.post('/api/admin/categories', {
      ...category,
      slug: 'sotto',
      parentSlug: 'doposcuola',
    });
    expect([nested.status, nested.body.field]).toEqual([400, 'parentSlug']);
    const root = await admin.post('/api/admin/categories', {
      ...category,
      slug: 'nuova-famiglia',
      parentSlug: null,
    });
    expect([root.status, root.body.field]).toEqual([400, 'parentSlug']);
    const otherFamily = await admin.post('/api/admin/categories', {
      ...category,
      slug: 'x',
      family: 'silvercare',
    });
    expect(otherFamily.body.field).toBe('parentSlug');

    const moved = await admin.put(`/api/admin/categories/${created.body.id}`, {
      ...category,
      family: 'childcare',
      parentSlug: 'childcare',
      nameIt: 'Laboratori creativi 0-10',
    });
    expect(moved.body).toMatchObject({
      family: 'childcare',
      parentSlug: 'childcare',
      nameIt: 'Laboratori creativi 0-10',
    });

    const taxonomy = (await admin.get('/api/admin/taxonomy')).body;
    const doposcuola = taxonomy.categories.find((c: { slug: string }) => c.slug === 'doposcuola');
    const youcare = taxonomy.categories.find((c: { slug: string }) => c.slug === 'youcare');
    expect(doposcuola.serviceCount).toBeGreaterThan(0);
    expect(youcare).toMatchObject({ parentSlug: null });
    expect(youcare.serviceCount).toBeGreaterThanOrEqual(doposcuola.serviceCount);

    const inUse = await admin.delete(`/api/admin/categories/${doposcuola.id}`);
    expect([inUse.status, inUse.body.code]).toEqual([409, 'TERM_IN_USE']);
    expect(inUse.body.message.it).toContain(`${doposcuola.serviceCount}`);
    expect((await admin.delete(`/api/admin/categories/${youcare.id}`)).status).toBe(409);
    const renamedFamily = await admin.put(`/api/admin/categories/${youcare.id}`, {
      family: 'youcare',
      parentSlug: null,
      slug: 'youcare',
      nameIt: 'Ragazzi e giovani',
      nameEn: 'Young people',
      descriptionIt: youcare.descriptionIt,
      descriptionEn: youcare.descriptionEn,
      position: youcare.position,
    });
    expect(renamedFamily.body.nameIt).toBe('Ragazzi e giovani');
    const reslugged = await admin.put(`/api/admin/categories/${youcare.id}`, {
      ...renamedFamily.body,
      id: undefined,
      serviceCount: undefined,
      slug: 'giovani',
    });
    expect(reslugged.status).toBe(400);
    expect((await admin.delete(`/api/admin/categories/${created.body.id}`)).status).toBe(204);

    const theme = await admin.post('/api/admin/themes', {
      slug: 'sport-x',
      nameIt: 'Sport',
      nameEn: 'Sport',
      descriptionIt: 'Attività sportive',
      descriptionEn: 'Sports',
      position: 3,
    });
    expect(theme.body).toMatchObject({
      slug: 'sport-x',
      descriptionIt: 'Attività sportive',
      serviceCount: 0,
    });
    const group = await admin.post('/api/admin/target-groups', {
      slug: 'nonni-x',
      nameIt: 'Nonni',
      nameEn: 'Grandparents',
      position: 2,
    });
    expect(group.body).toMatchObject({ slug: 'nonni-x', serviceCount: 0 });
    expect(group.body.descriptionIt).toBeUndefined();
    await provider.put(
      `/api/provider/services/${serviceId}`,
      service({ themeSlugs: ['sport-x'], targetGroupSlugs: ['nonni-x'] }),
    );
    for (const path of [`/api/admin/themes/${theme.body.id}`, `/api/admin/target-groups/${group.body.id}`]) {
      const refused = await admin.delete(path);
      expect([refused.status, refused.body.code]).toEqual([409, 'TERM_IN_USE']);
    }
    const renamed = await admin.put(`/api/admin/themes/${theme.body.id}`, {
      slug: 'sport-e-movimento',
      nameIt: 'Sport e movimento',
      nameEn: 'Sport and exercise',
      descriptionIt: '',
      descriptionEn: '',
      position: 3,
    });
    expect(renamed.body).toMatchObject({ slug: 'sport-e-movimento', serviceCount: 1 });
    expect((await provider.get(`/api/provider/services/${serviceId}`)).body.themeSlugs).toEqual([
      'sport-e-movimento',
    ]);
    await provider.put(`/api/provider/services/${serviceId}`, service());
    expect((await admin.delete(`/api/admin/themes/${theme.body.id}`)).status).toBe(204);
    expect((await admin.delete(`/api/admin/target-groups/${group.body.id}`)).status).toBe(204);
    expect((await admin.delete(`/api/admin/target-groups/${group.body.id}`)).status).toBe(404);

    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'taxonomy_changed'`,
    );
    expect(n).toBeGreaterThanOrEqual(8);
  });

  it('opens Social Point appointments on its opening days and hours, once', async () => {
    // Social Point Tradate: Monday 09:00-12:30, Wednesday 14:00-17:30, Friday 09:00-12:30.
    const monday = new Date(Date.UTC(nextYear, 0, 4));
    while (monday.getUTCDay() !== 1) monday.setUTCDate(monday.getUTCDate() + 1);
    const day = (offset: number) =>
      new Date(monday.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    const body = {
      from: day(0),
      to: day(6),
      times: ['09:00', '12:00', '14:00', '17:30'],
      minutes: 30,
      capacity: 1,
    };

    const created = await admin.post('/api/admin/social-points/social-point-tradate/slots', body);
    expect([created.status, created.body]).toEqual([201, { created: 5 }]);
    // Monday and Friday at 09:00 and 12:00 (12:00-12:30 fits), Wednesday at 14:00 (17:30 would end after closing).
    const again = await admin.post('/api/admin/social-points/social-point-tradate/slots', body);
    expect(again.body).toEqual({ created: 0 });

    const listed = await admin.get(
      `/api/admin/social-points/social-point-tradate/slots?from=${day(0)}&to=${day(6)}`,
    );
    expect(listed.body).toHaveLength(5);
    const local = listed.body.map((s: { startsAt: string }) =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/Rome',
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
      }).format(new Date(s.startsAt)),
    );
    expect(local).toEqual(['Mon 09:00', 'Mon 12:00', 'Wed 14:00', 'Fri 09:00', 'Fri 12:00']);
    expect(listed.body[0]).toMatchObject({ capacity: 1, booked: 0, free: 1 });

    const backwards = await admin.post('/api/admin/social-points/social-point-tradate/slots', {
      ...body,
      from: day(6),
      to: day(0),
    });
    expect([backwards.status, backwards.body.field]).toEqual([400, 'to']);
    const badTime = await admin.post('/api/admin/social-points/social-point-tradate/slots', {
      ...body,
      times: ['9'],
    });
    expect([badTime.status, badTime.body.field]).toEqual([400, 'times']);
    expect((await admin.post('/api/admin/social-points/non-esiste/slots', body)).status).toBe(404);
  });
});
