import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { formatCents } from '@piazza/core';
import {
  type MerchantStatement,
  merchantStatementCsv,
  renderMerchantStatementPdf,
  summariseStatementRows,
} from './merchant-statement';

const run = promisify(execFile);

function statement(count: number): MerchantStatement {
  const rows = Array.from({ length: count }, (_, i) => ({
    // 22:30 UTC on 31 May is 00:30 on 1 June in Rome: the CSV shows the shop's local time.
    at: i === 0 ? new Date('2026-05-31T22:30:00Z') : new Date(Date.UTC(2026, 4, 1 + (i % 28), 8, i % 60)),
    code: `ACDE-FHJK-MN${'PR'[i % 2]}${'T'}`,
    comuneName: i % 3 === 0 ? 'Casalpusterlengo' : 'Lodi',
    amount: 1000 + i,
    voided: i % 10 === 4,
  }));
  const totals = summariseStatementRows(rows);
  return {
    shop: { name: 'Alimentari Da Gino', address: 'Corso Umberto 5, 26900 Lodi', vatNumber: '01234567890' },
    month: '2026-05',
    rows,
    ...totals,
    settled: 5000,
    owed: totals.total - 5000,
    ambitoName: 'Ambito Territoriale di Lodi',
  };
}

describe('merchant statements', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'statement-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function pdfText(s: MerchantStatement): Promise<{ pages: string[] }> {
    const file = join(dir, `${s.rows.length}.pdf`);
    await writeFile(file, await renderMerchantStatementPdf(s));
    const { stdout } = await run('pdftotext', ['-layout', file, '-']);
    return { pages: stdout.split('\f').filter((page) => page.trim()) };
  }

  it('totals only the redemptions that were not voided, per Comune and overall', () => {
    const rows = [
      { at: new Date(), code: 'A', comuneName: 'Lodi', amount: 1000, voided: false },
      { at: new Date(), code: 'B', comuneName: 'Lodi', amount: 700, voided: true },
      { at: new Date(), code: 'C', comuneName: 'Casalpusterlengo', amount: 250, voided: false },
      { at: new Date(), code: 'D', comuneName: 'Lodi', amount: 50, voided: false },
    ];
    expect(summariseStatementRows(rows)).toEqual({
      totalsByComune: [
        { comuneName: 'Casalpusterlengo', amount: 250, count: 1 },
        { comuneName: 'Lodi', amount: 1050, count: 2 },
      ],
      total: 1300,
    });
  });

  it('prints a table over several A4 pages, header repeated, voided rows marked, totals at the end', async () => {
    const s = statement(120);
    const { pages } = await pdfText(s);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((page, i) => expect(page).toContain(`Pagina ${i + 1} di ${pages.length}`));
    // Every page that holds rows starts them under the column header.
    for (const page of pages.filter((p) => /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(p))) {
      expect(page).toMatch(/Data e ora\s+Codice\s+Comune\s+Importo\s+Stato/);
    }
    const all = pages.join('\n');
    expect(all).toContain('Estratto conto buoni — maggio 2026');
    expect(all).toContain('01234567890');
    expect(all.match(/annullato \/ voided/g)).toHaveLength(12);
    expect(all).toContain('2026-06-01 00:30');
    const last = pages[pages.length - 1];
    expect(last).toMatch(/Comune di Casalpusterlengo\s+36 incassi\s+[\d.,]+ €/);
    expect(last).toContain('Da liquidare');
    expect(last).toMatch(
      new RegExp(`Totale del mese / Month total\\s+${formatCents(s.total).replace('.', '\\.')}`),
    );
    expect(last).toContain(formatCents(s.owed));
    expect(s.total).toBeGreaterThan(100_000);
    expect(s.total).toBe(s.rows.filter((row) => !row.voided).reduce((sum, row) => sum + row.amount, 0));
  });

  it('prints a month without redemptions', async () => {
    const { pages } = await pdfText(statement(0));
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain('Nessun incasso in questo mese');
  });

  it('writes a CSV that Excel in Italian opens as numbers and dates', () => {
    const s = statement(12);
    s.rows[1].comuneName = '=HYPERLINK("x")';
    const csv = merchantStatementCsv(s);
    expect(csv.startsWith('\uFEFFData e ora (Date and time, Europe/Rome);Codice (Code);')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[1]).toBe('2026-06-01 00:30:00;ACDE-FHJK-MNPT;Casalpusterlengo;10,00;no');
    expect(lines[5]).toBe('2026-05-05 10:04:00;ACDE-FHJK-MNPT;Lodi;10,04;sì (yes)');
    // A Comune name cannot become a formula.
    expect(lines[2]).toContain(`;"'=HYPERLINK(""x"")";`);
    expect(csv).toContain(`;Totale del mese (Month total);;${(s.total / 100).toFixed(2).replace('.', ',')};`);
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});
