import { type Routes } from '@angular/router';

import { provideCommerceTexts } from '../../i18n/commerce-texts';

/** Under /ente, for providers: orders received, one order, and the bookings calendar. */
export const providerOrderRoutes: Routes = [
  {
    path: '',
    providers: [provideCommerceTexts()],
    children: [
      {
        path: 'ordini',
        title: 'commerce.titles.providerOrders',
        loadComponent: () =>
          import('./provider-order-list/provider-order-list').then((m) => m.ProviderOrderList),
      },
      {
        path: 'ordini/:id',
        title: 'commerce.titles.providerOrder',
        loadComponent: () =>
          import('./provider-order-page/provider-order-page').then((m) => m.ProviderOrderPage),
      },
      {
        path: 'prenotazioni',
        title: 'commerce.titles.bookings',
        loadComponent: () =>
          import('../bookings/bookings-calendar/bookings-calendar').then((m) => m.BookingsCalendar),
      },
    ],
  },
];
