import type { INestApplicationContext } from '@nestjs/common';
import { LedgerVerifier } from '@piazza/ledger';
import type { Browser, Page } from 'playwright-core';
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
import { SmtpCapture } from '../support/smtp-capture';
import { StripeStandIn } from '../support/stripe-stand-in';
import { startWorker } from '../support/test-worker';
import { householdOf } from '../support/vouchers';

const FAMILY = 'famiglia@demo.piazza.example';
const PROVIDER = 'cooperativa@demo.piazza.example';
const WEBHOOK_SECRET = 'whsec_piazza_checkout_card_0123456789';
/** ChildCare > babysitting of Tre Ciliegi, 15 € a place; the seed gives it no dates, the test adds one. */
const BABYSITTING = 'babysitting-serale-e-weekend';
/** SilverCare of Radici d'Argento, 35 € a session, no dates. */
const SILVERCARE = 'bagno-assistito-a-domicilio';
const JOURNEY_TIMEOUT = 180_000;

/** Asks `check` again every half second until it holds, for at most `timeoutMs`. */
async function eventually(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The order e-mail's English sentence (plain ASCII, unlike the encoded subject): "Your order N with … is paid." */
function mailSays(text: string, number: string, status: string): boolean {
  return new RegExp(`Your order ${number} with [^\\n]* is ${status}\\.`).test(text);
}

describe('A family pays 60% with its service voucher and the rest by card; the provider delivers; a cancelled order gives the voucher back', () => {
  let standIn: StripeStandIn;
  let smtp: SmtpCapture;
  const api = useListeningTestApi(async (url) => {
    // Stripe's hosted page calls the API's webhook, whose address is known before the API starts.
    standIn = await StripeStandIn.start({
      webhookUrl: `${url}/api/stripe/webhook`,
      webhookSecret: WEBHOOK_SECRET,
    });
    smtp = await SmtpCapture.start();
    return {
      WEB_DIST: webDist(),
      STRIPE_SECRET_KEY: 'sk_test_piazza_checkout_card',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_BASE: standIn.url,
    };
  });
  let browser: Browser;
  let worker: INestApplicationContext;
  const errors: string[] = [];
  const newPage = (options: JourneyPageOptions = {}) => openJourneyPage(browser, errors, options);
  const db = () => api.app.get(DataSource);
  /** The date the family books for the babysitting (two places). */
  let slotId = '';
  /** The two orders of the card checkout, by provider slug. */
  const orders: Record<string, { id: string; number: string }> = {};

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

  async function organisationId(slug: string): Promise<string> {
    const [row]: { id: string }[] = await db().query(`SELECT id FROM organisation WHERE slug = $1`, [slug]);
    return row.id;
  }

  /** From a service page, puts one place (or one session) in the cart; answers the line's total shown. */
  async function addToCart(page: Page, slug: string, slot?: string): Promise<string> {
    await page.goto(`${api.url}/servizi/${slug}`);
    const booking = page.getByTestId('add-to-cart');
    await booking.getByRole('button', { name: 'Aggiungi al carrello' }).waitFor();
    if (slot) await booking.getByLabel('Data').selectOption(slot);
    const total = (await booking.getByTestId('add-total').textContent()) ?? '';
    await expectAccessible(page);
    await booking.getByRole('button', { name: 'Aggiungi al carrello' }).click();
    await booking.getByTestId('added').waitFor();
    return total;
  }

  beforeAll(async () => {
    await givenDemoAmbito(api.app);
    // The demo's provider account also works for the two cooperatives the family buys from.
    await db().query(
      `INSERT INTO organisation_member (organisation_id, user_id, role)
       SELECT o.id, u.id, 'staff' FROM organisation o, user_account u
        WHERE o.slug IN ('tre-ciliegi', 'radici-d-argento') AND u.email = $1
       ON CONFLICT DO NOTHING`,
      [PROVIDER],
    );
    // An evening of babysitting in four days, 19:30–23:00 in Rome, for two children.
    [{ id: slotId }] = await db().query(
      `INSERT INTO service_slot (service_offer_id, starts_at, ends_at, capacity)
       SELECT s.id, d + interval '19 hours 30 minutes', d + interval '23 hours', 2
         FROM service_offer s,
              LATERAL (SELECT (date_trunc('day', now() AT TIME ZONE 'Europe/Rome') + interval '4 days')
                              AT TIME ZONE 'Europe/Rome' AS d) day
        WHERE s.slug = $1
       RETURNING id`,
      [BABYSITTING],
    );
    // Notices and e-mails go out through the outbox and the worker, as in production.
    worker = await startWorker(api.env.with({ SMTP_URL: smtp.url }));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await smtp?.close();
    await standIn?.close();
  });

  afterEach(() => {
    expect(errors.splice(0)).toEqual([]);
  });

  it(
    'lets the family put a babysitting date and a SilverCare service in the cart and pay 30 of 50 € with the voucher, the rest on the card page',
    async () => {
      expect(await serviceVoucherBalance()).toBe(10_000);
      const { page, context } = await newPage();
      await signIn(page, api.url, FAMILY);

      await expect(addToCart(page, BABYSITTING, slotId)).resolves.toContain('15,00');
      await expect(addToCart(page, SILVERCARE)).resolves.toContain('35,00');
      await expect(page.getByTestId('cart-link').getAttribute('aria-label')).resolves.toBe(
        'Carrello: 2 servizi',
      );

      await page.getByTestId('cart-link').click();
      await page.waitForURL(/\/carrello$/);
      await expect(page.getByTestId('cart-total').textContent()).resolves.toContain('50,00');
      // One group per cooperative: two orders.
      expect(await page.getByRole('heading', { name: /Tre Ciliegi/ }).count()).toBe(1);
      expect(await page.getByRole('heading', { name: /Radici d'Argento/ }).count()).toBe(1);
      await expectAccessible(page);
      await screenshot(page, 'checkout-card-cart');

      await page.getByTestId('to-checkout').click();
      await page.waitForURL(/\/carrello\/pagamento$/);
      const summary = page.getByTestId('checkout-summary');
      // The automatic choice would pay all 50 € with the voucher: the family keeps 40% of it for later.
      await expect(summary.getByTestId('voucher-total').textContent()).resolves.toContain('50,00');
      await page.getByLabel('Scegli quanto usare di ogni buono').check();
      const amounts = page.getByTestId('voucher-amounts');
      const amount = amounts.getByLabel(/Voucher servizi/);
      await expect(amount.inputValue()).resolves.toBe('50');
      await amount.fill('30');
      await expect(amounts.getByTestId('chosen-sum').textContent()).resolves.toMatch(
        /paghi 30,00\s€ su 50,00\s€/,
      );
      await expect(summary.getByTestId('voucher-total').textContent()).resolves.toContain('30,00');
      await expect(summary.getByTestId('card-total').textContent()).resolves.toContain('20,00');
      await expectAccessible(page);
      await screenshot(page, 'checkout-card-choose');

      await page.getByRole('button', { name: 'Paga 50,00 €' }).click();
      // Stripe's page (the stand-in's) asks for the card part only.
      await page.waitForURL(`${standIn.url}/pay/**`);
      await page.getByRole('heading', { name: 'Pagamento con carta' }).waitFor();
      await expect(page.getByTestId('stand-in-amount').textContent()).resolves.toMatch(/^20,00\s€$/);
      await expectAccessible(page);
      await screenshot(page, 'checkout-card-stripe');

      // "Annulla" first: back on Piazza, nothing charged, and a way back to the card page.
      await page.getByRole('link', { name: 'Annulla' }).click();
      await page.waitForURL(/\/ordini\/pagamento\/[0-9a-f-]{36}\?esito=annullato$/);
      await page.getByRole('heading', { level: 1, name: 'Pagamento annullato' }).waitFor();
      await expect(page.getByTestId('payment-status').textContent()).resolves.toContain(
        'non ti è stato addebitato nulla',
      );
      await expectAccessible(page);
      await screenshot(page, 'checkout-card-cancelled-payment');
      expect(standIn.deliveries).toEqual([]);
      await page.getByRole('link', { name: 'Torna alla pagina di pagamento' }).click();
      await page.waitForURL(`${standIn.url}/pay/**`);
      await page.getByRole('button', { name: 'Paga' }).click();

      await page.waitForURL(/\/ordini\/pagamento\/[0-9a-f-]{36}\?esito=ok$/);
      await expect(page.getByTestId('payment-status').textContent()).resolves.toMatch(
        /i 2 ordini sono pagati/,
      );
      await page.locator('[data-testid="cart-link"][aria-label="Carrello: vuoto"]').waitFor();
      const cards = page.getByTestId('payment-orders').getByTestId('order-card');
      expect(await cards.count()).toBe(2);
      for (const card of await cards.all()) {
        await expect(card.getByTestId('order-status').textContent()).resolves.toContain('Pagato');
      }
      await expectAccessible(page);
      await screenshot(page, 'checkout-card-paid');
      await context.close();

      // The webhook came once, signed, by HTTP; the voucher paid 30 €, the card 20 €; one place taken.
      expect(standIn.deliveries).toMatchObject([{ type: 'checkout.session.completed', status: 200 }]);
      const rows: {
        id: string;
        number: string;
        org: string;
        status: string;
        voucher: number;
        card: number;
      }[] = await db().query(
        `SELECT o.id, o.number, org.slug AS org, o.status, o.voucher_amount::int AS voucher, o.card_amount::int AS card
             FROM customer_order o JOIN organisation org ON org.id = o.provider_id ORDER BY o.number`,
      );
      expect(rows.map((r) => r.status)).toEqual(['paid', 'paid']);
      expect(rows.reduce((sum, r) => sum + r.voucher, 0)).toBe(3_000);
      expect(rows.reduce((sum, r) => sum + r.card, 0)).toBe(2_000);
      for (const row of rows) orders[row.org] = { id: row.id, number: row.number };
      expect(Object.keys(orders).sort()).toEqual(['radici-d-argento', 'tre-ciliegi']);
      expect(await serviceVoucherBalance()).toBe(7_000);
      const [{ booked }] = await db().query(`SELECT booked FROM service_slot WHERE id = $1`, [slotId]);
      expect(booked).toBe(1);
      expect((await api.app.get(LedgerVerifier).verify(db().manager)).ok).toBe(true);
      // The family hears of each paid order by e-mail.
      for (const { number } of Object.values(orders)) {
        await smtp.waitFor(FAMILY, (m) => mailSays(m.text, number, 'paid'), 20_000);
      }
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'tells the provider of the new order, and lets it confirm it and mark it delivered',
    async () => {
      const { number, id } = orders['tre-ciliegi'];
      const treCiliegi = await organisationId('tre-ciliegi');
      const { page, context } = await newPage();
      await signIn(page, api.url, PROVIDER);
      await page.goto(`${api.url}/avvisi`);
      await eventually(async () => {
        const text =
          (await page
            .getByTestId('notice-list')
            .textContent()
            .catch(() => '')) ?? '';
        if (text.includes(`Nuovo ordine ${number}`)) return true;
        await page.reload();
        return false;
      });
      await expectAccessible(page);

      await page.goto(`${api.url}/ente/ordini?ente=${treCiliegi}&stato=paid`);
      const card = page.getByTestId('order-card').filter({ hasText: number });
      await expect(card.textContent()).resolves.toContain('Babysitting serale');
      await expectAccessible(page);
      await card.getByRole('link', { name: `Ordine ${number}` }).click();
      await page.waitForURL(new RegExp(`/ente/ordini/${id}`));
      await page.getByTestId('confirm-order').click();
      await expect(page.getByTestId('order-step-done').textContent()).resolves.toContain('Ordine confermato');
      await expect(page.getByTestId('order-status').textContent()).resolves.toContain('Confermato');
      await expectAccessible(page);

      await page.getByTestId('fulfil-order').click();
      await expect(page.getByTestId('order-step-done').textContent()).resolves.toContain(
        'Ordine segnato come completato',
      );
      await expect(page.getByTestId('order-status').textContent()).resolves.toContain('Completato');
      await expectAccessible(page);
      await screenshot(page, 'checkout-card-provider-fulfilled');
      await context.close();

      await smtp.waitFor(FAMILY, (m) => mailSays(m.text, number, 'completed'), 20_000);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'lets the family book the last place with the voucher alone, cancel that order and find the voucher balance back',
    async () => {
      const { page, context } = await newPage({ width: 390, height: 844 });
      await signIn(page, api.url, FAMILY);
      // The order the provider delivered reads as such.
      await page.goto(`${api.url}/ordini`);
      const delivered = page.getByTestId('order-card').filter({ hasText: orders['tre-ciliegi'].number });
      await expect(delivered.getByTestId('order-status').textContent()).resolves.toContain('Completato');

      // The second place of the same evening, paid by the voucher alone.
      await addToCart(page, BABYSITTING, slotId);
      await page.getByTestId('cart-link').click();
      await page.getByTestId('to-checkout').click();
      await page.waitForURL(/\/carrello\/pagamento$/);
      await expect(page.getByTestId('card-total').textContent()).resolves.toContain('0,00');
      await page.getByRole('button', { name: 'Paga 15,00 €' }).click();
      await page.waitForURL(/\/ordini\/pagamento\/[0-9a-f-]{36}$/);
      await expect(page.getByTestId('payment-status').textContent()).resolves.toMatch(/l'ordine è pagato/);
      expect(await serviceVoucherBalance()).toBe(5_500);
      // The evening is now full: the service page no longer offers it.
      await page.goto(`${api.url}/servizi/${BABYSITTING}`);
      await page.getByTestId('add-to-cart').waitFor();
      expect(await page.locator(`#add-slot option[value="${slotId}"]`).count()).toBe(0);

      await page.goto(`${api.url}/ordini`);
      const booked = page
        .getByTestId('order-card')
        .filter({ hasText: 'Babysitting serale' })
        .filter({ has: page.getByText('Pagato', { exact: true }) });
      await booked.getByRole('link').click();
      await page.waitForURL(/\/ordini\/[0-9a-f-]{36}$/);
      const number = ((await page.locator('h1 .text-nowrap').textContent()) ?? '').trim();
      expect(number).toMatch(/^PZ-\d{4}-\d{6}$/);
      expect(Object.values(orders).map((o) => o.number)).not.toContain(number);
      await expectAccessible(page);

      await page.getByRole('button', { name: /^Annulla l.ordine/ }).click();
      await page.getByLabel(/Motivo/).fill('Abbiamo trovato una nonna disponibile.');
      await expectAccessible(page);
      await page.getByRole('button', { name: /^Sì, annulla l.ordine/ }).click();
      await page.getByText('Ordine annullato: i soldi tornano da dove erano partiti.').waitFor();
      await expect(page.getByTestId('order-status-text').textContent()).resolves.toContain(
        "L'ordine è stato annullato",
      );
      await expect(page.getByTestId('order-refunds').textContent()).resolves.toMatch(
        /Tornato sui buoni\s*15,00/,
      );
      await expect(page.locator('main').textContent()).resolves.toMatch(/rimborsato sul buono/);
      await expectAccessible(page);
      await screenshot(page, 'checkout-card-cancelled');

      // The wallet shows the 15 € back: 70 € of 100 € (30 € went to the first checkout).
      await page.goto(`${api.url}/buoni`);
      const voucher = page
        .getByTestId('wallet-list')
        .getByRole('listitem')
        .filter({ hasText: 'Voucher servizi' });
      await expect(voucher.getByTestId('voucher-balance').textContent()).resolves.toMatch(
        /Saldo\s*70,00\s€\s*su 100,00\s€/,
      );
      await expectAccessible(page);
      await screenshot(page, 'checkout-card-wallet');

      // And the evening has a free place again.
      await page.goto(`${api.url}/servizi/${BABYSITTING}`);
      await expect(page.locator(`#add-slot option[value="${slotId}"]`).textContent()).resolves.toMatch(
        /1 posto libero/,
      );
      await context.close();

      expect(await serviceVoucherBalance()).toBe(7_000);
      await smtp.waitFor(FAMILY, (m) => mailSays(m.text, number, 'cancelled'), 20_000);
      expect((await api.app.get(LedgerVerifier).verify(db().manager)).ok).toBe(true);
    },
    JOURNEY_TIMEOUT,
  );
});
