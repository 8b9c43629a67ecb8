import { type Routes } from '@angular/router';

import { ServiceList } from './service-list/service-list';

export const catalogueRoutes: Routes = [{ path: '', title: 'titles.catalogue', component: ServiceList }];
