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
import { Session } from './session/session';
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
    // are spelled out because the API's identity module sets and checks exactly these: the cookie
    // comes with any GET (the settings, read at start-up before anything is posted), the header goes
    // with every POST to a relative URL.
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
      // Who is signed in does not hold up the first page: the header waits for it, and so do the
      // pages that need a session (through their guard).
      void inject(Session).load();
      await Promise.all([language.restore(), settings.load()]);
    }),
  ],
};
