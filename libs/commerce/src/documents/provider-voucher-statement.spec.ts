import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  type ProviderVoucherStatement,
  providerVoucherStatementCsv,
  renderProviderVoucherStatementPdf,
  summariseVoucherStatement,
  type VoucherStatementRow,
} from './provider-voucher-statement';

const run = promisify(execFile);

function statement(rows: VoucherStatementRow[]): ProviderVoucherStatement {
  return {
    platformName: 'Piazza Welfare',
    ambitoName: 'Ambito di Lodi',
    provider: {
      name: 'Il Melograno',
      legalName: 'Il Melograno Società Cooperativa Sociale',
      address: 'Via Cavour 12, 26900 Lodi',
      fiscalCode: '01234567890',
      vatNumber: null,
    },
    month: '2026-05',
    rows,
    ...summariseVoucherStatement(rows),
  };
}

const row = (
  i: number,
  kind: 'payment' | 'refund',
  comuneName: string,
  amount: number,
): VoucherStatementRow => ({
  at: new Date(Date.UTC(2026, 4, 1 + (i % 28), 9, i % 60)),
  kind,
  orderNumber: `PZ-2026-${String(i).padStart(6, '0')}`,
  services: 'Sostegno psicologico; "individuale"',
  comuneName,
  amount,
});

describe('provider voucher statements', () => {
  it('sums payments per Comune and subtracts refunds', () => {
    const rows = [
      row(1, 'payment', 'Lodi', 5500),
      row(2, 'payment', 'Casalpusterlengo', 2000),
      row(3, 'payment', 'Lodi', 4500),
      row(4, 'refund', 'Lodi', -4500),
    ];
    expect(summariseVoucherStatement(rows)).toEqual({
      totalsByComune: [
        { comuneName: 'Casalpusterlengo', payments: 1, paid: 2000, refunded: 0, net: 2000 },
        { comuneName: 'Lodi', payments: 2, paid: 10000, refunded: 4500, net: 5500 },
      ],
      total: 7500,
    });
  });

  it('writes a CSV an Italian spreadsheet reads: numbers stay numbers, text is quoted', () => {
    const csv = providerVoucherStatementCsv(
      statement([row(1, 'payment', 'Lodi', 5500), row(2, 'refund', 'Lodi', -5500)]),
    );
    const lines = csv.slice(1).split('\r\n');
    expect(lines[1]).toBe(
      '2026-05-02 11:01:00;pagamento (payment);PZ-2026-000001;"Sostegno psicologico; ""individuale""";Lodi;55,00',
    );
    expect(lines[2]).toContain(';rimborso (refund);PZ-2026-000002;');
    expect(lines[2].endsWith(';Lodi;-55,00')).toBe(true);
    expect(lines.at(-2)).toBe(';Totale del mese, da rimborsare (Month total, to be reimbursed);;;;0,00');
  });

  it('prints a long month over several pages with the header on each and the totals at the end', async () => {
    const rows = Array.from({ length: 90 }, (_, i) =>
      row(
        i + 1,
        i % 10 === 9 ? 'refund' : 'payment',
        i % 3 ? 'Lodi' : 'Casalpusterlengo',
        i % 10 === 9 ? -1000 : 1000,
      ),
    );
    const dir = await mkdtemp(join(tmpdir(), 'provider-statement-'));
    try {
      const file = join(dir, 's.pdf');
      await writeFile(file, await renderProviderVoucherStatementPdf(statement(rows)));
      const { stdout } = await run('pdftotext', ['-layout', file, '-']);
      const pages = stdout.split('\f').filter((page) => page.trim());
      expect(pages.length).toBeGreaterThan(1);
      for (const page of pages) expect(page).toContain('Voucher municipality');
      expect(pages[0]).toContain('Pagamenti con voucher — maggio 2026');
      expect(pages[0]).toContain('Voucher payments — May 2026');
      const last = pages.at(-1)!;
      // 90 movements: 81 payments and 9 refunds of 10 € each.
      expect(last).toMatch(/Totale del mese \/ Month total\s+720,00 €/);
      expect(last).toMatch(/Comune di Lodi\s+/);
      expect(last).toContain(`Pagina ${pages.length} di ${pages.length}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
