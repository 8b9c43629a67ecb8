import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { seriousA11yViolations } from './browser';

/** The password of every demo account (`givenDemoAmbito`). */
export const DEMO_PASSWORD = 'Piazza-demo-2026';

/** The built web app the API serves; WEB_DIST lets a build elsewhere be tested without touching dist/. */
export function webDist(): string {
  return process.env['WEB_DIST'] ?? join(__dirname, '../../dist/web/browser');
}

export interface JourneyPageOptions {
  width?: number;
  height?: number;
  /** How long each step may wait (Playwright's default timeout). */
  timeout?: number;
  /** Console errors the journey expects (a form answer refused with a 4xx), or null when none is. */
  expectedConsoleErrors?: RegExp | null;
  acceptDownloads?: boolean;
}

/**
 * A page in a fresh Italian browser context whose script errors and unexpected console errors land in
 * `errors`, for the journey to assert there were none.
 */
export async function openJourneyPage(
  browser: Browser,
  errors: string[],
  {
    width = 1280,
    height = 900,
    timeout = 20_000,
    expectedConsoleErrors = /status of 4\d\d/,
    acceptDownloads,
  }: JourneyPageOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width, height },
    locale: 'it-IT',
    ...(acceptDownloads === undefined ? {} : { acceptDownloads }),
  });
  const page = await context.newPage();
  page.setDefaultTimeout(timeout);
  page.on('pageerror', (error) => errors.push(error.message));
  page.on(
    'console',
    (m) => m.type() === 'error' && !expectedConsoleErrors?.test(m.text()) && errors.push(m.text()),
  );
  return { context, page };
}

/** Signs in through the login page and waits for the profile it lands on. */
export async function signIn(
  page: Page,
  baseUrl: string,
  email: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await page.goto(`${baseUrl}/accedi`);
  const form = page.locator('main form').first();
  await form.getByLabel(/e-mail/i).fill(email);
  await form
    .getByLabel(/^Password/)
    .first()
    .fill(password);
  await form.getByRole('button', { name: 'Accedi' }).click();
  await page.waitForURL(/\/profilo$/);
}

/** axe finds no serious violation on the page at rest. */
export async function expectAccessible(page: Page): Promise<void> {
  // No button left half-way through its hover transition under the pointer.
  await page.mouse.move(0, 0);
  await page.waitForTimeout(300);
  expect(await seriousA11yViolations(page)).toEqual([]);
}

/** Saves the whole page, or one part of it, as `h5-<name>.png` in SCREENSHOTS_DIR when that is set. */
export async function screenshot(page: Page, name: string, part?: Locator): Promise<void> {
  const dir = process.env['SCREENSHOTS_DIR'];
  if (!dir) return;
  const path = join(dir, `h5-${name}.png`);
  if (part) await part.screenshot({ path });
  else await page.screenshot({ path, fullPage: true });
}
