import { type ActivatedRouteSnapshot, type Routes } from '@angular/router';

import { ProviderOrganisation } from './provider-organisation';
import { NEW_ITEM } from './provider-paths';
import { TaxonomySource } from './taxonomy-source';

/**
 * Under /ente (the organisation's home page is ''): profilo, sedi, servizi, eventi, and the orders and
 * bookings (provider-orders.routes.ts). "nuovo" and an id share one route each, so the page that
 * creates a service stays when it moves to its address.
 */
export const providerRoutes: Routes = [
  {
    path: '',
    providers: [ProviderOrganisation, TaxonomySource],
    children: [
      {
        path: 'profilo',
        title: 'backOffice.titles.profile',
        loadComponent: () =>
          import('./organisation-profile/organisation-profile').then((m) => m.OrganisationProfile),
      },
      {
        path: 'sedi',
        title: 'backOffice.titles.places',
        loadComponent: () => import('./places/places').then((m) => m.Places),
      },
      {
        path: 'servizi',
        title: 'backOffice.titles.services',
        loadComponent: () => import('./provider-services/provider-services').then((m) => m.ProviderServices),
      },
      {
        path: 'servizi/:id',
        title: (route: ActivatedRouteSnapshot) =>
          route.paramMap.get('id') === NEW_ITEM
            ? 'backOffice.titles.newService'
            : 'backOffice.titles.service',
        loadComponent: () => import('./service-editor/service-editor').then((m) => m.ServiceEditor),
      },
      {
        path: 'eventi',
        title: 'backOffice.titles.events',
        loadComponent: () => import('./provider-events/provider-events').then((m) => m.ProviderEvents),
      },
      {
        path: 'eventi/:id',
        title: (route: ActivatedRouteSnapshot) =>
          route.paramMap.get('id') === NEW_ITEM ? 'backOffice.titles.newEvent' : 'backOffice.titles.event',
        loadComponent: () => import('./event-editor/event-editor').then((m) => m.EventEditor),
      },
      {
        path: '',
        loadChildren: () => import('./orders/provider-orders.routes').then((m) => m.providerOrderRoutes),
      },
    ],
  },
];
