import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type OrderReceipt, renderOrderReceiptPdf } from './order-receipt.pdf';

const run = promisify(execFile);

function receipt(lines: number, refunds: OrderReceipt['refunds'] = []): OrderReceipt {
  return {
    platformName: 'Piazza Welfare',
    ambitoName: 'Ambito di Lodi',
    provider: {
      name: 'Il Melograno',
      legalName: 'Il Melograno Società Cooperativa Sociale',
      address: 'Via Cavour 12, 26900 Lodi',
      fiscalCode: '01234567890',
      vatNumber: '01234567890',
    },
    number: 'PZ-2026-000042',
    status: refunds.length ? 'cancelled' : 'paid',
    createdAt: new Date('2026-05-31T22:30:00Z'),
    paidAt: new Date('2026-05-31T22:31:00Z'),
    customer: { name: 'Maria Rossi', comune: 'Lodi' },
    lines: Array.from({ length: lines }, (_, i) => ({
      title: `Doposcuola ${i + 1}`,
      priceModel: i % 2 ? 'per_hour' : 'per_session',
      startsAt: i % 2 ? null : new Date(Date.UTC(2026, 5, 1 + (i % 28), 14)),
      quantity: 1 + (i % 3),
      unitPrice: 1250,
      lineTotal: 1250 * (1 + (i % 3)),
    })),
    total: Array.from({ length: lines }, (_, i) => 1250 * (1 + (i % 3))).reduce((a, b) => a + b, 0),
    vouchers: [
      { maskedCode: '****-****-MN7T', kind: { it: 'Voucher servizi', en: 'Service voucher' }, amount: 2000 },
    ],
    cardAmount: 0,
    refunds,
  };
}

describe('order receipts', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'receipt-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function pages(r: OrderReceipt): Promise<string[]> {
    const file = join(dir, `${r.lines.length}-${r.refunds.length}.pdf`);
    await writeFile(file, await renderOrderReceiptPdf(r));
    const { stdout } = await run('pdftotext', ['-layout', file, '-']);
    return stdout.split('\f').filter((page) => page.trim());
  }

  it('prints the day of Rome, each line as quantity × unit price, and what paid it', async () => {
    const [page] = await pages({ ...receipt(2), cardAmount: 1750 });
    // 22:30 UTC on 31 May is 1 June in Rome.
    expect(page).toContain('01/06/2026 (1 Jun 2026)');
    expect(page).toMatch(/Doposcuola 1\s+2026-06-01 16:00\s+1 posto \(place\) × 12,50 €\s+12,50 €/);
    expect(page).toMatch(/Doposcuola 2\s+—\s+2 ore \(hours\) × 12,50 €\s+25,00 €/);
    expect(page).toMatch(/Totale \/ Total\s+37,50 €/);
    expect(page).toMatch(
      /Buono \(voucher\) \*\*\*\*-\*\*\*\*-MN7T — Voucher servizi \/ Service voucher\s+20,00 €/,
    );
    expect(page).toMatch(/Pagato con carta \/ Paid by card\s+17,50 €/);
    expect(page).toContain('Il Melograno Società Cooperativa Sociale');
    expect(page).toContain('Pagina 1 di 1 (page 1 of 1)');
  });

  it('repeats the table header on every page of a long order and keeps the totals together', async () => {
    const refunds = [{ at: new Date('2026-06-02T08:00:00Z'), method: 'voucher' as const, amount: 2000 }];
    const all = await pages(receipt(70, refunds));
    expect(all.length).toBeGreaterThan(1);
    for (const page of all) expect(page).toContain('Quantity × unit price');
    expect(all.join('\n').match(/Doposcuola \d+ /g)).toHaveLength(70);
    const last = all.at(-1)!;
    expect(last).toContain('Totale / Total');
    expect(last).toMatch(/2026-06-02 10:00 — rimborso sui buoni \(to the vouchers\)\s+20,00 €/);
    expect(all[0]).toContain('Annullato / Cancelled');
    expect(last).toContain(`Pagina ${all.length} di ${all.length}`);
  });
});
