import type { INestApplicationContext } from '@nestjs/common';
import { fiscalCodeCheckChar } from '@piazza/identity';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, seriousA11yViolations } from '../support/browser';
import { openJourneyPage, signIn, webDist } from '../support/browser-journey';
import { givenDemoAmbito } from '../support/demo-ambito';
import { useListeningTestApi } from '../support/listening-test-api';
import { linkIn, SmtpCapture } from '../support/smtp-capture';
import { startWorker } from '../support/test-worker';

const withCheck = (first15: string) => first15 + fiscalCodeCheckChar(first15);

describe('A citizen signs up, confirms the e-mail, signs in and adds a household member', () => {
  let smtp: SmtpCapture;
  const api = useListeningTestApi(async () => {
    smtp = await SmtpCapture.start();
    return { WEB_DIST: webDist() };
  });
  let worker: INestApplicationContext;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    await givenDemoAmbito(api.app);
    worker = await startWorker(api.env.with({ SMTP_URL: smtp.url }));
    browser = await launchChromium();
    // A refused form answer (4xx) is expected in this journey; any other console error is a defect.
    ({ page } = await openJourneyPage(browser, errors, { width: 390, height: 844, timeout: 10_000 }));
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await smtp?.close();
  });

  it('registers with the household data, and is told to check the e-mail', async () => {
    await page.goto(`${api.url}/registrati`);
    await page.getByRole('heading', { level: 1, name: 'Registrati' }).waitFor();
    const form = page.locator('main form');
    await form.getByLabel('Nome', { exact: true }).fill('Chiara');
    await form.getByLabel('Cognome', { exact: true }).fill('Esempio');
    // A typo in the check character is caught by the server and shown next to the field.
    const code = withCheck('SMPCHR88D52L319');
    const typo = code.slice(0, 15) + (code[15] === 'A' ? 'B' : 'A');
    await form.getByLabel(/Codice fiscale/).fill(typo.toLowerCase());
    await form.getByLabel('Data di nascita').fill('1988-04-12');
    await form.getByLabel(/Comune di residenza/).selectOption({ label: 'Tradate' });
    await form.getByRole('textbox', { name: /^Indirizzo(?! e-mail)/ }).fill('Via Mazzini 5');
    await form.getByLabel(/Indirizzo e-mail/).fill('chiara.esempio@example.org');
    await form
      .getByLabel(/^Password/)
      .first()
      .fill('una-password-lunga-abbastanza');
    await form.getByText(/Acconsento al trattamento/).click();
    expect(await form.getByRole('checkbox').isChecked()).toBe(true);
    await form.getByRole('button', { name: 'Registrati' }).click();
    await page
      .getByText(/carattere di controllo/)
      .first()
      .waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await form.getByLabel(/Codice fiscale/).fill(code);
    await form.getByRole('button', { name: 'Registrati' }).click();
    await page.getByRole('heading', { name: 'Controlla la tua e-mail' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('opens the link from the e-mail and signs in', async () => {
    const mail = await smtp.waitFor('chiara.esempio@example.org', (m) =>
      m.text.includes('/accesso/verifica'),
    );
    const { url } = linkIn(mail, '/accesso/verifica');
    expect(url.startsWith(api.url)).toBe(true);
    await page.goto(url);
    await page.getByRole('heading', { name: 'Indirizzo confermato' }).waitFor();

    await signIn(page, api.url, 'chiara.esempio@example.org', 'una-password-lunga-abbastanza');
    await page.getByRole('heading', { level: 1, name: 'Il mio profilo' }).waitFor();
    await page.getByText('Chiara Esempio').first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('adds a child to the household and sees it listed', async () => {
    const form = page.getByRole('region', { name: 'Aggiungi un componente' });
    await form.getByLabel('Nome', { exact: true }).fill('Pietro');
    await form.getByLabel('Cognome', { exact: true }).fill('Esempio');
    await form.getByLabel(/Codice fiscale/).fill(withCheck('SMPPTR16E20L319'));
    await form.getByLabel('Data di nascita').fill('2016-05-20');
    await form.getByLabel(/Relazione con te/).selectOption({ label: 'Figlio/a' });
    await form.getByRole('button', { name: 'Aggiungi' }).click();
    await page.getByText('Pietro Esempio è stato aggiunto al nucleo familiare.').waitFor();
    await page.getByText('Pietro').first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('logged no unexpected error in the browser console', () => {
    expect(errors).toEqual([]);
  });
});
