import { dayEn, dayIt, formatCents, isoLocalRome, type Translated } from '@piazza/core';
import type { OrderStatus } from '../entities/customer-order.entity';
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

/** What the family's receipt of one order shows. Voucher codes arrive masked (`****-****-XXXX`). */
export interface OrderReceipt {
  platformName: string;
  ambitoName: string;
  provider: {
    name: string;
    legalName: string;
    address: string;
    fiscalCode: string;
    vatNumber: string | null;
  };
  number: string;
  status: OrderStatus;
  createdAt: Date;
  paidAt: Date | null;
  customer: { name: string; comune: string };
  lines: {
    title: string;
    priceModel: string;
    /** The slot's start, for services booked on a date. */
    startsAt: Date | null;
    quantity: number;
    unitPrice: number;
    lineTotal: number;
  }[];
  total: number;
  vouchers: { maskedCode: string; kind: Translated; amount: number }[];
  cardAmount: number;
  refunds: { at: Date; method: 'voucher' | 'card'; amount: number }[];
}

const STATUS: Record<OrderStatus, string> = {
  pending_payment: 'In attesa di pagamento / Awaiting payment',
  paid: 'Pagato / Paid',
  confirmed: "Confermato dall'ente / Confirmed by the provider",
  fulfilled: 'Completato / Completed',
  cancelled: 'Annullato / Cancelled',
  declined: "Rifiutato dall'ente / Declined by the provider",
  expired: 'Scaduto / Expired',
};

/** What a quantity counts, by price model: a line booked on a date counts places. */
function unit(priceModel: string, booked: boolean, quantity: number): string {
  const one = quantity === 1;
  if (booked) return one ? 'posto (place)' : 'posti (places)';
  switch (priceModel) {
    case 'per_hour':
      return one ? 'ora (hour)' : 'ore (hours)';
    case 'per_session':
      return one ? 'incontro (session)' : 'incontri (sessions)';
    case 'per_month':
      return one ? 'mese (month)' : 'mesi (months)';
    default:
      return '';
  }
}

const LINE_COLUMNS: readonly Column[] = [
  { title: 'Servizio', sub: 'Service', width: 177, align: 'left' },
  { title: 'Data', sub: 'Date', width: 88, align: 'left' },
  { title: 'Quantità × prezzo', sub: 'Quantity × unit price', width: 160, align: 'left' },
  { title: 'Importo', sub: 'Amount', width: 70.28, align: 'right' },
];

/**
 * The receipt of an order as an A4 PDF, Italian with English: the Ambito and the provider, the order's
 * number, dates and state, each line as quantity × unit price, the total, what vouchers (codes masked)
 * and the card paid, and the refunds if any. A payment receipt of the platform, not the provider's
 * invoice: the page says so.
 */
