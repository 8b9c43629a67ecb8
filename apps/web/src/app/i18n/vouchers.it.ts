/**
 * Vouchers: the few texts the app shell needs before any voucher page is loaded (page titles, the
 * header's work areas and notice bell). The pages' own texts are in vouchers-pages.it.ts, under the
 * same `vouchers` key, loaded with the pages. Italian, the reference: vouchers.en.ts has the same keys.
 */
export const vouchersIt = {
  titles: {
    voucher: 'Il buono',
    redeem: 'Incassa buono',
    history: 'Incassi e rendiconti',
    funds: 'Fondi',
    kinds: 'Tipi di buono e campagne',
    settlements: 'Rimborsi ai negozi',
    notices: 'Avvisi',
    campaigns: 'Campagne per il commercio locale',
    campaign: 'Campagna',
  },
  areas: {
    redeem: 'Incassa buono',
    funds: 'Fondi e buoni',
  },
  notices: {
    bellNone: 'Avvisi: nessuno da leggere',
    bellOne: '1 avviso non letto',
    bellMany: '{{count}} avvisi non letti',
  },
};
