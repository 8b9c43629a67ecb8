import { effect, inject, Injectable, signal } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { type RouterStateSnapshot, TitleStrategy } from '@angular/router';
import { TranslateService } from '@ngx-translate/core';

import { AmbitoSettings } from '../settings/ambito-settings';

/**
 * Route `title`s are translation keys. The document title is "<page> · <Ambito's platform name>",
 * and follows both a language switch and the settings, not only navigation.
 */
@Injectable({ providedIn: 'root' })
export class TranslatedTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly translate = inject(TranslateService);
  private readonly settings = inject(AmbitoSettings);
  private readonly pageKey = signal<string | undefined>(undefined);

  constructor() {
    super();
    effect(() => {
      const key = this.pageKey();
      const appName = this.settings.name();
      this.translate.currentLang();
      const page = key ? String(this.translate.instant(key)) : '';
      this.title.setTitle(page ? `${page} · ${appName}` : appName);
    });
  }

  override updateTitle(snapshot: RouterStateSnapshot): void {
    this.pageKey.set(this.buildTitle(snapshot));
  }
}