export function renderOrderReceiptPdf(r: OrderReceipt): Promise<Buffer> {
  const { doc, done } = a4Document(`Ricevuta ordine ${r.number} — ${r.provider.name}`, r.ambitoName);

  doc
    .font('Helvetica-Bold')
    .fontSize(16)
    .fillColor(BLUE)
    .text(`Ricevuta dell'ordine ${r.number}`, MARGIN, MARGIN, { width: WIDTH });
  doc
    .font('Helvetica')
    .fontSize(10)
    .fillColor(GREY)
    .text(`Order receipt ${r.number} · ${r.platformName} · ${r.ambitoName}`, { width: WIDTH });
  doc.moveDown(1);

  // Two columns: who sells on the left, the order's facts on the right.
  const top = doc.y;
  const half = WIDTH / 2 - 10;
  doc
    .font('Helvetica-Bold')
    .fontSize(8)
    .fillColor(GREY)
    .text('ENTE (PROVIDER)', MARGIN, top, { width: half });
  doc.font('Helvetica-Bold').fontSize(11).fillColor(INK).text(r.provider.name, { width: half });
  doc.font('Helvetica').fontSize(9);
  if (r.provider.legalName && r.provider.legalName !== r.provider.name)
    doc.text(r.provider.legalName, { width: half });
  doc.text(r.provider.address, { width: half });
  doc.text(`C.F. (tax code) ${r.provider.fiscalCode}`, { width: half });
  if (r.provider.vatNumber) doc.text(`P. IVA (VAT number) ${r.provider.vatNumber}`, { width: half });
  const leftBottom = doc.y;

  const right = MARGIN + WIDTH / 2 + 10;
  const fact = (label: string, value: string) => {
    doc.font('Helvetica-Bold').fontSize(8).fillColor(GREY).text(label, right, doc.y, { width: half });
    doc.font('Helvetica').fontSize(10).fillColor(INK).text(value, right, doc.y, { width: half });
    doc.moveDown(0.3);
  };
  doc.y = top;
  fact('ORDINE N. (ORDER NO.)', r.number);
  fact('DATA (DATE)', `${dayIt(r.createdAt)} (${dayEn(r.createdAt)})`);
  if (r.paidAt) fact('PAGATO IL (PAID ON)', `${isoLocalRome(r.paidAt).slice(0, 16)} (Europe/Rome)`);
  fact('STATO (STATUS)', STATUS[r.status]);
  fact(
    'INTESTATO A (CUSTOMER)',
    r.customer.name ? `${r.customer.name}, ${r.customer.comune}` : r.customer.comune,
  );
  doc.y = Math.max(leftBottom, doc.y) + 14;

  let y = tableHeader(doc, LINE_COLUMNS, doc.y);
  r.lines.forEach((line, index) => {
    if (y + ROW > LIMIT) {
      doc.addPage();
      y = tableHeader(doc, LINE_COLUMNS, MARGIN);
    }
    const what = unit(line.priceModel, line.startsAt !== null, line.quantity);
    tableRow(
      doc,
      LINE_COLUMNS,
      [
        line.title,
        line.startsAt ? isoLocalRome(line.startsAt).slice(0, 16) : '—',
        `${line.quantity}${what ? ` ${what}` : ''} × ${formatCents(line.unitPrice)}`,
        formatCents(line.lineTotal),
      ],
      y,
      index,
    );
    y += ROW;
  });

  // Totals, payments and refunds are kept together on one page.
  const height = (5 + r.vouchers.length + r.refunds.length + (r.refunds.length ? 3 : 0)) * ROW + 90;
  if (y + 12 + height > LIMIT) {
    doc.addPage();
    y = MARGIN;
  } else y += 6;
  rule(doc, y);
  amountLine(doc, 'Totale / Total', formatCents(r.total), y + 2, true);
  y += ROW + 14;

  doc
    .font('Helvetica-Bold')
    .fontSize(11)
    .fillColor(BLUE)
    .text('Pagamento / Payment', MARGIN, y, { width: WIDTH });
  y += 18;
  for (const voucher of r.vouchers) {
    amountLine(
      doc,
      `Buono (voucher) ${voucher.maskedCode} — ${voucher.kind.it} / ${voucher.kind.en}`,
      formatCents(voucher.amount),
      y,
    );
    y += ROW;
  }
  const voucherTotal = r.vouchers.reduce((sum, v) => sum + v.amount, 0);
  if (r.vouchers.length > 1) {
    amountLine(doc, 'Totale pagato con buoni / Paid by vouchers', formatCents(voucherTotal), y, true);
    y += ROW;
  }
  if (r.cardAmount > 0 || r.vouchers.length === 0) {
    amountLine(doc, 'Pagato con carta / Paid by card', formatCents(r.cardAmount), y);
    y += ROW;
  }

  if (r.refunds.length) {
    y += 12;
    doc
      .font('Helvetica-Bold')
      .fontSize(11)
      .fillColor(BLUE)
      .text('Rimborsi / Refunds', MARGIN, y, { width: WIDTH });
    y += 18;
    for (const refund of r.refunds) {
      const to = refund.method === 'voucher' ? 'sui buoni (to the vouchers)' : 'sulla carta (to the card)';
      amountLine(
        doc,
        `${isoLocalRome(refund.at).slice(0, 16)} — rimborso ${to}`,
        formatCents(refund.amount),
        y,
      );
      y += ROW;
    }
    const refunded = r.refunds.reduce((sum, refund) => sum + refund.amount, 0);
    rule(doc, y + 2);
    amountLine(doc, 'Totale rimborsato / Total refunded', formatCents(refunded), y + 2, true);
    y += ROW + 2;
  }

  y += 20;
  doc
    .font('Helvetica')
    .fontSize(8)
    .fillColor(GREY)
    .text(
      `Ricevuta di pagamento rilasciata da ${r.platformName} per conto dell'ente: non sostituisce la fattura o ` +
        `la ricevuta fiscale dell'ente. Importi in euro. / Payment receipt issued by ${r.platformName} on behalf ` +
        `of the provider: it does not replace the provider's invoice or tax receipt. Amounts in euro.`,
      MARGIN,
      y,
      { width: WIDTH },
    );

  pageFooters(doc, `${r.provider.name} · ${r.number}`);
  doc.end();
  return done;
}
