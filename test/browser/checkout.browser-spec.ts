import { LedgerVerifier } from '@piazza/ledger';
import type { Browser } from 'playwright-core';
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
import { householdOf } from '../support/vouchers';

const FAMILY = 'famiglia@demo.piazza.example';
const PROVIDER = 'cooperativa@demo.piazza.example';
/** A FamilyCare service of Casa dei Gelsi, 55 € a session, one place per date: the service voucher pays it. */
const SERVICE = 'sostegno-psicologico-individuale';
const JOURNEY_TIMEOUT = 180_000;

describe('A family books a date with its service voucher, the provider confirms the order', () => {
  const api = useListeningTestApi(async () => ({ WEB_DIST: webDist() }));
  let browser: Browser;
  const errors: string[] = [];
  const newPage = (options: JourneyPageOptions = {}) => openJourneyPage(browser, errors, options);
  const db = () => api.app.get(DataSource);
  /** The order the family placed, as its number ("PZ-2026-000001"). */
  let orderNumber = '';

  /** The balance of the family's service voucher (the demo gives it one of 100 €), in cents. */
  async function serviceVoucherBalance(): Promise<number> {
    const [row]: { balance: number }[] = await db().query(
      `SELECT a.balance::int AS balance FROM voucher v
         JOIN voucher_kind k ON k.id = v.kind_id AND k.slug = 'voucher-servizi'
         JOIN ledger_account a ON a.id = v.account_id
       WHERE v.household_id = $1`,
      [await householdOf(api.app, FAMILY)],
    );
    return row.balance;
  }

  beforeAll(async () => {
    await givenDemoAmbito(api.app);
    // The demo's provider account works for Il Cortile dei Ragazzi (YouCare, which the service voucher
    // does not pay): in this journey it works for Casa dei Gelsi, whose psychologist the family books.
    await db().query(
      `UPDATE organisation_member SET organisation_id = (SELECT id FROM organisation WHERE slug = 'casa-dei-gelsi')
       WHERE user_id = (SELECT id FROM user_account WHERE email = $1)`,
      [PROVIDER],
    );
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(() => {
    expect(errors.splice(0)).toEqual([]);
  });

  it(
    'lets the family put a date in the cart from the service page and pay it with the service voucher alone',
    async () => {
      expect(await serviceVoucherBalance()).toBe(10_000);
      const { page, context } = await newPage({ width: 390, height: 844 });
      await signIn(page, api.url, FAMILY);
      await page.goto(`${api.url}/servizi/${SERVICE}`);
      const booking = page.getByTestId('add-to-cart');
      await booking.getByLabel('Data').waitFor();
      // The first date with a free place ("giovedì 3 dicembre, 15:00–15:50 – 1 posto libero").
      const firstFree = booking.locator('#add-slot option:not([disabled]):not([value=""])').first();
      const slotId = await firstFree.getAttribute('value');
      expect(await firstFree.textContent()).toMatch(/1 posto libero/);
      await booking.getByLabel('Data').selectOption(slotId!);
      await expect(booking.getByTestId('add-total').textContent()).resolves.toContain('55,00');
      await expectAccessible(page);
      await booking.getByRole('button', { name: 'Aggiungi al carrello' }).click();
      await booking.getByTestId('added').waitFor();
      await expect(page.getByTestId('cart-link').getAttribute('aria-label')).resolves.toBe(
        'Carrello: 1 servizio',
      );
      await screenshot(page, 'checkout-service-added');

      await booking.getByRole('link', { name: /Vai al carrello/ }).click();
      await page.waitForURL(/\/carrello$/);
      await expect(page.getByTestId('cart-total').textContent()).resolves.toContain('55,00');
      // One group, headed by the provider: it becomes one order.
      expect(await page.getByRole('heading', { name: /Casa dei Gelsi/ }).count()).toBe(1);
      await expect(page.getByTestId('cart-lines').textContent()).resolves.toContain('1 posto libero');
      await expectAccessible(page);
      await screenshot(page, 'checkout-cart');

      await page.getByTestId('to-checkout').click();
      await page.waitForURL(/\/carrello\/pagamento$/);
      const summary = page.getByTestId('checkout-summary');
      await summary.waitFor();
      // Automatic choice: the service voucher pays everything, nothing is left for the card.
      await expect(summary.getByTestId('voucher-total').textContent()).resolves.toContain('55,00');
      await expect(summary.getByTestId('card-total').textContent()).resolves.toContain('0,00');
      await expect(page.getByTestId('planned-order').textContent()).resolves.toMatch(/Voucher servizi/);
      expect(await page.getByTestId('card-unavailable').count()).toBe(0);
      await expectAccessible(page);
      await screenshot(page, 'checkout-payment');

      await page.getByRole('button', { name: 'Paga 55,00 €' }).click();
      await page.waitForURL(/\/ordini\/pagamento\/[0-9a-f-]{36}$/);
      await expect(page.getByTestId('payment-status').textContent()).resolves.toMatch(/l'ordine è pagato/);
      // The header's cart followed the payment without a reload.
      await page.locator('[data-testid="cart-link"][aria-label="Carrello: vuoto"]').waitFor();
      await expectAccessible(page);

      await page.goto(`${api.url}/ordini`);
      const order = page.getByTestId('order-card').first();
      await expect(order.getByTestId('order-status').textContent()).resolves.toContain('Pagato');
      orderNumber = ((await order.getByRole('link').textContent()) ?? '').replace('Ordine', '').trim();
      expect(orderNumber).toMatch(/^PZ-\d{4}-\d{6}$/);
      await expectAccessible(page);
      await screenshot(page, 'checkout-orders-paid');
      await context.close();

      // The voucher paid the provider; the date's one place is taken; the ledger still adds up.
      expect(await serviceVoucherBalance()).toBe(4_500);
      const [{ booked }] = await db().query(`SELECT booked FROM service_slot WHERE id = $1`, [slotId]);
      expect(booked).toBe(1);
      expect((await api.app.get(LedgerVerifier).verify(db().manager)).ok).toBe(true);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'shows the provider the paid order and its booking, and lets it confirm the order',
    async () => {
      expect(orderNumber).not.toBe('');
      const { page, context } = await newPage();
      await signIn(page, api.url, PROVIDER);
      await page.goto(`${api.url}/ente/ordini?stato=paid`);
      const card = page.getByTestId('order-card').filter({ hasText: orderNumber });
      await expect(card.textContent()).resolves.toContain('Sostegno psicologico individuale');
      await expectAccessible(page);
      await screenshot(page, 'checkout-provider-orders');

      await card.getByRole('link', { name: `Ordine ${orderNumber}` }).click();
      await page.getByTestId('confirm-order').waitFor();
      await expect(page.getByTestId('order-household').textContent()).resolves.toContain('Tradate');
      await expectAccessible(page);
      await page.getByTestId('confirm-order').click();
      await expect(page.getByTestId('order-step-done').textContent()).resolves.toContain('Ordine confermato');
      await expect(page.getByTestId('order-status').textContent()).resolves.toContain('Confermato');
      await expectAccessible(page);
      await screenshot(page, 'checkout-provider-confirmed');

      // The week of the booked date lists the order under its slot, with the place taken.
      const [{ day }] = await db().query(
        `SELECT to_char(sl.starts_at AT TIME ZONE 'Europe/Rome', 'YYYY-MM-DD') AS day
           FROM customer_order o JOIN order_line l ON l.order_id = o.id JOIN service_slot sl ON sl.id = l.slot_id
          WHERE o.number = $1`,
        [orderNumber],
      );
      await page.goto(`${api.url}/ente/prenotazioni?settimana=${day}`);
      const slot = page.getByTestId('booking-slot').filter({ hasText: orderNumber });
      await expect(slot.textContent()).resolves.toMatch(/Posti prenotati: 1 su 1.*completo/s);
      await expectAccessible(page);
      await screenshot(page, 'checkout-provider-bookings');
      await context.close();
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'tells the family the order is confirmed',
    async () => {
      const { page, context } = await newPage({ width: 390, height: 844 });
      await signIn(page, api.url, FAMILY);
      await page.goto(`${api.url}/ordini`);
      const order = page.getByTestId('order-card').filter({ hasText: orderNumber });
      await expect(order.getByTestId('order-status').textContent()).resolves.toContain('Confermato');
      await order.getByRole('link', { name: `Ordine ${orderNumber}` }).click();
      await expect(page.getByTestId('order-status-text').textContent()).resolves.toContain(
        "L'ente ha confermato l'ordine",
      );
      // Which voucher paid, and how much.
      await expect(page.locator('main').textContent()).resolves.toMatch(/Voucher servizi.*55,00/s);
      await expectAccessible(page);
      await screenshot(page, 'checkout-family-confirmed');
      await context.close();
    },
    JOURNEY_TIMEOUT,
  );
});
