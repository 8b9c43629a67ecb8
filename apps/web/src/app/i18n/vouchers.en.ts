import { type vouchersIt } from './vouchers.it';

/** Vouchers: page titles, work areas and the notice bell. English. */
export const vouchersEn: typeof vouchersIt = {
  titles: {
    voucher: 'Voucher',
    redeem: 'Take a voucher',
    history: 'Redemptions and statements',
    funds: 'Funds',
    kinds: 'Voucher kinds and campaigns',
    settlements: 'Payments to shops',
    notices: 'Notices',
    campaigns: 'Local shopping campaigns',
    campaign: 'Campaign',
  },
  areas: {
    redeem: 'Take a voucher',
    funds: 'Funds and vouchers',
  },
  notices: {
    bellNone: 'Notices: none unread',
    bellOne: '1 unread notice',
    bellMany: '{{count}} unread notices',
  },
};
