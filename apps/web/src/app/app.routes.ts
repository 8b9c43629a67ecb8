import { type Routes } from '@angular/router';

import { Home } from './home/home';
import { requireRole } from './session/require-role';
import { requireSession } from './session/require-session';

/** Paths are Italian, as the citizens read them; `title` values are translation keys. */
export const routes: Routes = [
  { path: '', pathMatch: 'full', component: Home },
  {
    path: 'catalogo',
    loadChildren: () => import('./catalogue/catalogue.routes').then((m) => m.catalogueRoutes),
  },
  {
    path: 'servizi',
    loadChildren: () => import('./directory/directory.routes').then((m) => m.serviceRoutes),
  },
  {
    path: 'enti',
    loadChildren: () => import('./directory/directory.routes').then((m) => m.organisationRoutes),
  },
  {
    path: 'eventi',
    loadChildren: () => import('./directory/directory.routes').then((m) => m.eventRoutes),
  },
  {
    path: 'punti-sociali',
    loadChildren: () => import('./directory/directory.routes').then((m) => m.socialPointRoutes),
  },
  {
    path: 'buoni',
    loadChildren: () => import('./vouchers/wallet.routes').then((m) => m.walletRoutes),
  },
  {
    path: 'carrello',
    canActivate: [requireRole('citizen')],
    loadChildren: () => import('./cart/cart.routes').then((m) => m.cartRoutes),
  },
  {
    path: 'ordini',
    canActivate: [requireRole('citizen')],
    loadChildren: () => import('./orders/orders.routes').then((m) => m.orderRoutes),
  },
  {
    path: 'campagne',
    loadChildren: () => import('./campaigns/campaigns.routes').then((m) => m.campaignRoutes),
  },
  {
    path: 'avvisi',
    canActivate: [requireSession],
    loadChildren: () => import('./notices/notices.routes').then((m) => m.noticeRoutes),
  },
  {
    path: 'operatori',
    children: [
      {
        path: '',
        title: 'titles.operators',
        loadComponent: () => import('./operators/operator-area/operator-area').then((m) => m.OperatorArea),
      },
      {
        path: 'registrazione',
        title: 'titles.organisationSignUp',
        loadComponent: () =>
          import('./operators/organisation-sign-up/organisation-sign-up').then((m) => m.OrganisationSignUp),
      },
    ],
  },
  {
    path: 'ente',
    canActivate: [requireRole('provider', 'merchant')],
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'titles.myOrganisation',
        loadComponent: () =>
          import('./organisation/my-organisation/my-organisation').then((m) => m.MyOrganisation),
      },
      {
        path: '',
        canActivate: [requireRole('merchant')],
        loadChildren: () => import('./merchant/merchant.routes').then((m) => m.merchantRoutes),
      },
      {
        path: '',
        canActivate: [requireRole('provider')],
        loadChildren: () => import('./provider/provider.routes').then((m) => m.providerRoutes),
      },
    ],
  },
  {
    path: 'amministrazione',
    canActivate: [requireRole('admin')],
    children: [
      {
        path: 'accreditamenti',
        title: 'titles.accreditation',
        loadComponent: () =>
          import('./admin/accreditation-queue/accreditation-queue').then((m) => m.AccreditationQueue),
      },
      {
        path: '',
        loadChildren: () =>
          import('./admin/catalogue/admin-catalogue.routes').then((m) => m.adminCatalogueRoutes),
      },
      {
        path: '',
        loadChildren: () => import('./admin/funds/admin-funds.routes').then((m) => m.adminFundsRoutes),
      },
    ],
  },
  {
    path: 'servizi-sociali/nuclei',
    canActivate: [requireRole('social_worker')],
    loadChildren: () => import('./social/social.routes').then((m) => m.socialRoutes),
  },
  {
    path: 'accedi',
    title: 'titles.login',
    loadComponent: () => import('./account/login/login').then((m) => m.Login),
  },
  {
    path: 'registrati',
    title: 'titles.signUp',
    loadComponent: () => import('./account/sign-up/sign-up').then((m) => m.SignUp),
  },
  {
    // Pages reached from links in e-mails and from the sign-in page.
    path: 'accesso',
    children: [
      {
        path: 'verifica',
        title: 'titles.verifyEmail',
        loadComponent: () => import('./account/verify-email/verify-email').then((m) => m.VerifyEmail),
      },
      {
        path: 'recupero',
        title: 'titles.passwordReset',
        loadComponent: () => import('./account/password-reset/password-reset').then((m) => m.PasswordReset),
      },
      {
        path: 'nuova-password',
        title: 'titles.newPassword',
        loadComponent: () => import('./account/new-password/new-password').then((m) => m.NewPassword),
      },
      {
        path: 'invito',
        title: 'titles.acceptInvitation',
        loadComponent: () =>
          import('./account/accept-invitation/accept-invitation').then((m) => m.AcceptInvitation),
      },
      {
        path: 'primo-accesso',
        title: 'titles.firstAccess',
        loadComponent: () => import('./account/first-access/first-access').then((m) => m.FirstAccess),
      },
    ],
  },
  {
    path: 'profilo',
    title: 'titles.profile',
    canActivate: [requireSession],
    loadComponent: () => import('./profile/profile').then((m) => m.Profile),
  },
  {
    // Shown by requireRole at the address that was refused, never linked to.
    path: 'accesso-negato',
    title: 'titles.forbidden',
    loadComponent: () => import('./forbidden/forbidden').then((m) => m.Forbidden),
  },
  {
    path: '**',
    title: 'titles.notFound',
    loadComponent: () => import('./not-found/not-found').then((m) => m.NotFound),
  },
];
