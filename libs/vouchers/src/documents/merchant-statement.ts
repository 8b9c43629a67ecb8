import { csvAmount, formatCents, isoLocalRome, monthName, spreadsheetCsv } from '@piazza/core';
import PDFDocument from 'pdfkit';

/** A shop's month of voucher redemptions, for its own accounts and the Ambito's payments. */
export interface MerchantStatement {
  shop: { name: string; address: string; vatNumber: string | null };
  /** YYYY-MM */
  month: string;
  rows: { at: Date; code: string; comuneName: string; amount: number; voided: boolean }[];
  totalsByComune: { comuneName: string; amount: number; count: number }[];
  total: number;
  settled: number;
  owed: number;
  ambitoName: string;
}

/** Totals per Comune (by name) and overall of the rows that were not voided. */
export function summariseStatementRows(
  rows: MerchantStatement['rows'],
): Pick<MerchantStatement, 'totalsByComune' | 'total'> {
  const byComune = new Map<string, { comuneName: string; amount: number; count: number }>();
  let total = 0;
  for (const row of rows) {
    if (row.voided) continue;
    const entry = byComune.get(row.comuneName) ?? { comuneName: row.comuneName, amount: 0, count: 0 };
    entry.amount += row.amount;
    entry.count += 1;
    byComune.set(row.comuneName, entry);
    total += row.amount;
  }
  const totalsByComune = [...byComune.values()].sort((a, b) =>
    a.comuneName.localeCompare(b.comuneName, 'it'),
  );
  return { totalsByComune, total };
}

/**
 * The statement as CSV for Excel and LibreOffice in Italian: UTF-8 with BOM, `;` between fields, decimal
 * comma, dates and times of Rome in ISO order; every redemption, then the totals (voided ones excluded).
 */
export function merchantStatementCsv(s: MerchantStatement): string {
  const lines: string[][] = [
    [
      'Data e ora (Date and time, Europe/Rome)',
      'Codice (Code)',
      'Comune (Municipality)',
      'Importo in euro (Amount in euro)',
      'Annullato (Voided)',
    ],
  ];
  for (const row of s.rows) {
    lines.push([
      isoLocalRome(row.at),
      row.code,
      row.comuneName,
      csvAmount(row.amount),
      row.voided ? 'sì (yes)' : 'no',
    ]);
  }
  lines.push([]);
  for (const comune of s.totalsByComune) {
    lines.push([
      '',
      `Totale (Total): ${comune.count} incassi (redemptions)`,
      comune.comuneName,
      csvAmount(comune.amount),
      '',
    ]);
  }
  lines.push(['', 'Totale del mese (Month total)', '', csvAmount(s.total), '']);
  lines.push(['', 'Già liquidato (Settled)', '', csvAmount(s.settled), '']);
  lines.push(['', 'Da liquidare (Owed)', '', csvAmount(s.owed), '']);
  return spreadsheetCsv(lines);
}

const BLUE = '#003366';
const GREY = '#4d4d4d';
const MARGIN = 50;
const PAGE = { width: 595.28, height: 841.89 };
const ROW = 17;
const FOOTER = 30;
const COLUMNS = [
  { title: 'Data e ora', sub: 'Date and time', width: 92, align: 'left' },
  { title: 'Codice', sub: 'Code', width: 100, align: 'left' },
  { title: 'Comune', sub: 'Municipality', width: 128, align: 'left' },
  { title: 'Importo', sub: 'Amount', width: 75, align: 'right' },
  { title: 'Stato', sub: 'Status', width: 100.28, align: 'left' },
] as const;

/**
 * The statement as an A4 PDF: the shop, the month, every redemption in a table whose header repeats on
 * each page (voided ones struck through and marked), the totals per Comune and overall, what was
 * settled and what is still owed, and page numbers.
 */
