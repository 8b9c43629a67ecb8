import { type Routes } from '@angular/router';

import { provideVoucherTexts } from '../i18n/voucher-texts';
import { MerchantShops } from './merchant-shops';

/** Under /ente, for shops: take a voucher, and the month's redemptions with statements. */
export const merchantRoutes: Routes = [
  {
    path: '',
    providers: [MerchantShops, provideVoucherTexts()],
    children: [
      {
        path: 'incassa',
        title: 'vouchers.titles.redeem',
        loadComponent: () => import('./redeem-voucher/redeem-voucher').then((m) => m.RedeemVoucher),
      },
      {
        path: 'incassi',
        title: 'vouchers.titles.history',
        loadComponent: () =>
          import('./redemption-history/redemption-history').then((m) => m.RedemptionHistory),
      },
    ],
  },
];
