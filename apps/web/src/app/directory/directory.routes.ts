import { type Routes } from '@angular/router';

/**
 * The public directory's pages. Each page of one thing sets its own title once loaded; the route's
 * `title` (a translation key) names it until then.
 */

/** /servizi/{slug}; /servizi alone is the catalogue. */
export const serviceRoutes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: '/catalogo' },
  {
    path: ':slug',
    title: 'directory.titles.service',
    loadComponent: () => import('./service-page/service-page').then((m) => m.ServicePage),
  },
];

/** /enti and /enti/{slug} */
export const organisationRoutes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'directory.titles.organisations',
    loadComponent: () => import('./organisation-list/organisation-list').then((m) => m.OrganisationList),
  },
  {
    path: ':slug',
    title: 'directory.titles.organisation',
    loadComponent: () => import('./organisation-page/organisation-page').then((m) => m.OrganisationPage),
  },
];

/** /eventi and /eventi/{slug} */
export const eventRoutes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'directory.titles.events',
    loadComponent: () => import('./event-calendar/event-calendar').then((m) => m.EventCalendar),
  },
  {
    path: ':slug',
    title: 'directory.titles.event',
    loadComponent: () => import('./event-page/event-page').then((m) => m.EventPage),
  },
];

/** /punti-sociali and /punti-sociali/{slug} */
export const socialPointRoutes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'directory.titles.socialPoints',
    loadComponent: () => import('./social-point-list/social-point-list').then((m) => m.SocialPointList),
  },
  {
    path: ':slug',
    title: 'directory.titles.socialPoint',
    loadComponent: () => import('./social-point-page/social-point-page').then((m) => m.SocialPointPage),
  },
];
