import { type Routes } from '@angular/router';

/** Under /ente (the organisation's home page is ''): profilo, sedi, servizi, eventi. */
export const providerRoutes: Routes = [];
