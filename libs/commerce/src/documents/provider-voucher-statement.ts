import { csvAmount, formatCents, isoLocalRome, monthName, spreadsheetCsv } from '@piazza/core';
import {
  a4Document,
  amountLine,
  BLUE,
  type Column,
  GREY,
  INK,
  LIMIT,
  MARGIN,
  pageFooters,
  ROW,
  rule,
  tableHeader,
  tableRow,
  WIDTH,
} from './commerce-pdf';

/** One movement of voucher money to the provider: a payment captured, or a refund (negative). */
export interface VoucherStatementRow {
  at: Date;
  kind: 'payment' | 'refund';
  orderNumber: string;
  /** The order's services, comma-separated. */
  services: string;
  /** The Comune of the voucher: the one that reimburses it. */
  comuneName: string;
  /** Cents; negative for a refund. */
  amount: number;
}

export interface VoucherStatementTotal {
  comuneName: string;
  payments: number;
  paid: number;
  refunded: number;
  net: number;
}

/** What service vouchers paid a provider in a month, per Comune: what each Comune reimburses. */
export interface ProviderVoucherStatement {
  platformName: string;
  ambitoName: string;
  provider: {
    name: string;
    legalName: string;
    address: string;
    fiscalCode: string;
    vatNumber: string | null;
  };
  /** YYYY-MM (Europe/Rome) */
  month: string;
  rows: VoucherStatementRow[];
  totalsByComune: VoucherStatementTotal[];
  /** Paid minus refunded, every Comune. */
  total: number;
}

/** Totals per Comune (by name) and overall: payments counted and summed, refunds subtracted. */
export function summariseVoucherStatement(
  rows: VoucherStatementRow[],
): Pick<ProviderVoucherStatement, 'totalsByComune' | 'total'> {
  const byComune = new Map<string, VoucherStatementTotal>();
  for (const row of rows) {
    const entry = byComune.get(row.comuneName) ?? {
      comuneName: row.comuneName,
      payments: 0,
      paid: 0,
      refunded: 0,
      net: 0,
    };
    if (row.kind === 'payment') {
      entry.payments += 1;
      entry.paid += row.amount;
    } else entry.refunded -= row.amount;
    entry.net += row.amount;
    byComune.set(row.comuneName, entry);
  }
  const totalsByComune = [...byComune.values()].sort((a, b) =>
    a.comuneName.localeCompare(b.comuneName, 'it'),
  );
  return { totalsByComune, total: totalsByComune.reduce((sum, t) => sum + t.net, 0) };
}

const KIND = { payment: 'pagamento (payment)', refund: 'rimborso (refund)' } as const;

/**
 * The statement as CSV for Excel and LibreOffice in Italian (UTF-8 with BOM, `;`, decimal comma, Rome's
 * time in ISO order): every voucher payment and refund of the month, then the totals per Comune.
 */
export function providerVoucherStatementCsv(s: ProviderVoucherStatement): string {
  const rows: string[][] = [
    [
      'Data e ora (Date and time, Europe/Rome)',
      'Movimento (Movement)',
      'Ordine (Order)',
      'Servizi (Services)',
      'Comune del buono (Municipality of the voucher)',
      'Importo in euro (Amount in euro)',
    ],
  ];
  for (const row of s.rows) {
    rows.push([
      isoLocalRome(row.at),
      KIND[row.kind],
      row.orderNumber,
      row.services,
      row.comuneName,
      csvAmount(row.amount),
    ]);
  }
  rows.push([]);
  for (const t of s.totalsByComune) {
    rows.push([
      '',
      `Totale (Total): ${t.payments} pagamenti (payments), rimborsi (refunds) ${csvAmount(-t.refunded)}`,
      '',
      '',
      t.comuneName,
      csvAmount(t.net),
    ]);
  }
  rows.push([
    '',
    'Totale del mese, da rimborsare (Month total, to be reimbursed)',
    '',
    '',
    '',
    csvAmount(s.total),
  ]);
  return spreadsheetCsv(rows);
}

