import { Injectable } from '@angular/core';
import { type TranslateLoader, type TranslationObject } from '@ngx-translate/core';
import { from, type Observable, of } from 'rxjs';

import { it } from './it';

/**
 * Serves the translations compiled into the app: no HTTP round trip, and a missing key is a build
 * error rather than a blank label. Italian ships in the main bundle; English is a lazy chunk.
 */
@Injectable()
export class StaticTranslateLoader implements TranslateLoader {
  getTranslation(lang: string): Observable<TranslationObject> {
    if (lang === 'en') return from(import('./en').then((module) => module.en));
    return of(it);
  }
}
