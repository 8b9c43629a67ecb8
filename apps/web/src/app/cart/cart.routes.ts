import { type Routes } from '@angular/router';

import { provideCommerceTexts } from '../i18n/commerce-texts';

/** "/carrello": the family's cart, and paying it. */
export const cartRoutes: Routes = [
  {
    path: '',
    providers: [provideCommerceTexts()],
    children: [
      {
        path: '',
        title: 'commerce.titles.cart',
        loadComponent: () => import('./cart-page/cart-page').then((m) => m.CartPage),
      },
      {
        path: 'pagamento',
        title: 'commerce.titles.checkout',
        loadComponent: () => import('../checkout/checkout-page/checkout-page').then((m) => m.CheckoutPage),
      },
    ],
  },
];