const COLUMNS: readonly Column[] = [
  { title: 'Data e ora', sub: 'Date and time', width: 88, align: 'left' },
  { title: 'Ordine', sub: 'Order', width: 86, align: 'left' },
  { title: 'Servizi', sub: 'Services', width: 151, align: 'left' },
  { title: 'Comune del buono', sub: 'Voucher municipality', width: 100, align: 'left' },
  { title: 'Importo', sub: 'Amount', width: 70.28, align: 'right' },
];

/**
 * The statement as an A4 PDF: the provider, the month, every voucher payment and refund in a table
 * whose header repeats on each page (refunds in italics, negative), then per Comune what was paid,
 * refunded and is to be reimbursed, and the month's total.
 */
export function renderProviderVoucherStatementPdf(s: ProviderVoucherStatement): Promise<Buffer> {
  const title = `Pagamenti con voucher — ${monthName(s.month, 'it')}`;
  const { doc, done } = a4Document(`${title} — ${s.provider.name}`, s.ambitoName);

  doc.font('Helvetica-Bold').fontSize(16).fillColor(BLUE).text(title, MARGIN, MARGIN, { width: WIDTH });
  doc
    .font('Helvetica')
    .fontSize(10)
    .fillColor(GREY)
    .text(`Voucher payments — ${monthName(s.month, 'en')} · ${s.platformName} · ${s.ambitoName}`, {
      width: WIDTH,
    });
  doc.moveDown(0.6);
  doc.font('Helvetica-Bold').fontSize(11).fillColor(INK).text(s.provider.name, { width: WIDTH });
  doc.font('Helvetica').fontSize(9);
  if (s.provider.legalName && s.provider.legalName !== s.provider.name) doc.text(s.provider.legalName);
  doc.text(s.provider.address, { width: WIDTH });
  doc.text(
    `C.F. (tax code) ${s.provider.fiscalCode}${s.provider.vatNumber ? ` · P. IVA (VAT number) ${s.provider.vatNumber}` : ''}`,
    { width: WIDTH },
  );
  doc.moveDown(0.8);

  let y = tableHeader(doc, COLUMNS, doc.y);
  if (s.rows.length === 0) {
    doc
      .font('Helvetica')
      .fontSize(10)
      .fillColor(GREY)
      .text('Nessun pagamento con voucher in questo mese. / No voucher payments this month.', MARGIN, y + 4, {
        width: WIDTH,
      });
    y += ROW + 4;
  }
  s.rows.forEach((row, index) => {
    if (y + ROW > LIMIT) {
      doc.addPage();
      y = tableHeader(doc, COLUMNS, MARGIN);
    }
    tableRow(
      doc,
      COLUMNS,
      [
        isoLocalRome(row.at).slice(0, 16),
        row.orderNumber,
        row.kind === 'refund' ? `Rimborso (refund): ${row.services}` : row.services,
        row.comuneName,
        formatCents(row.amount),
      ],
      y,
      index,
      row.kind === 'refund' ? { colour: '#7a1f1f' } : {},
    );
    y += ROW;
  });

  const height = 40 + (s.totalsByComune.length * 2 + 3) * ROW;
  if (y + 20 + height > LIMIT) {
    doc.addPage();
    y = MARGIN;
  } else y += 20;
  doc
    .font('Helvetica-Bold')
    .fontSize(11)
    .fillColor(BLUE)
    .text('Da rimborsare per Comune / To be reimbursed per municipality', MARGIN, y, { width: WIDTH });
  y += 20;
  for (const t of s.totalsByComune) {
    amountLine(doc, `Comune di ${t.comuneName}`, formatCents(t.net), y, true);
    y += ROW;
    doc
      .font('Helvetica')
      .fontSize(8.5)
      .fillColor(GREY)
      .text(
        `${t.payments} ${t.payments === 1 ? 'pagamento' : 'pagamenti'} (payments) ${formatCents(t.paid)}` +
          (t.refunded ? ` - rimborsi (refunds) ${formatCents(t.refunded)}` : ''),
        MARGIN + 16,
        y,
        { width: WIDTH - 20, lineBreak: false },
      );
    y += ROW - 4;
  }
  rule(doc, y + 2);
  amountLine(doc, 'Totale del mese / Month total', formatCents(s.total), y + 2, true);

  pageFooters(doc, `${s.provider.name} · ${monthName(s.month, 'it')}`);
  doc.end();
  return done;
}
