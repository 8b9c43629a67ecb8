import { dayEn, dayIt, formatCents, lastValidDay, longDayIt } from '@piazza/core';
import PDFDocument from 'pdfkit';
import { drawQr, QR_QUIET_ZONE_MODULES, qrMatrix } from './qr-code';

export { renderQrPng, renderQrSvg } from './qr-code';
export {
  type MerchantStatement,
  merchantStatementCsv,
  renderMerchantStatementPdf,
  summariseStatementRows,
} from './merchant-statement';

/** What is printed on one voucher. Deliberately no holder: a voucher is like a banknote. */
export interface VoucherPrint {
  /** The short code, `XXXX-XXXX-XXXX`. */
  code: string;
  /** The signed QR token. */
  token: string;
  /** Cents. */
  faceValue: number;
  validFrom: Date;
  /** The first instant the voucher is no longer valid (or its last second): the last day printed is the day before it, in Rome. */
  validUntil: Date;
  comuneName: string;
  kindName: { it: string; en: string };
  spendAt: { it: string; en: string };
  ambitoName: string;
  platformName: string;
  publicUrl: string;
}

export interface VoucherCoverLetter {
  recipientName: string;
  address: string;
  comuneName: string;
  date: Date;
  ambitoName: string;
  helpContacts: string;
}

export interface VoucherPdfOptions {
  /** a6: one voucher a page; a4: four A6 vouchers a page, with dashed cutting lines. */
  format: 'a4' | 'a6';
  /** A first A4 page to post the vouchers with (window envelope); the vouchers start on the next page. */
  coverLetter?: VoucherCoverLetter;
}

const MM = 72 / 25.4;
const A4 = { width: 595.28, height: 841.89 };
const A6 = { width: 297.64, height: 419.53 };
const BLUE = '#003366';
const INK = '#000000';
const GREY = '#4d4d4d';
/** Symbol width (quiet zone excluded) of the printed QR code: at least 35 mm, for old phones and dim light. */
const QR_MIN = 35 * MM;
const QR_MAX = 40 * MM;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The printable vouchers: an optional cover letter, then one voucher per A6 page or four per A4 page.
 * Each voucher shows what a cashier needs at a glance (value, expiry, where) and what a family needs
 * (how to use it, where to check the balance), the QR code and the short code, in Italian and English;
 * never the holder's name nor anything that tells why the family has it.
 */
