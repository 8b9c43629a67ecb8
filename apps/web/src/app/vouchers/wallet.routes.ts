import { type Routes } from '@angular/router';

import { provideVoucherTexts } from '../i18n/voucher-texts';

/** "/buoni": the household's wallet and one voucher with its QR code. */
export const walletRoutes: Routes = [
  {
    path: '',
    providers: [provideVoucherTexts()],
    children: [
      {
        path: '',
        title: 'titles.vouchers',
        loadComponent: () => import('./my-vouchers/my-vouchers').then((m) => m.MyVouchers),
      },
      {
        path: ':id',
        title: 'vouchers.titles.voucher',
        loadComponent: () => import('./voucher-page/voucher-page').then((m) => m.VoucherPage),
      },
    ],
  },
];
