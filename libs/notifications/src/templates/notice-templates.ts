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

export function renderNotice(template: string, params: Params): NoticeText {
  const render = NOTICE_TEMPLATES[template];
  if (render) return render(params);
  return { title: { it: 'Avviso', en: 'Notice' }, body: { it: '', en: '' } };
}
