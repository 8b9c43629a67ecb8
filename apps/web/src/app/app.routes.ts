import { type Routes } from '@angular/router';

import { Home } from './home/home';

/** Paths are Italian, as the citizens read them; `title` values are translation keys. */
export const routes: Routes = [
  { path: '', pathMatch: 'full', component: Home },
  {
    path: 'catalogo',
    loadChildren: () => import('./catalogue/catalogue.routes').then((m) => m.catalogueRoutes),
  },
  {
    path: 'buoni',
    title: 'titles.vouchers',
    loadComponent: () => import('./vouchers/my-vouchers/my-vouchers').then((m) => m.MyVouchers),
  },
  {
    path: 'operatori',
    title: 'titles.operators',
    loadComponent: () => import('./operators/operator-area/operator-area').then((m) => m.OperatorArea),
  },
  {
    path: '**',
    title: 'titles.notFound',
    loadComponent: () => import('./not-found/not-found').then((m) => m.NotFound),
  },
];
