import type { INestApplicationContext } from '@nestjs/common';
import { LedgerVerifier } from '@piazza/ledger';
import jsQR from 'jsqr';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import sharp from 'sharp';
import { DataSource } from 'typeorm';
import { launchChromium } from '../support/browser';
import {
  expectAccessible,
  type JourneyPageOptions,
  openJourneyPage,
  screenshot,
  signIn,
  webDist,
} from '../support/browser-journey';
import { givenDemoAmbito } from '../support/demo-ambito';
import { useListeningTestApi } from '../support/listening-test-api';
import { startWorker } from '../support/test-worker';
import { householdOf } from '../support/vouchers';

const FAMILY = 'famiglia@demo.piazza.example';
const SOCIAL = 'assistente.sociale@demo.piazza.example';
const MERCHANT = 'negozio@demo.piazza.example';
const JOURNEY_TIMEOUT = 180_000;

/** `YYYY-MM-DD` a number of days from today. */
function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Decodes the QR code printed on the first page of a PDF, as a phone would read it from paper. */
async function qrFromPdf(pdfPath: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'piazza-qr-'));
  try {
    execFileSync('pdftoppm', ['-r', '150', '-png', '-f', '1', '-l', '1', pdfPath, join(dir, 'page')]);
    const png = readFileSync(join(dir, 'page-1.png'));
    const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const code = jsQR(
      new Uint8ClampedArray(data.buffer, data.byteOffset, data.length),
      info.width,
      info.height,
    );
    if (!code) throw new Error('no QR code found on the PDF page');
    return code.data;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('A social worker assigns vouchers, the family downloads one, a shop takes it in three goes', () => {
  const api = useListeningTestApi(async () => ({ WEB_DIST: webDist() }));
  let browser: Browser;
  let worker: INestApplicationContext;
  const errors: string[] = [];
  const downloads = mkdtempSync(join(tmpdir(), 'piazza-downloads-'));
  /** What the family's PDF carried, for the shop. */
  let token = '';
  const newPage = (options: JourneyPageOptions = {}) =>
    openJourneyPage(browser, errors, { acceptDownloads: true, ...options });

  beforeAll(async () => {
    await givenDemoAmbito(api.app);
    // The worker issues what the social worker assigns.
    worker = await startWorker(api.env.config);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    rmSync(downloads, { recursive: true, force: true });
  });

  afterEach(() => {
    expect(errors.splice(0)).toEqual([]);
  });

  it(
    'lets a social worker assign 100 euro as two vouchers of 50 to the demo family',
    async () => {
      const { page, context } = await newPage();
      await signIn(page, api.url, SOCIAL);
      await page.goto(`${api.url}/servizi-sociali/nuclei/${await householdOf(api.app, FAMILY)}`);
      const form = page.getByTestId('assign-form');
      await selectByText(form.getByLabel('Fondo'), /Buoni spesa emergenza 2026/);
      await selectByText(form.getByLabel('Tipo di buono'), /^Buono spesa/);
      await form.getByLabel('Totale da assegnare, in euro').fill('100');
      await form.getByLabel('Numero di buoni').fill('2');
      await form.getByLabel('Valore di ciascuno, in euro').fill('50');
      await expect(page.getByTestId('assign-sum').textContent()).resolves.toContain('100,00');
      await form.getByLabel('Valido fino al').fill(inDays(60));
      await expectAccessible(page);
      await form.getByRole('button', { name: 'Assegna i buoni' }).click();

      // The worker issues them within seconds; the page shows them when they are there.
      const list = page.getByTestId('household-vouchers');
      await eventually(async () => ((await list.textContent())?.match(/50,00/g)?.length ?? 0) >= 2, 30_000);
      await screenshot(page, 'social-worker-assigned');
      await context.close();
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'shows the family its new vouchers and gives the PDF, whose QR code carries the signed token',
    async () => {
      const { page, context } = await newPage({ width: 390, height: 844 });
      await signIn(page, api.url, FAMILY);
      await page.goto(`${api.url}/buoni`);
      const wallet = page.getByTestId('wallet-list');
      await eventually(async () => ((await wallet.textContent())?.match(/50,00/g)?.length ?? 0) >= 2, 20_000);
      await expectAccessible(page);
      await screenshot(page, 'wallet');

      await wallet.getByRole('listitem').filter({ hasText: '50,00' }).first().getByRole('link').click();
      await page.waitForURL(/\/buoni\/[0-9a-f-]{36}$/);
      await expect(page.getByTestId('voucher-balance').textContent()).resolves.toContain('50,00');
      await page.getByTestId('voucher-qr').waitFor({ state: 'visible' });
      await expectAccessible(page);
      await screenshot(page, 'voucher');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: /Scarica/ }).click(),
      ]);
      const pdfPath = join(downloads, 'buono.pdf');
      await download.saveAs(pdfPath);
      expect(readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
      token = await qrFromPdf(pdfPath);
      expect(token).toMatch(/^PZ1/);
      await context.close();
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'lets the shop take 12,50 then 30 from the scanned code, and refuses 80 with the balance left',
    async () => {
      expect(token).not.toBe('');
      const { page, context } = await newPage({ width: 390, height: 844 });
      // A camera that films the QR code decoded from the family's PDF: the page's real scanner reads it.
      await context.addInitScript({ content: fakeCameraFilming(await qrDataUrl(token)) });
      await signIn(page, api.url, MERCHANT);
      await page.goto(`${api.url}/ente/incassa`);
      await expectAccessible(page);

      const redeem = async (amount: string) => {
        await page.getByTestId('open-camera').click();
        await page.getByTestId('voucher-check').waitFor({ state: 'visible' });
        await page.getByLabel('Importo da incassare, in euro').fill(amount);
        await page.getByRole('button', { name: 'Continua' }).click();
      };

      await redeem('12,50');
      await expect(page.getByTestId('check-balance').textContent()).resolves.toContain('50,00');
      await page.getByRole('button', { name: 'Incassa 12,50 €' }).click();
      await expect(page.getByTestId('receipt-balance').textContent()).resolves.toContain('37,50');
      await screenshot(page, 'merchant-receipt');

      await page.getByTestId('new-redemption').click();
      await redeem('30');
      await page.getByRole('button', { name: 'Incassa 30,00 €' }).click();
      await expect(page.getByTestId('receipt-balance').textContent()).resolves.toContain('7,50');

      await page.getByTestId('new-redemption').click();
      await page.getByTestId('open-camera').click();
      await page.getByTestId('voucher-check').waitFor({ state: 'visible' });
      await page.getByLabel('Importo da incassare, in euro').fill('80');
      await page.getByRole('button', { name: 'Continua' }).click();
      await expect(page.locator('main').textContent()).resolves.toMatch(/7,50/);
      expect(await page.getByRole('button', { name: /Incassa 80,00/ }).count()).toBe(0);
      await screenshot(page, 'merchant-refused');
      await context.close();

      const [{ balance }] = await api.app.get(DataSource).query(
        `SELECT a.balance::int AS balance FROM voucher v JOIN ledger_account a ON a.id = v.account_id
           WHERE v.token = $1`,
        [token],
      );
      expect(balance).toBe(750);
      expect((await api.app.get(LedgerVerifier).verify(api.app.get(DataSource).manager)).ok).toBe(true);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'tells the family what the shop took, in the bell',
    async () => {
      const { page, context } = await newPage();
      await signIn(page, api.url, FAMILY);
      // The worker delivers notices from the outbox; the bell asks when the page loads (its answer comes
      // after the load event), so read the bell for a while and reload now and then.
      let tries = 0;
      await eventually(async () => {
        const label = await page.getByTestId('notice-bell').getAttribute('aria-label');
        if (/avvis[io] non lett/.test(label ?? '')) return true;
        if (++tries % 12 === 0) await page.reload();
        return false;
      }, 30_000);
      await page.goto(`${api.url}/avvisi`);
      await expect(page.getByTestId('notice-list').textContent()).resolves.toContain('12,50');
      await expectAccessible(page);
      await context.close();
    },
    JOURNEY_TIMEOUT,
  );
});

/**
 * A camera for the page (a script run before the app): getUserMedia answers with a canvas stream that
 * films an image, so the page's own scanner (jsqr on video frames) has a real QR code to read.
 */
function fakeCameraFilming(imageUrl: string): string {
  return `
    navigator.mediaDevices.getUserMedia = async () => {
      const canvas = document.createElement('canvas');
      canvas.width = 480;
      canvas.height = 480;
      const paint = canvas.getContext('2d');
      const image = new Image();
      image.src = ${JSON.stringify(imageUrl)};
      await image.decode();
      const draw = () => {
        paint.fillStyle = '#fff';
        paint.fillRect(0, 0, 480, 480);
        paint.drawImage(image, 40, 40, 400, 400);
      };
      draw();
      setInterval(draw, 100);
      return canvas.captureStream(10);
    };`;
}

async function eventually(probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > until) throw new Error(`not true within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Picks the option of a <select> whose text matches. */
async function selectByText(select: Locator, text: RegExp): Promise<void> {
  let label: string | undefined;
  // The options arrive with the page's data.
  await eventually(async () => {
    label = (await select.locator('option').allTextContents()).find((l) => text.test(l.trim()));
    return label !== undefined;
  }, 10_000);
  await select.selectOption({ label: label!.trim() });
}

async function qrDataUrl(text: string): Promise<string> {
  const QRCode = await import('qrcode');
  return QRCode.toDataURL([{ data: text, mode: 'alphanumeric' }], {
    errorCorrectionLevel: 'M',
    margin: 4,
    scale: 6,
  });
}
