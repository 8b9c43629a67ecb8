import type { Translated } from '@piazza/core';

type Params = Record<string, string>;

export interface NoticeText {
  title: Translated;
  body: Translated;
}

/**
 * In-app notices: what a person reads in the header's bell. `params` come from the job, already
 * formatted (amounts as "12,50 €" in `amount` and "€12.50" in `amountEn`).
 */
export const NOTICE_TEMPLATES: Record<string, (p: Params) => NoticeText> = {
  vouchers_issued: (p) => ({
    title: {
      it: p.count === '1' ? 'Hai un nuovo buono' : `Hai ${p.count} nuovi buoni`,
      en: p.count === '1' ? 'You have a new voucher' : `You have ${p.count} new vouchers`,
    },
    body: {
      it: `Il Comune di ${p.comune} ti ha assegnato buoni per ${p.total}. Li trovi nel tuo portafoglio, con il codice QR da mostrare in cassa.`,
      en: `The Comune of ${p.comune} assigned you vouchers worth ${p.totalEn}. You will find them in your wallet, with the QR code to show at the till.`,
    },
  }),
  voucher_redeemed: (p) => ({
    title: { it: `Hai speso ${p.amount} da ${p.shop}`, en: `You spent ${p.amountEn} at ${p.shop}` },
    body: {
      it: `Sul buono ${p.code} restano ${p.balance}.`,
      en: `${p.balanceEn} is left on voucher ${p.code}.`,
    },
  }),
  voucher_redemption_voided: (p) => ({
    title: {
      it: `${p.shop} ha annullato un incasso di ${p.amount}`,
      en: `${p.shop} voided a payment of ${p.amountEn}`,
    },
    body: {
      it: `L'importo è tornato sul buono ${p.code}: ora restano ${p.balance}.`,
      en: `The amount is back on voucher ${p.code}: ${p.balanceEn} is left now.`,
    },
  }),
};

const ORDER_NOTICE: Record<string, { it: string; en: string }> = {
  paid: { it: 'è pagato', en: 'is paid' },
  confirmed: { it: 'è confermato dall’ente', en: 'is confirmed by the provider' },
  fulfilled: { it: 'è completato', en: 'is completed' },
  cancelled: {
    it: 'è annullato: i buoni e la carta vengono rimborsati',
    en: 'is cancelled: vouchers and card are refunded',
  },
  declined: {
    it: 'è stato rifiutato dall’ente: i buoni e la carta vengono rimborsati',
    en: 'was declined by the provider: vouchers and card are refunded',
  },
  expired: { it: 'è scaduto senza pagamento', en: 'expired without payment' },
};

NOTICE_TEMPLATES['order_update'] = (p) => {
  const text = ORDER_NOTICE[p.status] ?? ORDER_NOTICE['paid'];
  return {
    title: { it: `Ordine ${p.number} presso ${p.provider}`, en: `Order ${p.number} with ${p.provider}` },
    body: {
      it: `Il tuo ordine ${text.it}.${p.reason ? ` Motivo: ${p.reason}` : ''}`,
      en: `Your order ${text.en}.${p.reason ? ` Reason: ${p.reason}` : ''}`,
    },
  };
};

NOTICE_TEMPLATES['order_received'] = (p) => ({
  title: { it: `Nuovo ordine ${p.number}`, en: `New order ${p.number}` },
  body: {
    it: `${p.total} per ${p.services}. Confermalo o rifiutalo dall'area ente.`,
    en: `${p.totalEn} for ${p.services}. Confirm or decline it in your organisation's area.`,
  },
});

NOTICE_TEMPLATES['order_cancelled_by_family'] = (p) => ({
  title: {
    it: `Ordine ${p.number} annullato dalla famiglia`,
    en: `Order ${p.number} cancelled by the family`,
  },
  body: { it: 'I posti prenotati sono di nuovo liberi.', en: 'The places booked are free again.' },
});

export function renderNotice(template: string, params: Params): NoticeText {
  const render = NOTICE_TEMPLATES[template];
  if (render) return render(params);
  return { title: { it: 'Avviso', en: 'Notice' }, body: { it: '', en: '' } };
}
