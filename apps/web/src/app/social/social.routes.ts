import { type Routes } from '@angular/router';

/** The social worker's households: search, assisted registration, one household. */
export const socialRoutes: Routes = [
  {
    path: '',
    title: 'titles.households',
    loadComponent: () => import('./household-search/household-search').then((m) => m.HouseholdSearch),
  },
  {
    path: 'nuovo',
    title: 'titles.assistedRegistration',
    loadComponent: () =>
      import('./assisted-registration/assisted-registration').then((m) => m.AssistedRegistration),
  },
  {
    path: ':id',
    title: 'titles.household',
    loadComponent: () => import('./household-detail/household-detail').then((m) => m.HouseholdDetail),
  },
];
