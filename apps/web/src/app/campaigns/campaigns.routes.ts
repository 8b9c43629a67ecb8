import { type Routes } from '@angular/router';

import { provideVoucherTexts } from '../i18n/voucher-texts';

/** "/campagne": local-shopping campaigns and, for each, the shops that take its vouchers. */
export const campaignRoutes: Routes = [
  {
    path: '',
    providers: [provideVoucherTexts()],
    children: [
      {
        path: '',
        title: 'vouchers.titles.campaigns',
        loadComponent: () => import('./campaign-list/campaign-list').then((m) => m.CampaignList),
      },
      {
        path: ':slug',
        title: 'vouchers.titles.campaign',
        loadComponent: () => import('./campaign-page/campaign-page').then((m) => m.CampaignPage),
      },
    ],
  },
];
