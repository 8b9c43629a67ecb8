import { type Routes } from '@angular/router';

/** Under /amministrazione: moderazione, categorie. */
export const adminCatalogueRoutes: Routes = [];
