import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, seriousA11yViolations } from '../support/browser';
import { openJourneyPage, webDist } from '../support/browser-journey';
import { givenDemoAmbito } from '../support/demo-ambito';
import { createTestApi } from '../support/test-api';
import { createTestEnv, type TestEnv } from '../support/test-env';

interface EventPage {
  items: { slug: string; title: string }[];
  total: number;
}

/** `YYYY-MM-DD` of a day in Italy, and the first and last day of its month, `months` later. */
function monthOf(months: number): { from: string; to: string; name: string } {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());
  const [year, month] = today.split('-').map(Number);
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const last = new Date(Date.UTC(year, month + months, 0));
  const name = new Intl.DateTimeFormat('it-IT', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    first,
  );
  return {
    from: first.toISOString().slice(0, 10),
    to: last.toISOString().slice(0, 10),
    name: name.charAt(0).toUpperCase() + name.slice(1),
  };
}

describe('A visitor looks for services, organisations and events', () => {
  let env: TestEnv;
  let app: NestFastifyApplication;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let baseUrl: string;
  const errors: string[] = [];
  /** Every host the pages asked something of: only the Ambito's own server, as no tile server is set. */
  const hosts = new Set<string>();

  async function newPage(width: number, height = 900): Promise<{ context: BrowserContext; page: Page }> {
    const opened = await openJourneyPage(browser, errors, {
      width,
      height,
      timeout: 15_000,
      expectedConsoleErrors: /status of 404/,
    });
    opened.page.on('request', (request) => hosts.add(new URL(request.url()).host));
    return opened;
  }

  async function expectNoSeriousA11yProblem(): Promise<void> {
    expect(await seriousA11yViolations(page)).toEqual([]);
  }

  beforeAll(async () => {
    env = await createTestEnv({ WEB_DIST: webDist() });
    app = await createTestApi(env.config);
    await givenDemoAmbito(app);
    await app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = await app.getUrl();
    browser = await launchChromium();
    ({ context, page } = await newPage(1280));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await env?.close();
  });

  it('searches with a typo, is offered the right spelling and finds babysitting', async () => {
    await page.goto(`${baseUrl}/catalogo`);
    await page.getByRole('heading', { level: 1, name: 'Catalogo dei servizi' }).waitFor();
    await page.getByLabel('Cosa cerchi?').fill('babysiter');
    await page.getByRole('search').getByRole('button', { name: 'Cerca' }).click();
    await page.waitForURL(/\/catalogo\?q=babysiter$/);

    await page.getByText('Forse cercavi:').waitFor();
    await page.getByRole('link', { name: 'babysitter', exact: true }).click();
    await page.waitForURL(/\?q=babysitter$/);
    await page
      .getByRole('status')
      .getByText(/^\d+ servizi? trovat[oi]$/)
      .waitFor();
    await page.getByRole('link', { name: 'Babysitting a domicilio' }).waitFor();
    expect(await page.title()).toBe('Catalogo servizi · Piazza Welfare');
    expect(await page.locator('meta[name="description"]').getAttribute('content')).toMatch(/servizi/);
    await expectNoSeriousA11yProblem();
  });

  it('narrows the results by Comune and by voucher, seeing how many each choice leaves, in the address', async () => {
    const tradate = page.getByLabel(/Tradate \(\d+\)/);
    await tradate.check();
    await page.waitForURL(/comune=tradate/);
    const voucher = page.getByLabel(/Pagabile con buono \(\d+\)/);
    const expected = Number(
      /\((\d+)\)/.exec((await page.locator('label[for="f-voucher"]').innerText()) ?? '')?.[1],
    );
    await voucher.check();
    await page.waitForURL(/voucher=1/);
    expect(new URL(page.url()).search).toBe('?q=babysitter&comune=tradate&voucher=1');

    // The count the filter promised is the count found, and every card says it takes vouchers.
    const status = page.getByRole('status').filter({ hasText: /trovat/ });
    await status.getByText(new RegExp(`(^|\\s)${expected} servizi? trovat[oi]`)).waitFor();
    const cards = page.locator('pz-service-card');
    expect(await cards.count()).toBe(expected);
    expect(await cards.filter({ hasText: 'Pagabile con buono' }).count()).toBe(expected);
    // A choice that would leave nothing cannot be chosen; a chosen one stays.
    for (const label of await page.locator('label:has(.facet-count)').all()) {
      if (!/\(0\)$/.test((await label.innerText()).trim())) continue;
      const id = await label.getAttribute('for');
      const input = page.locator(`[id="${id}"]`);
      expect((await input.isDisabled()) || (await input.isChecked())).toBe(true);
    }
    await expectNoSeriousA11yProblem();

    // The back button takes the last filter away again.
    await page.goBack();
    await page.waitForURL((url) => url.search === '?q=babysitter&comune=tradate');
    await page.locator('#f-voucher:not(:checked)').waitFor();
    await page
      .getByRole('status')
      .getByText(/\d+ servizi? trovat[oi]/)
      .waitFor();
    expect(await page.locator('pz-service-card').count()).toBeGreaterThanOrEqual(expected);
    await page.goForward();
    await page.waitForURL(/voucher=1/);
  });

  it('sees the same results on a map drawn with no tile server, and as a list under it', async () => {
    const mapButton = page.getByRole('button', { name: 'Mappa' });
    await mapButton.click();
    await page.waitForURL(/vista=mappa/);
    expect(await mapButton.getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByRole('button', { name: 'Lista' }).getAttribute('aria-pressed')).toBe('false');

    await page.locator('.leaflet-container').waitFor();
    await page.locator('.pz-marker, .pz-cluster').first().waitFor();
    expect(await page.locator('.leaflet-tile').count()).toBe(0);
    expect(await page.locator('.pz-comune-label').count()).toBe(8);
    // Markers are reached with the keyboard and have a name.
    const marker = page.locator('.pz-marker, .pz-cluster').first();
    expect(await marker.getAttribute('tabindex')).toBe('0');
    expect(
      (await marker.innerText()).length + (await marker.locator('.visually-hidden').innerText()).length,
    ).toBeGreaterThan(0);

    const list = page.getByRole('region', { name: 'Elenco dei risultati sulla mappa' });
    const links = list.getByRole('link');
    expect(await links.count()).toBeGreaterThan(0);
    expect([...hosts]).toEqual([new URL(baseUrl).host]);
    await expectNoSeriousA11yProblem();
  });

  it('opens a service page with its price, and prints it without the site around it', async () => {
    const list = page.getByRole('region', { name: 'Elenco dei risultati sulla mappa' });
    const first = list.getByRole('link').first();
    const title = (await first.innerText()).trim();
    await first.click();
    await page.waitForURL(/\/servizi\/[a-z0-9-]+$/);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page
      .getByText(/\d+,\d{2}\s€ (all'ora|a incontro|al mese)|Gratuito/)
      .first()
      .waitFor();
    await page.getByText('Pagabile con i voucher del Comune').waitFor();
    await page.waitForFunction(`document.title === ${JSON.stringify(`${title} · Piazza Welfare`)}`);
    expect(await page.locator('meta[name="description"]').getAttribute('content')).not.toBe('');
    await expectNoSeriousA11yProblem();

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.it-header-wrapper').isVisible()).toBe(false);
    expect(await page.locator('footer.it-footer').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Stampa' }).isVisible()).toBe(false);
    expect(await page.getByText(`Pagina stampata da ${page.url()}`).isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    expect(await page.locator('header.it-header-wrapper').isVisible()).toBe(true);
  });

  it("shows an organisation's page with its services, and a service's next dates with free places", async () => {
    await page.goto(`${baseUrl}/enti/cortile-dei-ragazzi`);
    await page
      .getByRole('heading', { level: 1, name: 'Cooperativa Sociale Il Cortile dei Ragazzi' })
      .waitFor();
    await page.getByRole('heading', { level: 2, name: /^Servizi \(\d+\)$/ }).waitFor();
    const services = page.locator('pz-service-card');
    expect(await services.count()).toBeGreaterThan(0);
    expect(await page.getByRole('link', { name: 'Calendario (iCal)' }).getAttribute('href')).toMatch(
      /\.ics$/,
    );
    await expectNoSeriousA11yProblem();

    await page.getByRole('link', { name: 'Doposcuola per la scuola media' }).click();
    await page.waitForURL(/\/servizi\/doposcuola-medie-tradate$/);
    const dates = page.getByRole('region', { name: 'Prossime date disponibili' });
    await dates
      .getByText(/Posti liberi: \d+/)
      .first()
      .waitFor();
    await expectNoSeriousA11yProblem();
  });

  it('tells a visitor when a service does not exist', async () => {
    await page.goto(`${baseUrl}/servizi/servizio-che-non-esiste`);
    await page.getByRole('heading', { level: 1, name: 'Servizio non trovato' }).waitFor();
    await page.getByRole('link', { name: 'Vai al catalogo' }).waitFor();
  });

  it("shows this month's events in a calendar grid, then as a list, then one event", async () => {
    let month = monthOf(0);
    let events = (await (
      await fetch(`${baseUrl}/api/events?from=${month.from}&to=${month.to}&pageSize=200`)
    ).json()) as EventPage;
    await page.goto(`${baseUrl}/eventi`);
    await page.getByRole('heading', { level: 2, name: month.name }).waitFor();
    if (events.total === 0) {
      // Late in a month the demo's events may all be in the next one.
      month = monthOf(1);
      events = (await (
        await fetch(`${baseUrl}/api/events?from=${month.from}&to=${month.to}&pageSize=200`)
      ).json()) as EventPage;
      await page.getByRole('link', { name: 'Mese successivo' }).click();
      await page.getByRole('heading', { level: 2, name: month.name }).waitFor();
    }
    expect(events.total).toBeGreaterThan(0);
    const calendar = page.getByRole('table', { name: `Calendario degli eventi di ${month.name}` });
    expect(await calendar.getByRole('columnheader').count()).toBe(7);
    for (const event of events.items.slice(0, 5)) {
      await calendar.getByRole('link', { name: event.title }).first().waitFor();
    }
    expect(await page.getByRole('link', { name: 'Abbonati al calendario' }).getAttribute('href')).toBe(
      '/api/events.ics',
    );
    await expectNoSeriousA11yProblem();

    await page.getByRole('link', { name: 'Lista' }).click();
    await page.waitForURL(/vista=lista/);
    await page.getByRole('link', { name: events.items[0].title }).first().click();
    await page.waitForURL(new RegExp(`/eventi/${events.items[0].slug}$`));
    await page.getByRole('heading', { level: 1, name: events.items[0].title }).waitFor();
    await page
      .getByText(/(lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica) \d{1,2} [a-z]+ \d{4}/)
      .first()
      .waitFor();
    expect(await page.getByRole('link', { name: 'Aggiungi al calendario' }).getAttribute('href')).toMatch(
      /\.ics$/,
    );
    await expectNoSeriousA11yProblem();
  });

  it('finds the Social Points on a map, with their hours and how to get an appointment', async () => {
    await page.goto(`${baseUrl}/punti-sociali`);
    await page.getByRole('heading', { level: 1, name: 'Punti sociali' }).waitFor();
    const points = page.locator('article.point');
    await points.first().waitFor();
    await page.locator('.pz-marker').first().waitFor();
    expect(await page.locator('.pz-marker').count()).toBe(await points.count());
    await expectNoSeriousA11yProblem();

    await points.first().getByRole('heading').getByRole('link').click();
    await page.waitForURL(/\/punti-sociali\/[a-z0-9-]+$/);
    await page.getByText(/Prenotazione online in arrivo; per un appuntamento chiama il numero/).waitFor();
    await page.getByRole('table', { name: 'Orari di apertura' }).waitFor();
    await expectNoSeriousA11yProblem();
  });

  it('fits a 360 px wide phone, with the filters in a panel of their own', async () => {
    await context.close();
    ({ context, page } = await newPage(360, 740));
    for (const path of ['/catalogo?q=babysitter', '/servizi/doposcuola-medie-tradate', '/eventi', '/enti']) {
      await page.goto(baseUrl + path);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      expect({ path, width: await page.evaluate('document.documentElement.scrollWidth') }).toEqual({
        path,
        width: 360,
      });
    }
    await page.goto(`${baseUrl}/catalogo?q=babysitter`);
    await page.getByRole('button', { name: 'Filtri' }).click();
    const panel = page.getByRole('dialog', { name: 'Filtra i servizi' });
    await panel.waitFor();
    await panel.getByLabel(/Tradate \(\d+\)/).check();
    await page.waitForURL(/comune=tradate/);
    await expectNoSeriousA11yProblem();
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    expect(await page.getByRole('button', { name: /^Filtri \(1\)$/ }).isVisible()).toBe(true);
  });

  it('logged no error in the browser console', () => {
    expect(errors).toEqual([]);
  });
});
