import type { INestApplicationContext } from '@nestjs/common';
import type { Browser } from 'playwright-core';
import { launchChromium, seriousA11yViolations } from '../support/browser';
import { openJourneyPage, signIn, webDist } from '../support/browser-journey';
import { givenDemoAmbito } from '../support/demo-ambito';
import { useListeningTestApi } from '../support/listening-test-api';
import { linkIn, SmtpCapture } from '../support/smtp-capture';
import { startWorker } from '../support/test-worker';

describe('A cooperative signs up and the Ufficio di Piano accredits it', () => {
  let smtp: SmtpCapture;
  const api = useListeningTestApi(async () => {
    smtp = await SmtpCapture.start();
    return { WEB_DIST: webDist() };
  });
  let worker: INestApplicationContext;
  let browser: Browser;
  const errors: string[] = [];

  const newPage = (width = 1280) => openJourneyPage(browser, errors, { width, timeout: 10_000 });

  beforeAll(async () => {
    await givenDemoAmbito(api.app);
    worker = await startWorker(api.env.with({ SMTP_URL: smtp.url }));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await smtp?.close();
  });

  it('signs up from the operators area and is told what happens next', async () => {
    const { page, context } = await newPage(390);
    await page.goto(`${api.url}/operatori`);
    await page.getByRole('link', { name: 'Registra il tuo ente o negozio' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Registra il tuo ente o negozio' }).waitFor();
    const form = page.locator('main form');
    await form.getByLabel('Cooperativa sociale').check();
    await form.getByLabel(/^Nome dell'ente o del negozio/).fill('Cooperativa Sociale Il Ponte');
    await form.getByLabel(/^Ragione sociale/).fill('Il Ponte Società Cooperativa Sociale');
    await form.getByLabel(/^Partita IVA/).fill('01234567897');
    await form.getByLabel(/^Comune della sede legale/).selectOption({ label: 'Vedano Olona' });
    await form.getByLabel(/^Indirizzo della sede legale/).fill('Via Roma 3, 21040 Vedano Olona VA');
    await form.getByLabel(/^E-mail dell'organizzazione/).fill('info@ilponte.example');
    await form.getByLabel(/^Telefono/).fill('+39 0332 000000');
    await form.getByLabel('Nome', { exact: true }).fill('Elena');
    await form.getByLabel('Cognome', { exact: true }).fill('Ponti');
    await form.getByLabel(/^Il tuo indirizzo e-mail/).fill('elena@ilponte.example');
    await form
      .getByLabel(/^Password/)
      .first()
      .fill('password-del-ponte');
    await form.getByRole('button', { name: 'Invia la richiesta' }).click();
    await page.getByRole('heading', { name: 'Richiesta inviata' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });

  it('confirms the e-mail, signs in and sees the request waiting', async () => {
    const mail = await smtp.waitFor('elena@ilponte.example', (m) => m.text.includes('/accesso/verifica'));
    const { page, context } = await newPage();
    await page.goto(linkIn(mail, '/accesso/verifica').url);
    await page.getByRole('heading', { name: 'Indirizzo confermato' }).waitFor();
    await signIn(page, api.url, 'elena@ilponte.example', 'password-del-ponte');
    await page.goto(`${api.url}/ente`);
    await page.getByText('In attesa di accreditamento').first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });

  it('is accredited by the admin from the queue, and the cooperative sees it', async () => {
    const { page, context } = await newPage();
    await signIn(page, api.url, 'ufficio.piano@demo.piazza.example');
    await page.goto(`${api.url}/amministrazione/accreditamenti`);
    const request = page.getByRole('article').filter({ hasText: 'Cooperativa Sociale Il Ponte' });
    await request.waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await request.getByRole('button', { name: 'Accredita' }).click();
    await page.getByText('Cooperativa Sociale Il Ponte è stato accreditato.').waitFor();
    await context.close();

    const notice = await smtp.waitFor('info@ilponte.example');
    expect(notice.text).toContain('accreditato Cooperativa Sociale Il Ponte');

    const owner = await newPage();
    await signIn(owner.page, api.url, 'elena@ilponte.example', 'password-del-ponte');
    await owner.page.goto(`${api.url}/ente`);
    await owner.page.getByText('Accreditato', { exact: true }).first().waitFor();
    await owner.context.close();
  });

  it('logged no unexpected error in the browser console', () => {
    expect(errors).toEqual([]);
  });
});
