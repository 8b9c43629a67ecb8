import { type Routes } from '@angular/router';

import { provideVoucherTexts } from '../../i18n/voucher-texts';

/** Under /amministrazione: funds, voucher kinds and campaigns, payments to shops. */
export const adminFundsRoutes: Routes = [
  {
    path: '',
    providers: [provideVoucherTexts()],
    children: [
      {
        path: 'fondi',
        title: 'vouchers.titles.funds',
        loadComponent: () => import('./funds-admin/funds-admin').then((m) => m.FundsAdmin),
      },
      {
        path: 'tipi-buono',
        title: 'vouchers.titles.kinds',
        loadComponent: () =>
          import('./voucher-kinds-admin/voucher-kinds-admin').then((m) => m.VoucherKindsAdmin),
      },
      {
        path: 'rimborsi-negozi',
        title: 'vouchers.titles.settlements',
        loadComponent: () => import('./settlements-admin/settlements-admin').then((m) => m.SettlementsAdmin),
      },
    ],
  },
];
