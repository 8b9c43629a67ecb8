import { type Routes } from '@angular/router';

/** Under /amministrazione: moderazione (and one service under review), categorie. */
export const adminCatalogueRoutes: Routes = [
  {
    path: 'moderazione',
    title: 'backOffice.titles.moderation',
    loadComponent: () => import('./moderation-queue/moderation-queue').then((m) => m.ModerationQueue),
  },
  {
    path: 'moderazione/:id',
    title: 'backOffice.titles.review',
    loadComponent: () => import('./moderation-review/moderation-review').then((m) => m.ModerationReview),
  },
  {
    path: 'categorie',
    title: 'backOffice.titles.taxonomy',
    loadComponent: () => import('./taxonomy-admin/taxonomy-admin').then((m) => m.TaxonomyAdmin),
  },
];
