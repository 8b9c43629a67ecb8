import { type Routes } from '@angular/router';

import { provideVoucherTexts } from '../i18n/voucher-texts';

/** "/avvisi": the person's in-app notices. */
export const noticeRoutes: Routes = [
  {
    path: '',
    title: 'vouchers.titles.notices',
    providers: [provideVoucherTexts()],
    loadComponent: () => import('./notice-list/notice-list').then((m) => m.NoticeList),
  },
];
