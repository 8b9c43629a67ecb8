import { type Routes } from '@angular/router';

/** /servizi/{slug} */
export const serviceRoutes: Routes = [];
/** /enti and /enti/{slug} */
export const organisationRoutes: Routes = [];
/** /eventi and /eventi/{slug} */
export const eventRoutes: Routes = [];
/** /punti-sociali and /punti-sociali/{slug} */
export const socialPointRoutes: Routes = [];
