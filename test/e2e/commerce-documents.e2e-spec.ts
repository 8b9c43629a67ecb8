import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { givenDemoAmbito } from '../support/demo-ambito';
import { HttpClient } from '../support/http-client';
import { StripeStandIn } from '../support/stripe-stand-in';
import { useTestApi } from '../support/test-api';
import { givenFund, givenVouchers, householdOf } from '../support/vouchers';

const WEBHOOK_SECRET = 'whsec_piazza_documents_0123456789';
const FAMILY = 'famiglia@demo.piazza.example';
const NEIGHBOUR = 'vicina@documenti.example';
const PROVIDER = 'cooperativa@demo.piazza.example';

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'piazza-pdf-'));
  try {
    writeFileSync(join(dir, 'a.pdf'), pdf);
    return execFileSync('pdftotext', ['-layout', join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('Order receipts and the provider’s voucher statements', () => {
  let standIn: StripeStandIn;
  const overrides: Record<string, string> = {
    STRIPE_SECRET_KEY: 'sk_test_piazza_documents',
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
  };
  beforeAll(async () => {
    standIn = await StripeStandIn.start();
    overrides['STRIPE_API_BASE'] = standIn.url;
  });
  const api = useTestApi(overrides);
  afterAll(() => standIn?.close());

  const db = () => api.app.get(DataSource);
  let family: HttpClient;
  let neighbour: HttpClient;
  let provider: HttpClient;
  let org: string;
  let month: string;
  const vouchers = {} as Record<'family' | 'neighbour', { id: string; code: string }>;
  const orders = {} as Record<
    'voucherOnly' | 'withCard' | 'cancelled' | 'pending',
    { id: string; number: string }
  >;

  const slotOf = async (slug: string, skip: number) => {
    const [row]: { service: string; slot: string }[] = await db().query(
      `SELECT s.id AS service, sl.id AS slot FROM service_offer s JOIN service_slot sl ON sl.service_offer_id = s.id
       WHERE s.slug = $1 AND sl.starts_at > now() + interval '2 days' AND sl.cancelled_at IS NULL
         AND sl.booked < sl.capacity
       ORDER BY sl.starts_at OFFSET $2 LIMIT 1`,
      [slug, skip],
    );
    return row;
  };
  const buy = async (client: HttpClient, slug: string, skip: number, choice: unknown = 'auto') => {
    const { service, slot } = await slotOf(slug, skip);
    await client.delete('/api/cart');
    expect(
      (await client.post('/api/cart/lines', { serviceId: service, slotId: slot, quantity: 1 })).status,
    ).toBe(201);
    const res = await client.post(
      '/api/checkout',
      { vouchers: choice },
      { headers: { 'idempotency-key': randomUUID() } },
    );
    expect(res.status).toBe(201);
    return res.body as { checkoutId: string; status: string; orders: { id: string; number: string }[] };
  };
  const pay = async (checkoutId: string) => {
    const [{ stripe_session_id: sessionId }] = await db().query(
      `SELECT stripe_session_id FROM checkout WHERE id = $1`,
      [checkoutId],
    );
    const { body, headers } = standIn.signedWebhook(standIn.complete(sessionId), WEBHOOK_SECRET);
    const res = await api.app.inject({ method: 'POST', url: '/api/stripe/webhook', payload: body, headers });
    expect(res.statusCode).toBe(200);
  };

  beforeAll(async () => {
    await givenDemoAmbito(api.app);
    const [{ id }] = await db().query(`SELECT id FROM organisation WHERE slug = 'casa-dei-gelsi'`);
    org = id;
    await db().query(
      `INSERT INTO organisation_member (organisation_id, user_id, role)
       SELECT $1, u.id, 'staff' FROM user_account u WHERE u.email = $2`,
      [org, PROVIDER],
    );
    // A neighbour household in Venegono Superiore, with a voucher of its own Comune.
    await db().query(
      `WITH u AS (
         INSERT INTO user_account (email, password_hash, display_name, roles, email_verified_at)
         SELECT $1, password_hash, 'Anna Verdi', '{citizen}', now() FROM user_account WHERE email = $2
         RETURNING id
       ), h AS (
         INSERT INTO household (comune_id, owner_user_id, address)
         SELECT c.id, u.id, 'Via Roma 3' FROM u, comune c WHERE c.slug = 'venegono-superiore' RETURNING id
       )
       INSERT INTO household_member (household_id, first_name, last_name, fiscal_code, date_of_birth, relation)
       SELECT h.id, 'Anna', 'Verdi', 'VRDNNA80A41L733X', '1980-01-01', 'self' FROM h`,
      [NEIGHBOUR, FAMILY],
    );
    const [kind] = await db().query(`SELECT id FROM voucher_kind WHERE slug = 'voucher-servizi'`);
    const tradate = await givenFund(api.app, { comune: 'tradate', amount: 100_000 });
    const venegono = await givenFund(api.app, { comune: 'venegono-superiore', amount: 100_000 });
    // Each voucher expires before the demo's, so checkouts use it first.
    const validUntil = new Date(Date.now() + 30 * 86_400_000);
    [vouchers.family] = await givenVouchers(api.app, {
      householdId: await householdOf(api.app, FAMILY),
      fundId: tradate.id,
      kindId: kind.id,
      amounts: [50_000],
      validUntil,
    });
    [vouchers.neighbour] = await givenVouchers(api.app, {
      householdId: await householdOf(api.app, NEIGHBOUR),
      fundId: venegono.id,
      kindId: kind.id,
      amounts: [50_000],
      validUntil,
    });
    family = await HttpClient.signedIn(api.app, FAMILY);
    neighbour = await HttpClient.signedIn(api.app, NEIGHBOUR);
    provider = await HttpClient.signedIn(api.app, PROVIDER);

    // The family: one order paid by voucher (55 €), one by voucher (20 €) and card (25 €).
    orders.voucherOnly = (await buy(family, 'sostegno-psicologico-individuale', 0)).orders[0];
    const withCard = await buy(family, 'consulenza-pedagogica-genitori', 0, [
      { voucherId: vouchers.family.id, amount: 2000 },
    ]);
    expect(withCard.status).toBe('pending_payment');
    await pay(withCard.checkoutId);
    orders.withCard = withCard.orders[0];
    // The neighbour pays 55 € by voucher, then cancels: the voucher is refunded.
    orders.cancelled = (await buy(neighbour, 'sostegno-psicologico-individuale', 1)).orders[0];
    const cancelled = await neighbour.post(
      `/api/orders/${orders.cancelled.id}/cancel`,
      { reason: 'Cambio di programma' },
      { headers: { 'idempotency-key': randomUUID() } },
    );
    expect(cancelled.body).toMatchObject({ status: 'cancelled', refundedVoucher: 5500 });
    // And a card payment left open.
    const pending = await buy(neighbour, 'consulenza-pedagogica-genitori', 1, 'none');
    expect(pending.status).toBe('pending_payment');
    orders.pending = pending.orders[0];
    [{ month }] = await db().query(`SELECT to_char(now() AT TIME ZONE 'Europe/Rome', 'YYYY-MM') AS month`);
  });

  it('gives the family a PDF receipt: provider, lines, vouchers masked, card, Italian with English', async () => {
    const res = await family.get(`/api/orders/${orders.withCard.id}/receipt.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`ricevuta-${orders.withCard.number}.pdf`);
    const text = pdfText(res.raw);
    expect(text).toContain(`Ricevuta dell'ordine ${orders.withCard.number}`);
    expect(text).toContain('Order receipt');
    expect(text).toContain('Ambito di Tradate');
    expect(text).toContain('Casa dei Gelsi');
    expect(text).toMatch(/1 posto \(place\) × 45,00 €/);
    expect(text).toMatch(/Totale \/ Total\s+45,00 €/);
    expect(text).toContain(`****-****-${vouchers.family.code.slice(-4)}`);
    expect(text).not.toContain(vouchers.family.code);
    expect(text).toMatch(/Voucher servizi \/ Service voucher\s+20,00 €/);
    expect(text).toMatch(/Pagato con carta \/ Paid by card\s+25,00 €/);
    expect(text).toContain('Pagato / Paid');
    expect(text).not.toContain('Rimborsi');
    expect(text).toContain('non sostituisce la fattura');
  });

  it('shows the refunds on the receipt of a cancelled order', async () => {
    const text = pdfText((await neighbour.get(`/api/orders/${orders.cancelled.id}/receipt.pdf`)).raw);
    expect(text).toContain('Annullato / Cancelled');
    expect(text).toContain('Rimborsi / Refunds');
    expect(text).toMatch(/rimborso sui buoni \(to the vouchers\)\s+55,00 €/);
    expect(text).toMatch(/Totale rimborsato \/ Total refunded\s+55,00 €/);
    expect(text).toContain('Anna Verdi, Venegono Superiore');
  });

  it('has no receipt for an unpaid order, nor for another household’s', async () => {
    const unpaid = await neighbour.get(`/api/orders/${orders.pending.id}/receipt.pdf`);
    expect(unpaid.status).toBe(409);
    expect(unpaid.body.message.it).toContain('quando l’ordine è pagato');
    expect((await family.get(`/api/orders/${orders.cancelled.id}/receipt.pdf`)).status).toBe(404);
  });

  it('gives the provider what vouchers paid in the month per Comune, as CSV', async () => {
    const res = await provider.get(`/api/provider/organisations/${org}/voucher-statements/${month}.csv`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain(`pagamenti-voucher-${month}.csv`);
    const csv = res.raw.toString('utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = csv
      .slice(1)
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(';'));
    expect(rows[0][0]).toBe('Data e ora (Date and time, Europe/Rome)');
    const movements = rows.slice(
      1,
      rows.findIndex((r) => r.length === 1 && r[0] === ''),
    );
    const summary = movements.map(([, kind, number, , comune, amount]) => [kind, number, comune, amount]);
    expect(summary).toEqual(
      expect.arrayContaining([
        ['pagamento (payment)', orders.voucherOnly.number, 'Tradate', '55,00'],
        ['pagamento (payment)', orders.withCard.number, 'Tradate', '20,00'],
        ['pagamento (payment)', orders.cancelled.number, 'Venegono Superiore', '55,00'],
        ['rimborso (refund)', orders.cancelled.number, 'Venegono Superiore', '-55,00'],
      ]),
    );
    // The card's 25 € is not the Comune's to reimburse; the open card payment paid nothing yet.
    expect(movements).toHaveLength(4);
    expect(movements.every((r) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(r[0]))).toBe(true);
    expect(movements.find((r) => r[2] === orders.voucherOnly.number)?.[3]).toBe(
      'Sostegno psicologico individuale',
    );
    expect(csv).not.toContain(vouchers.family.code.slice(-4) + ';');
    expect(rows).toContainEqual([
      '',
      expect.stringContaining('1 pagamenti'),
      '',
      '',
      'Venegono Superiore',
      '0,00',
    ]);
    expect(rows).toContainEqual(['', expect.stringContaining('2 pagamenti'), '', '', 'Tradate', '75,00']);
    expect(rows.at(-1)).toEqual([
      '',
      'Totale del mese, da rimborsare (Month total, to be reimbursed)',
      '',
      '',
      '',
      '75,00',
    ]);
  });

  it('gives the same statement as PDF, and an empty one for a month without payments', async () => {
    const res = await provider.get(`/api/provider/organisations/${org}/voucher-statements/${month}.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = pdfText(res.raw);
    expect(text).toContain('Pagamenti con voucher');
    expect(text).toContain('Voucher payments');
    expect(text).toContain('Casa dei Gelsi');
    expect(text).toContain(orders.withCard.number);
    expect(text).toMatch(/Comune di Tradate\s+75,00 €/);
    expect(text).toMatch(/Comune di Venegono Superiore\s+0,00 €/);
    expect(text).toMatch(/Totale del mese \/ Month total\s+75,00 €/);
    expect(text).toContain('Rimborso (refund)');
    expect(text).toContain('-55,00 €');

    const empty = await provider.get(`/api/provider/organisations/${org}/voucher-statements/2020-02.pdf`);
    expect(pdfText(empty.raw)).toContain('Nessun pagamento con voucher in questo mese');
    const emptyCsv = await provider.get(`/api/provider/organisations/${org}/voucher-statements/2020-02.csv`);
    expect(emptyCsv.raw.toString('utf8')).toContain(
      ';Totale del mese, da rimborsare (Month total, to be reimbursed);;;;0,00\r\n',
    );
  });

  it('refuses a month that is not YYYY-MM, and another organisation’s statement', async () => {
    const bad = await provider.get(`/api/provider/organisations/${org}/voucher-statements/2026-13.csv`);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const [other] = await db().query(`SELECT id FROM organisation WHERE slug = 'radici-d-argento'`);
    expect(
      (await provider.get(`/api/provider/organisations/${other.id}/voucher-statements/${month}.csv`)).status,
    ).toBe(404);
  });
});