export function renderVouchersPdf(vouchers: VoucherPrint[], options: VoucherPdfOptions): Promise<Buffer> {
  if (vouchers.length === 0) throw new RangeError('No voucher to print');
  const first = vouchers[0];
  const doc = new PDFDocument({
    autoFirstPage: false,
    lang: 'it-IT',
    displayTitle: true,
    info: {
      Title: vouchers.length === 1 ? `Buono ${first.code}` : `Buoni (${vouchers.length})`,
      Author: first.ambitoName,
      Creator: first.platformName,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  if (options.coverLetter) drawCoverLetter(doc, options.coverLetter, vouchers);
  if (options.format === 'a6') {
    for (const voucher of vouchers) {
      doc.addPage({ size: 'A6', margin: 0 });
      drawVoucher(doc, voucher, { x: 0, y: 0, ...A6 });
    }
  } else {
    for (let index = 0; index < vouchers.length; index += 4) {
      doc.addPage({ size: 'A4', margin: 0 });
      const page = vouchers.slice(index, index + 4);
      page.forEach((voucher, slot) => {
        drawVoucher(doc, voucher, {
          x: (slot % 2) * (A4.width / 2),
          y: Math.floor(slot / 2) * (A4.height / 2),
          width: A4.width / 2,
          height: A4.height / 2,
        });
      });
      drawCuttingLines(doc);
    }
  }
  doc.end();
  return done;
}

function drawCuttingLines(doc: PDFKit.PDFDocument): void {
  doc.save();
  doc.lineWidth(0.5).strokeColor('#808080').dash(4, { space: 3 });
  doc
    .moveTo(A4.width / 2, 0)
    .lineTo(A4.width / 2, A4.height)
    .stroke();
  doc
    .moveTo(0, A4.height / 2)
    .lineTo(A4.width, A4.height / 2)
    .stroke();
  doc.undash();
  doc.restore();
}

/** One voucher inside an A6-sized box; the content keeps 7 mm from the box's edges (printers' margins). */
function drawVoucher(doc: PDFKit.PDFDocument, v: VoucherPrint, box: Box): void {
  const inset = 4 * MM;
  const frame = {
    x: box.x + inset,
    y: box.y + inset,
    width: box.width - 2 * inset,
    height: box.height - 2 * inset,
  };
  const pad = 3 * MM;
  const left = frame.x + pad;
  const width = frame.width - 2 * pad;
  const bottom = frame.y + frame.height - pad;

  doc.save();
  doc.roundedRect(frame.x, frame.y, frame.width, frame.height, 8).lineWidth(1.2).strokeColor(BLUE).stroke();

  // Band: who issues it.
  const bandHeight = 30;
  doc.save();
  doc.roundedRect(frame.x, frame.y, frame.width, frame.height, 8).clip();
  doc.rect(frame.x, frame.y, frame.width, bandHeight).fill(BLUE);
  doc.restore();
  doc
    .font('Helvetica-Bold')
    .fontSize(11)
    .fillColor('#ffffff')
    .text(v.platformName, left, frame.y + 6, { width, lineBreak: false, ellipsis: true });
  doc
    .font('Helvetica')
    .fontSize(7.5)
    .text(v.ambitoName, left, frame.y + 18.5, { width, lineBreak: false, ellipsis: true });

  // What it is, and which Comune pays it.
  let y = frame.y + bandHeight + 8;
  doc
    .font('Helvetica-Bold')
    .fontSize(14)
    .fillColor(BLUE)
    .text(v.kindName.it, left, y, { width, lineBreak: false, ellipsis: true });
  y += 16;
  doc
    .font('Helvetica')
    .fontSize(8)
    .fillColor(GREY)
    .text(v.kindName.en, left, y, { width, lineBreak: false, ellipsis: true });
  y += 12;
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor(GREY)
    .text('Comune ', left, y, { continued: true, lineBreak: false })
    .font('Helvetica-Bold')
    .fillColor(INK)
    .text(v.comuneName, { lineBreak: false, ellipsis: true, width: width - doc.widthOfString('Comune ') });
  y += 16;

  // Value and expiry, side by side, large: what a cashier looks at first.
  const valueWidth = width * 0.56;
  const expiryX = left + valueWidth + 6;
  const expiryWidth = width - valueWidth - 6;
  doc.roundedRect(left, y, width, 52, 5).fillAndStroke('#eef3f8', '#eef3f8');
  doc
    .font('Helvetica-Bold')
    .fontSize(7)
    .fillColor(GREY)
    .text('VALORE / VALUE', left + 6, y + 5, { width: valueWidth - 6, lineBreak: false });
  const value = formatCents(v.faceValue);
  const valueSize = Math.min(28, fitFontSize(doc, 'Helvetica-Bold', value, valueWidth - 8));
  doc
    .font('Helvetica-Bold')
    .fontSize(valueSize)
    .fillColor(INK)
    .text(value, left + 6, y + 16 + (28 - valueSize) / 2, { width: valueWidth - 6, lineBreak: false });
  const lastDay = lastValidDay(v.validUntil);
  doc
    .font('Helvetica-Bold')
    .fontSize(7)
    .fillColor(GREY)
    .text('SCADE IL / EXPIRES', expiryX, y + 5, { width: expiryWidth, lineBreak: false });
  doc
    .font('Helvetica-Bold')
    .fontSize(15)
    .fillColor(INK)
    .text(dayIt(lastDay), expiryX, y + 17, { width: expiryWidth, lineBreak: false });
  doc
    .font('Helvetica')
    .fontSize(8)
    .fillColor(GREY)
    .text(dayEn(lastDay), expiryX, y + 35, { width: expiryWidth, lineBreak: false });
  y += 58;

  doc
    .font('Helvetica')
    .fontSize(8)
    .fillColor(INK)
    .text(`Valido dal ${dayIt(v.validFrom)} al ${dayIt(lastDay)} compreso`, left, y, {
      width,
      lineBreak: false,
    });
  y += 10;
  doc
    .fontSize(7.5)
    .fillColor(GREY)
    .text(`Valid from ${dayEn(v.validFrom)} to ${dayEn(lastDay)} inclusive`, left, y, {
      width,
      lineBreak: false,
    });
  y += 12;

  // Where it can be spent (at most two lines in each language).
  doc.font('Helvetica-Bold').fontSize(8).fillColor(INK);
  doc.text('Dove si usa: ', left, y, { continued: true, width, height: 20, ellipsis: true });
  doc.font('Helvetica').text(v.spendAt.it);
  y = Math.min(doc.y, y + 20) + 1;
  doc.font('Helvetica-Bold').fontSize(7.5).fillColor(GREY);
  doc.text('Where: ', left, y, { continued: true, width, height: 18, ellipsis: true });
  doc.font('Helvetica').text(v.spendAt.en);
  y = Math.min(doc.y, y + 18);

  // From the bottom up: the instructions, the short code, then the QR code in the space left.
  const instructionsHeight = 36;
  const instructionsTop = bottom - instructionsHeight;
  doc
    .font('Helvetica-Bold')
    .fontSize(8)
    .fillColor(INK)
    .text('Mostra questo codice in cassa / Show this code at the till', left, instructionsTop, {
      width,
      align: 'center',
      lineBreak: false,
    });
  doc
    .font('Helvetica')
    .fontSize(7.5)
    .fillColor(INK)
    .text(`Il saldo si controlla in cassa o su ${v.publicUrl}`, left, instructionsTop + 12, {
      width,
      align: 'center',
      lineBreak: false,
      ellipsis: true,
    });
  doc
    .fontSize(7)
    .fillColor(GREY)
    .text(`Check the balance at the till or at ${v.publicUrl}`, left, instructionsTop + 22, {
      width,
      align: 'center',
      lineBreak: false,
      ellipsis: true,
    });

  const codeSize = 18;
  const codeTop = instructionsTop - codeSize - 4;
  doc
    .font('Courier-Bold')
    .fontSize(codeSize)
    .fillColor(INK)
    .text(v.code, left, codeTop, { width, align: 'center', lineBreak: false, characterSpacing: 1 });

  const modules = qrMatrix(v.token).size;
  const spaceForQr = codeTop - 2 - (y + 2);
  // The quiet zone is blank paper: it only needs to stay clear of text, so it counts in the space.
  const symbol = Math.min(QR_MAX, (spaceForQr * modules) / (modules + 2 * QR_QUIET_ZONE_MODULES));
  const size = Math.max(QR_MIN, symbol);
  const quiet = (size / modules) * QR_QUIET_ZONE_MODULES;
  const qrTop = y + 2 + quiet + Math.max(0, (spaceForQr - size - 2 * quiet) / 2);
  drawQr(doc, v.token, left + (width - size) / 2, qrTop, size);
  doc.restore();
}

/** The largest font size (at most 40) at which `text` fits in `width`. */
function fitFontSize(doc: PDFKit.PDFDocument, font: string, text: string, width: number): number {
  doc.font(font).fontSize(40);
  return Math.min(40, (40 * width) / doc.widthOfString(text));
}

/** An A4 letter to post the vouchers with: the address where a window envelope shows it, how to use them. */
function drawCoverLetter(
  doc: PDFKit.PDFDocument,
  letter: VoucherCoverLetter,
  vouchers: VoucherPrint[],
): void {
  doc.addPage({ size: 'A4', margins: { top: 56, bottom: 56, left: 64, right: 64 } });
  const width = A4.width - 128;
  const first = vouchers[0];
  const total = formatCents(vouchers.reduce((sum, v) => sum + v.faceValue, 0));
  const count = vouchers.length;

  doc.font('Helvetica-Bold').fontSize(16).fillColor(BLUE).text(first.platformName, 64, 56, { width: 240 });
  doc.font('Helvetica').fontSize(10).fillColor(GREY).text(letter.ambitoName, { width: 240 });
  doc.text(`Comune di ${letter.comuneName}`, { width: 240 });

  // Window-envelope position (DL right window: ~ 120 mm from the left, 50 mm from the top).
  doc.font('Helvetica').fontSize(11).fillColor(INK);
  doc.text(letter.recipientName, 320, 150, { width: 210 });
  doc.text(letter.address, { width: 210 });

  doc.fontSize(10).text(longDayIt(letter.date), 64, 240, { width, align: 'right' });

  doc.x = 64;
  doc.y = 270;
  const subject = count === 1 ? 'Il tuo buono' : `I tuoi ${count} buoni`;
  doc.font('Helvetica-Bold').fontSize(14).text(`${subject} del Comune di ${letter.comuneName}`, { width });
  doc.moveDown(0.5);
  doc
    .font('Helvetica')
    .fontSize(11)
    .text(
      `Gentile ${letter.recipientName}, in questa busta trovi ${count === 1 ? 'un buono' : `${count} buoni`} ` +
        `per un valore totale di ${total}. Nelle pagine seguenti ${count === 1 ? 'c’è il buono' : 'ci sono i buoni'}, ` +
        `${count > 1 ? 'quattro per foglio: ritagliali lungo le linee tratteggiate.' : 'pronto da usare.'}`,
      { width },
    );
  doc.moveDown(0.5);
  doc.font('Helvetica-Bold').text('Come si usano', { width });
  doc
    .font('Helvetica')
    .list(
      [
        'Ogni buono dice quanto vale, fino a quando vale e dove si può usare.',
        'In cassa mostra il buono: il negozio inquadra il codice QR, oppure scrive il codice di 12 caratteri stampato sotto.',
        'Un buono si può usare anche in più volte, fino al suo valore, entro la data di scadenza.',
        `Il saldo di ogni buono si controlla in cassa oppure su ${first.publicUrl}`,
        'Tieni i buoni con cura, come il denaro: chi ha il codice può usarli.',
      ],
      { width, bulletRadius: 2 },
    );
  doc.moveDown(0.5);
  doc.text(`Per qualsiasi domanda: ${letter.helpContacts}`, { width });

  doc.moveDown(1.2);
  doc
    .font('Helvetica-Bold')
    .fontSize(12)
    .text(count === 1 ? 'Your voucher' : `Your ${count} vouchers`, { width });
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(
      `This envelope holds ${count === 1 ? 'one voucher' : `${count} vouchers`} from the Comune of ${letter.comuneName}, ` +
        `worth ${formatCents(
          vouchers.reduce((sum, v) => sum + v.faceValue, 0),
          'en',
        )} in all` +
        `${count > 1 ? ' (four to a sheet: cut along the dashed lines)' : ''}. Each voucher shows its value, ` +
        'until when it is valid and where it can be used. At the till, show the voucher: the shop scans the QR code ' +
        'or types the 12-character code printed under it. A voucher can be used in several goes, up to its value, ' +
        `until it expires. Check the balance at the till or at ${first.publicUrl}. Keep the vouchers safe, like ` +
        `cash: whoever has the code can use them. Questions: ${letter.helpContacts}`,
      { width },
    );
}
