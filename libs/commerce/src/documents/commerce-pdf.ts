import PDFDocument from 'pdfkit';

export const BLUE = '#003366';
export const GREY = '#4d4d4d';
export const INK = '#000000';
export const STRIPE = '#f3f5f8';
export const MARGIN = 50;
export const A4 = { width: 595.28, height: 841.89 };
/** Width of the text column between the margins. */
export const WIDTH = A4.width - 2 * MARGIN;
/** Lowest y a table row may reach: the footer with the page numbers sits below it. */
export const LIMIT = A4.height - MARGIN - 30;
export const ROW = 17;

/** A table column: its Italian title, the English one below it, its width in points. */
export interface Column {
  title: string;
  sub: string;
  width: number;
  align: 'left' | 'right';
}

/** An A4 document of the Ambito (Italian, title shown by viewers) and the promise of its bytes. */
export function a4Document(
  title: string,
  author: string,
): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: 'it-IT',
    displayTitle: true,
    info: { Title: title, Author: author },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

/** The blue header row of a table (Italian titles over English ones); returns the y below it. */
export function tableHeader(doc: PDFKit.PDFDocument, columns: readonly Column[], top: number): number {
  doc.rect(MARGIN, top, WIDTH, 26).fill(BLUE);
  let x = MARGIN;
  for (const column of columns) {
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

/** One table row of single-line cells (cut with an ellipsis), striped on odd rows. */
export function tableRow(
  doc: PDFKit.PDFDocument,
  columns: readonly Column[],
  cells: string[],
  y: number,
  index: number,
  options: { bold?: boolean; colour?: string } = {},
): void {
  if (index % 2 === 1) doc.rect(MARGIN, y, WIDTH, ROW).fill(STRIPE);
  let x = MARGIN;
  columns.forEach((column, i) => {
    doc
      .font(options.bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(9)
      .fillColor(options.colour ?? INK)
      .text(cells[i] ?? '', x + 4, y + 4.5, {
        width: column.width - 8,
        // One line: a longer text ends with an ellipsis.
        height: ROW - 6,
        align: column.align,
        lineBreak: false,
        ellipsis: true,
      });
    x += column.width;
  });
}

/** A label on the left and an amount on the right, on one line. */
export function amountLine(
  doc: PDFKit.PDFDocument,
  label: string,
  amount: string,
  y: number,
  bold = false,
): void {
  doc
    .font(bold ? 'Helvetica-Bold' : 'Helvetica')
    .fontSize(10)
    .fillColor(INK)
    .text(label, MARGIN + 4, y + 4, { width: WIDTH - 130, lineBreak: false, ellipsis: true })
    .text(amount, MARGIN + WIDTH - 124, y + 4, { width: 120, align: 'right', lineBreak: false });
}

/** A thin rule across the text column. */
export function rule(doc: PDFKit.PDFDocument, y: number): void {
  doc
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + WIDTH, y)
    .lineWidth(0.8)
    .strokeColor(INK)
    .stroke();
}

/** "… · Pagina 1 di 2 (page 1 of 2)" at the foot of every page; call once, before doc.end(). */
export function pageFooters(doc: PDFKit.PDFDocument, label: string): void {
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
        `${label} · Pagina ${i + 1} di ${pages.count} (page ${i + 1} of ${pages.count})`,
        MARGIN,
        A4.height - MARGIN - 10,
        { width: WIDTH, align: 'center', lineBreak: false },
      );
    doc.page.margins.bottom = bottom;
  }
}
