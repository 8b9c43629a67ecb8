import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { launchChromium, seriousA11yViolations } from '../support/browser';
import { openJourneyPage, webDist } from '../support/browser-journey';
import { givenDemoAmbito } from '../support/demo-ambito';
import { createTestApi } from '../support/test-api';
import { createTestEnv, type TestEnv } from '../support/test-env';

describe('A visitor on the home page', () => {
  let env: TestEnv;
  let app: NestFastifyApplication;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;
  const errors: string[] = [];

  beforeAll(async () => {
    env = await createTestEnv({ WEB_DIST: webDist() });
    app = await createTestApi(env.config);
    await givenDemoAmbito(app);
    await app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = await app.getUrl();
    browser = await launchChromium();
    // Playwright's own default timeout; no console error is expected on these pages.
    ({ page } = await openJourneyPage(browser, errors, {
      width: 390,
      height: 844,
      timeout: 30_000,
      expectedConsoleErrors: null,
    }));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await env?.close();
  });

  it('sees the Ambito, its Comuni and the three ways in, in Italian, with no serious accessibility problem', async () => {
    await page.goto(baseUrl);
    await page.getByRole('heading', { level: 1, name: 'Servizi per le famiglie, vicino a casa' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('it');
    expect(await page.title()).toContain('Piazza Welfare');
    for (const entry of ['Cerca servizi', 'I miei buoni', 'Area operatori']) {
      await page.getByRole('link', { name: entry, exact: true }).first().waitFor();
    }
    const contentinfo = page.getByRole('contentinfo');
    for (const comune of ['Castelseprio', 'Tradate', 'Venegono Superiore']) {
      await contentinfo.getByRole('link', { name: comune, exact: true }).waitFor();
    }
    // The skip link is the first thing the keyboard reaches.
    await page.keyboard.press('Tab');
    expect((await page.locator(':focus').textContent())?.trim()).toBe('Vai al contenuto principale');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('switches to English, which sticks after a reload', async () => {
    await page.getByRole('button', { name: /ENG/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Services for families, close to home' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Services for families, close to home' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('reaches the catalogue from the home page and finds services', async () => {
    await page.getByRole('link', { name: 'Find services', exact: true }).click();
    await page.waitForURL(/\/catalogo$/);
    await page.getByRole('heading', { level: 1, name: 'Service catalogue' }).waitFor();
    await page.getByText(/\d+ services found/).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('opens a deep link directly, and gets a real page for an unknown address', async () => {
    await page.goto(`${baseUrl}/catalogo?q=babysiter&comune=tradate`);
    await page
      .getByText(/Babysitting/)
      .first()
      .waitFor();
    await page.goto(`${baseUrl}/una-pagina-che-non-esiste`);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('shows a new name and colour as soon as the Ambito changes its settings, with no code change', async () => {
    await app
      .get(DataSource)
      .query(`UPDATE ambito_settings SET name = 'Welfare Insieme', primary_color = '#1a5e20'`);
    await page.goto(baseUrl);
    await page.waitForFunction(`document.title.includes('Welfare Insieme')`);
    await page.getByRole('contentinfo').getByText('Welfare Insieme').first().waitFor();
    expect(await page.locator('html').getAttribute('style')).toContain('--bs-primary: #1a5e20');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('logged no error in the browser console', () => {
    expect(errors).toEqual([]);
  });
});
