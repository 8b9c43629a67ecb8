import { Injectable, type Provider } from '@angular/core';
import {
  provideChildTranslateService,
  provideTranslateLoader,
  type TranslateLoader,
  type TranslationObject,
} from '@ngx-translate/core';
import { from, type Observable, of } from 'rxjs';

import { vouchersPagesIt } from './vouchers-pages.it';

/** Serves the voucher pages' texts: Italian with the pages' code, English as a lazy chunk. */
@Injectable()
export class VoucherTextsLoader implements TranslateLoader {
  getTranslation(lang: string): Observable<TranslationObject> {
    if (lang === 'en') {
      return from(import('./vouchers-pages.en').then((module) => ({ vouchers: module.vouchersPagesEn })));
    }
    return of({ vouchers: vouchersPagesIt });
  }
}

/**
 * For the routes (and the components placed elsewhere) that show voucher pages: a child translation
 * service with the pages' texts, which reads every other key (titles, forms, the shell) from the
 * app's own. Keeps some 17 kB of Italian out of the first download, which every visitor pays.
 */
export function provideVoucherTexts(): Provider[] {
  return provideChildTranslateService({ loader: provideTranslateLoader(VoucherTextsLoader) });
}
