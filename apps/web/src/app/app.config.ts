import { provideHttpClient, withXsrfConfiguration } from '@angular/common/http';
import {
  type ApplicationConfig,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
} from '@angular/core';
import { provideRouter, TitleStrategy, withInMemoryScrolling } from '@angular/router';
import { provideTranslateLoader, provideTranslateService } from '@ngx-translate/core';

import { routes } from './app.routes';
import { StaticTranslateLoader } from './i18n/static-translate-loader';
import { TranslatedTitleStrategy } from './i18n/translated-title-strategy';
import { UiLanguage } from './i18n/ui-language';
import { AmbitoSettings } from './settings/ambito-settings';

// Zoneless change detection is Angular's default: there is no zone.js in this app.
export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(
      routes,
      withInMemoryScrolling({ scrollPositionRestoration: 'enabled', anchorScrolling: 'enabled' }),
    ),
    // fetch is HttpClient's default backend (withFetch() is deprecated and a no-op). The XSRF names
    // are spelled out because the API's identity module will set and check exactly these.
    provideHttpClient(withXsrfConfiguration({ cookieName: 'XSRF-TOKEN', headerName: 'X-XSRF-TOKEN' })),
    provideTranslateService({
      lang: 'it',
      fallbackLang: 'it',
      loader: provideTranslateLoader(StaticTranslateLoader),
    }),
    { provide: TitleStrategy, useExisting: TranslatedTitleStrategy },
    provideAppInitializer(async () => {
      const language = inject(UiLanguage);
      const settings = inject(AmbitoSettings);
      await Promise.all([language.restore(), settings.load()]);
    }),
  ],
};
