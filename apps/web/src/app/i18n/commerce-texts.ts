import { Injectable, type Provider } from '@angular/core';
import {
  provideChildTranslateService,
  provideTranslateLoader,
  type TranslateLoader,
  type TranslationObject,
} from '@ngx-translate/core';
import { from, type Observable, of } from 'rxjs';

import { commerceIt } from './commerce.it';

/** Serves the texts of the cart, checkout and order pages: Italian with the pages' code, English lazily. */
@Injectable()
export class CommerceTextsLoader implements TranslateLoader {
  getTranslation(lang: string): Observable<TranslationObject> {
    if (lang === 'en') {
      return from(import('./commerce.en').then((module) => ({ commerce: module.commerceEn })));
    }
    return of({ commerce: commerceIt });
  }
}

/**
 * For the routes (and the components placed elsewhere, like the service page's "Aggiungi al
 * carrello") that show cart, checkout and order pages: a child translation service with their texts,
 * which reads every other key from the app's own. Keeps them out of the first download.
 */
export function provideCommerceTexts(): Provider[] {
  return provideChildTranslateService({ loader: provideTranslateLoader(CommerceTextsLoader) });
}
