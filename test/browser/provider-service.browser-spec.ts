import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { expectAccessible, openJourneyPage, screenshot, signIn, webDist } from '../support/browser-journey';
import { givenDemoAmbito } from '../support/demo-ambito';
import { HttpClient } from '../support/http-client';
import { useListeningTestApi } from '../support/listening-test-api';

const PROVIDER = 'cooperativa@demo.piazza.example';
const ADMIN = 'ufficio.piano@demo.piazza.example';
const SERVICE_TITLE = 'Laboratorio di fumetto per ragazzi';
/** Each step signs in and runs axe on several pages: more than Jest's default minute on a busy machine. */
const JOURNEY_TIMEOUT = 180_000;
const ONE_PIXEL_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** `YYYY-MM-DD` a number of days from today. */
function inDays(days: number): string {
  return new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

describe('A cooperative publishes a service with slots, the Ufficio di Piano approves it', () => {
  const api = useListeningTestApi(async () => ({ WEB_DIST: webDist() }));
  let browser: Browser;
  const errors: string[] = [];
  /** The service's public address, once the admin approved it. */
  let serviceSlug = '';

  const newPage = () => openJourneyPage(browser, errors);

  beforeAll(async () => {
    await givenDemoAmbito(api.app);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it(
    'keeps the organisation profile: texts, a point typed as latitude and longitude, opening hours',
    async () => {
      const { page, context } = await newPage();
      await signIn(page, api.url, PROVIDER);
      await page.goto(`${api.url}/ente`);
      await page.getByRole('link', { name: "Profilo dell'ente" }).first().click();
      await page.getByRole('heading', { level: 1, name: "Profilo dell'ente" }).waitFor();
      const form = page.locator('main form');
      await form.getByLabel(/Chi siete/).fill('Educatori e volontari per i ragazzi del Tradatese.');
      await form.getByLabel(/PEC/).fill('cortile@pec.example');
      await form.getByLabel('Latitudine').fill('45.7158');
      await form.getByLabel('Longitudine').fill('8.9071');
      await form.getByRole('button', { name: 'Aggiungi una fascia oraria' }).click();
      await form.getByLabel('Giorno').last().selectOption({ label: 'Sabato' });
      await form.getByLabel('Apre alle').last().fill('09:00');
      await form.getByLabel('Chiude alle').last().fill('12:00');
      await form.getByRole('button', { name: 'Salva il profilo' }).click();
      await page.getByText('Profilo salvato.').waitFor();
      await expectAccessible(page);

      const client = await HttpClient.signedIn(api.app, PROVIDER);
      const [organisation] = (await client.get('/api/organisations/mine')).body as { id: string }[];
      const profile = (await client.get(`/api/provider/organisations/${organisation.id}/profile`)).body as {
        pec: string;
        location: { lat: number; lng: number };
        openingHours: { day: number; opens: string; closes: string }[];
      };
      expect(profile.pec).toBe('cortile@pec.example');
      expect(profile.location).toEqual({ lat: 45.7158, lng: 8.9071 });
      expect(profile.openingHours).toContainEqual({ day: 6, opens: '09:00', closes: '12:00' });
      await context.close();
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'refuses a logo that is not an image in the words of the server, takes a real one and removes it',
    async () => {
      const { page, context } = await newPage();
      await signIn(page, api.url, PROVIDER);
      await page.goto(`${api.url}/ente/profilo`);
      await page.getByLabel("Scegli un'immagine").setInputFiles({
        name: 'logo.png',
        mimeType: 'image/png',
        buffer: Buffer.from('not really a picture'),
      });
      await page.getByRole('button', { name: 'Carica il logo' }).click();
      // The message sits in the element the file input names in its aria-describedby.
      const input = page.getByLabel("Scegli un'immagine");
      const describedBy = (await input.getAttribute('aria-describedby')) ?? '';
      const error = page.locator(`[id="${describedBy.split(' ').pop()}"] .field-error`);
      await error.waitFor();
      await expect(error.innerText()).resolves.toMatch(/immagine|file/i);
      await expect(input.getAttribute('aria-invalid')).resolves.toBe('true');
      await page.getByText('Nessun logo caricato.').waitFor();

      // A real picture goes through, shows as the logo, and can be removed again.
      await input.setInputFiles({
        name: 'logo.png',
        mimeType: 'image/png',
        buffer: Buffer.from(ONE_PIXEL_PNG, 'base64'),
      });
      await page.getByRole('img', { name: 'Anteprima del nuovo logo' }).waitFor();
      await page.getByRole('button', { name: 'Carica il logo' }).click();
      await page.getByText('Logo caricato.').waitFor();
      await page.getByRole('img', { name: 'Logo di Cooperativa Sociale Il Cortile dei Ragazzi' }).waitFor();
      await expect(input.getAttribute('aria-invalid')).resolves.toBeNull();
      await page.getByRole('button', { name: 'Rimuovi il logo' }).click();
      await page.getByText('Logo rimosso.').waitFor();
      await page.getByText('Nessun logo caricato.').waitFor();
      await context.close();
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'adds a place with its point typed in',
    async () => {
      const { page, context } = await newPage();
      await signIn(page, api.url, PROVIDER);
      await page.goto(`${api.url}/ente/sedi`);
      await page.getByRole('heading', { level: 1, name: 'Sedi' }).waitFor();
      await page.getByRole('button', { name: 'Aggiungi una sede' }).click();
      const form = page.locator('main form');
      await form.getByLabel(/^Nome della sede/).fill('Spazio compiti di via Mameli');
      await form.getByLabel('Comune', { exact: true }).selectOption({ label: 'Tradate' });
      await form.getByLabel('Indirizzo', { exact: true }).fill('Via Mameli 4, 21049 Tradate VA');
      await form.getByLabel('Latitudine').fill('45.7102');
      await form.getByLabel('Longitudine').fill('8.9085');
      await form.getByLabel(/Accessibilità/).fill('Ingresso senza gradini.');
      await expectAccessible(page);
      await form.getByRole('button', { name: 'Salva la sede' }).click();
      await page.getByText('Sede «Spazio compiti di via Mameli» aggiunta.').waitFor();
      await page.getByRole('article').filter({ hasText: 'Spazio compiti di via Mameli' }).waitFor();
      await context.close();
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'creates a service with two weekly slots and sends it for review',
    async () => {
      const { page, context } = await newPage();
      await signIn(page, api.url, PROVIDER);
      await page.goto(`${api.url}/ente/servizi`);
      await page.getByRole('heading', { level: 1, name: 'Servizi' }).waitFor();
      await page.getByRole('table').waitFor();
      await expectAccessible(page);

      await page.getByRole('link', { name: 'Nuovo servizio' }).click();
      await page.getByRole('heading', { level: 1, name: 'Nuovo servizio' }).waitFor();
      const form = page.locator('main form.service-form');
      // A first try without the required fields is refused in the page, field by field.
      await form.getByRole('button', { name: 'Salva bozza' }).click();
      await expect(form.getByLabel(/^Titolo/).getAttribute('aria-invalid')).resolves.toBe('true');

      await form.getByLabel(/^Titolo/).fill(SERVICE_TITLE);
      await form.getByLabel(/^In breve/).fill('Un pomeriggio a settimana per inventare e disegnare storie.');
      await form
        .getByLabel(/Descrizione/)
        .fill('Con un fumettista: tecniche di disegno, sceneggiatura, stampa.');
      await form.getByLabel('Area', { exact: true }).selectOption({ label: 'YouCare' });
      await form.getByLabel('Sottocategoria').selectOption({ label: 'Doposcuola e aiuto compiti' });
      await form.getByLabel('Tradate', { exact: true }).check();
      await form.getByLabel('Spazio compiti di via Mameli').check();
      await form.getByLabel('Prezzo fisso').check();
      await form.getByLabel('Importo').fill('12,50');
      await form.getByLabel('Si può pagare con i buoni servizio').check();
      await form.getByLabel(/Parole chiave/).fill('fumetto, disegno');
      await form.getByRole('button', { name: 'Salva bozza' }).click();
      await page.getByText('Bozza creata.').waitFor();
      await page.waitForURL(/\/ente\/servizi\/[0-9a-f-]{36}/);

      const slots = page.locator('section.slots');
      await slots.getByLabel('Data', { exact: true }).fill(inDays(7));
      await slots.getByLabel('Inizio').fill('16:00');
      await slots.getByLabel('Fine').fill('18:00');
      await slots.getByLabel('Posti', { exact: true }).fill('8');
      await slots.getByLabel('Sede').selectOption({ label: 'Spazio compiti di via Mameli' });
      await slots.getByLabel('Ripeti per N settimane').fill('1');
      await slots.getByRole('button', { name: 'Aggiungi', exact: true }).click();
      await page.getByText('2 disponibilità aggiunte.').waitFor();
      const rows = slots.getByRole('table').locator('tbody tr');
      await expect(rows.count()).resolves.toBe(2);
      await expect(rows.first().innerText()).resolves.toContain('16:00–18:00');

      // One of them gets more places.
      await rows
        .first()
        .getByRole('button', { name: /Modifica i posti/ })
        .click();
      await slots.getByLabel('Nuovo numero di posti').fill('10');
      await slots.getByRole('button', { name: 'Salva', exact: true }).click();
      await page.getByText('Numero di posti aggiornato.').waitFor();
      await expect(rows.first().locator('td').nth(2).innerText()).resolves.toBe('10');
      await expectAccessible(page);
      await screenshot(page, 'slots', slots);

      await form.getByRole('button', { name: 'Invia in revisione' }).click();
      await page.getByText("Servizio inviato in revisione all'Ufficio di Piano.").waitFor();
      await page.locator('.status-box').getByText('In revisione', { exact: true }).waitFor();
      await expectAccessible(page);
      await page.evaluate('window.scrollTo(0, 0)');
      await screenshot(page, 'service-form', page.locator('main'));

      await page.goto(`${api.url}/ente/servizi`);
      const row = page.getByRole('row').filter({ hasText: SERVICE_TITLE });
      await row.getByText('In revisione').waitFor();
      await context.close();
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'is approved by the admin from the moderation queue, after a refusal without a note is stopped',
    async () => {
      const { page, context } = await newPage();
      await signIn(page, api.url, ADMIN);
      await page.goto(`${api.url}/profilo`);
      await page.getByRole('link', { name: 'Moderazione', exact: true }).first().click();
      await page.getByRole('heading', { level: 1, name: 'Moderazione dei servizi' }).waitFor();
      const row = page.getByRole('row').filter({ hasText: SERVICE_TITLE });
      await row.getByText('in attesa da oggi').waitFor();
      await expectAccessible(page);
      await screenshot(page, 'moderation-queue', page.locator('main'));

      await row.getByRole('link', { name: SERVICE_TITLE }).click();
      await page.getByRole('heading', { level: 1, name: SERVICE_TITLE }).waitFor();
      await page.getByText('Spazio compiti di via Mameli').waitFor();
      await page.getByText(/12,50/).waitFor();
      await expectAccessible(page);
      await screenshot(page, 'moderation-review', page.locator('body'));

      await page.getByRole('button', { name: "Rimanda all'ente" }).click();
      await page.getByText("Per rimandare il servizio all'ente scrivi cosa deve cambiare.").waitFor();
      await page.getByRole('button', { name: 'Approva e pubblica' }).click();
      await page.getByRole('heading', { name: 'Servizio approvato e pubblicato.' }).waitFor();
      const publicLink = page.getByRole('link', { name: 'Vedi la pagina pubblica del servizio' });
      serviceSlug = ((await publicLink.getAttribute('href')) ?? '').replace(/^\/servizi\//, '');
      expect(serviceSlug).toMatch(/^laboratorio-di-fumetto/);

      // Back in the queue, the service is no longer waiting.
      await page.goto(`${api.url}/amministrazione/moderazione`);
      await page.locator('table.queue, p.empty').first().waitFor();
      await expect(page.getByRole('row').filter({ hasText: SERVICE_TITLE }).count()).resolves.toBe(0);
      await context.close();
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'shows the published service to a visitor, with its slots',
    async () => {
      const visitor = new HttpClient(api.app);
      const res = await visitor.get(`/api/catalogue/services/${serviceSlug}`);
      expect(res.status).toBe(200);
      const service = res.body as { title: string; priceCents: number; slots: { capacity: number }[] };
      expect(service.title).toBe(SERVICE_TITLE);
      expect(service.priceCents).toBe(1250);
      expect(service.slots.map((slot) => slot.capacity).sort()).toEqual([10, 8]);

      const { page, context } = await newPage();
      await page.goto(`${api.url}/servizi/${serviceSlug}`);
      await page.getByRole('heading', { level: 1, name: SERVICE_TITLE }).waitFor();
      await context.close();
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'publishes an event at one of the places and cancels it',
    async () => {
      const { page, context } = await newPage();
      await signIn(page, api.url, PROVIDER);
      await page.goto(`${api.url}/ente/eventi`);
      await page.getByRole('heading', { level: 1, name: 'Eventi' }).waitFor();
      await expectAccessible(page);
      await page.getByRole('link', { name: 'Nuovo evento' }).click();
      const form = page.locator('main form');
      await form.getByLabel(/^Titolo/).fill('Mostra dei fumetti del laboratorio');
      await form.getByLabel(/^In breve/).fill('Le tavole disegnate dai ragazzi.');
      await form.getByLabel('Data', { exact: true }).fill(inDays(20));
      await form.getByLabel('Inizio').fill('17:00');
      await form.getByLabel('Fine').fill('19:00');
      await form
        .getByLabel('Sede', { exact: true })
        .selectOption({ label: 'Spazio compiti di via Mameli – Via Mameli 4, 21049 Tradate VA' });
      await expectAccessible(page);
      await form.getByRole('button', { name: 'Pubblica' }).click();
      await page.getByText("Evento pubblicato nel calendario dell'Ambito.").waitFor();
      await page.waitForURL(/\/ente\/eventi\/[0-9a-f-]{36}/);

      await page.getByRole('button', { name: /Annulla l'evento/ }).click();
      await page.getByRole('button', { name: "Sì, annulla l'evento" }).click();
      await page.getByText('Evento annullato.').waitFor();
      await page.locator('.status-box').getByText('Annullato', { exact: true }).waitFor();
      await context.close();
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'lets the admin add a theme, and refuses to delete a subcategory that services use',
    async () => {
      const { page, context } = await newPage();
      await signIn(page, api.url, ADMIN);
      await page.goto(`${api.url}/amministrazione/categorie`);
      await page.getByRole('heading', { level: 1, name: 'Categorie, temi e destinatari' }).waitFor();
      await expectAccessible(page);

      await page.getByRole('button', { name: 'Aggiungi un tema' }).click();
      const form = page.locator('pz-term-form form');
      await form.getByLabel('Nome in italiano').fill('Tempo libero');
      await form.getByLabel('Nome in inglese').fill('Free time');
      await expect(form.getByLabel('Slug', { exact: true }).inputValue()).resolves.toBe('tempo-libero');
      await form.getByRole('button', { name: 'Salva' }).click();
      await page.getByText('Voce «Tempo libero» aggiunta.').waitFor();

      const youcare = page
        .locator('section.term-section')
        .filter({ has: page.getByRole('heading', { name: 'YouCare' }) });
      const inUse = youcare.getByRole('row').filter({ hasText: 'Doposcuola e aiuto compiti' });
      await inUse.getByRole('button', { name: /^Elimina/ }).click();
      await inUse.getByRole('button', { name: 'Sì, elimina' }).click();
      await youcare.locator('.alert-danger').waitFor();
      await expect(youcare.locator('.alert-danger').innerText()).resolves.toMatch(/serviz/i);
      await context.close();
    },
    JOURNEY_TIMEOUT,
  );

  it('logged no unexpected error in the browser console', () => {
    expect(errors).toEqual([]);
  });
});
