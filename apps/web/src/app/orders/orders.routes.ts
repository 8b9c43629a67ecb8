import { type Routes } from '@angular/router';

import { provideCommerceTexts } from '../i18n/commerce-texts';

/** "/ordini": the family's orders, one order, and the page a payment ends on. */
export const orderRoutes: Routes = [
  {
    path: '',
    providers: [provideCommerceTexts()],
    children: [
      {
        path: '',
        title: 'commerce.titles.orders',
        loadComponent: () => import('./order-list/order-list').then((m) => m.OrderList),
      },
      {
        path: 'pagamento/:checkoutId',
        title: 'commerce.titles.payment',
        loadComponent: () => import('../checkout/payment-return/payment-return').then((m) => m.PaymentReturn),
      },
      {
        path: ':id',
        title: 'commerce.titles.order',
        loadComponent: () => import('./order-page/order-page').then((m) => m.OrderPage),
      },
    ],
  },
];