export function renderMerchantStatementPdf(s: MerchantStatement): Promise<Buffer> {
  const title = `Estratto conto buoni — ${monthName(s.month, 'it')}`;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: 'it-IT',
    displayTitle: true,
    info: { Title: `${title} — ${s.shop.name}`, Author: s.ambitoName },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = PAGE.width - 2 * MARGIN;
  const limit = PAGE.height - MARGIN - FOOTER;

  doc.font('Helvetica-Bold').fontSize(16).fillColor(BLUE).text(title, MARGIN, MARGIN, { width });
  doc
    .font('Helvetica')
    .fontSize(10)
    .fillColor(GREY)
    .text(`Voucher statement — ${monthName(s.month, 'en')} · ${s.ambitoName}`, { width });
  doc.moveDown(0.6);
  doc.font('Helvetica-Bold').fontSize(11).fillColor('#000000').text(s.shop.name, { width });
  doc.font('Helvetica').fontSize(10).text(s.shop.address, { width });
  if (s.shop.vatNumber) doc.text(`P. IVA (VAT number) ${s.shop.vatNumber}`, { width });
  doc.moveDown(0.8);

  let y = tableHeader(doc, doc.y);
  if (s.rows.length === 0) {
    doc
      .font('Helvetica')
      .fontSize(10)
      .fillColor(GREY)
      .text('Nessun incasso in questo mese. / No redemptions this month.', MARGIN, y + 4, { width });
    y += ROW + 4;
  }
  s.rows.forEach((row, index) => {
    if (y + ROW > limit) {
      doc.addPage();
      y = tableHeader(doc, MARGIN);
    }
    if (index % 2 === 1) doc.rect(MARGIN, y, width, ROW).fill('#f3f5f8');
    const cells = [
      isoLocalRome(row.at).slice(0, 16),
      row.code,
      row.comuneName,
      formatCents(row.amount),
      row.voided ? 'annullato / voided' : 'incassato',
    ];
    let x = MARGIN;
    doc.font(row.voided ? 'Helvetica-Oblique' : 'Helvetica').fontSize(9);
    COLUMNS.forEach((column, i) => {
      doc
        .fillColor(row.voided ? '#7a7a7a' : '#000000')
        .font(i === 1 ? 'Courier' : row.voided ? 'Helvetica-Oblique' : 'Helvetica')
        .text(cells[i], x + 4, y + 4.5, {
          width: column.width - 8,
          align: column.align,
          lineBreak: false,
          ellipsis: true,
        });
      x += column.width;
    });
    if (row.voided) {
      // Struck through from the date to the amount: the row stays visible but counts for nothing.
      const end = MARGIN + COLUMNS.slice(0, 4).reduce((sum, column) => sum + column.width, 0) - 4;
      doc
        .moveTo(MARGIN + 4, y + ROW / 2)
        .lineTo(end, y + ROW / 2)
        .lineWidth(0.7)
        .strokeColor('#7a7a7a')
        .stroke();
    }
    y += ROW;
  });

  // Totals: kept together on one page.
  const totalsHeight = 40 + (s.totalsByComune.length + 4) * ROW;
  if (y + 20 + totalsHeight > limit) {
    doc.addPage();
    y = MARGIN;
  } else {
    y += 20;
  }
  doc
    .font('Helvetica-Bold')
    .fontSize(11)
    .fillColor(BLUE)
    .text('Totali (annullati esclusi) / Totals (voided excluded)', MARGIN, y, { width });
  y += 20;
  const totalLine = (label: string, count: string, amount: number, bold = false) => {
    doc
      .font(bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(10)
      .fillColor('#000000')
      .text(label, MARGIN + 4, y + 4, { width: 300, lineBreak: false, ellipsis: true })
      .text(count, MARGIN + 300, y + 4, { width: 90, align: 'right', lineBreak: false })
      .text(formatCents(amount), MARGIN + 390, y + 4, {
        width: width - 394,
        align: 'right',
        lineBreak: false,
      });
    y += ROW;
  };
  for (const comune of s.totalsByComune) {
    totalLine(
      `Comune di ${comune.comuneName}`,
      `${comune.count} ${comune.count === 1 ? 'incasso' : 'incassi'}`,
      comune.amount,
    );
  }
  doc
    .moveTo(MARGIN, y + 2)
    .lineTo(MARGIN + width, y + 2)
    .lineWidth(0.8)
    .strokeColor('#000000')
    .stroke();
  y += 4;
  totalLine('Totale del mese / Month total', '', s.total, true);
  totalLine('Già liquidato / Settled', '', s.settled);
  totalLine('Da liquidare (saldo attuale) / Owed (current balance)', '', s.owed, true);

  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    // Writing in the bottom margin must not open a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor(GREY)
      .text(
        `${s.shop.name} · ${monthName(s.month, 'it')} · Pagina ${i + 1} di ${pages.count} (page ${i + 1} of ${pages.count})`,
        MARGIN,
        PAGE.height - MARGIN - 10,
        { width, align: 'center', lineBreak: false },
      );
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

function tableHeader(doc: PDFKit.PDFDocument, top: number): number {
  const width = PAGE.width - 2 * MARGIN;
  doc.rect(MARGIN, top, width, 26).fill(BLUE);
  let x = MARGIN;
  for (const column of COLUMNS) {
    doc
      .font('Helvetica-Bold')
      .fontSize(9)
      .fillColor('#ffffff')
      .text(column.title, x + 4, top + 4, { width: column.width - 8, align: column.align, lineBreak: false })
      .font('Helvetica')
      .fontSize(7.5)
      .text(column.sub, x + 4, top + 15, { width: column.width - 8, align: column.align, lineBreak: false });
    x += column.width;
  }
  return top + 26;
}
