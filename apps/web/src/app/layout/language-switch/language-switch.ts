import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';

import { UI_LANGUAGES, type UiLang, UiLanguage } from '../../i18n/ui-language';

/** Italian / English toggle: two real buttons, the pressed one is the language in use. */
@Component({
  selector: 'pz-language-switch',
  imports: [TranslatePipe],
  templateUrl: './language-switch.html',
  styleUrl: './language-switch.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LanguageSwitch {
  protected readonly language = inject(UiLanguage);
  /** The short code each button shows, as Bootstrap Italia's headers do. */
  protected readonly languages = UI_LANGUAGES.map((lang) => ({ lang, code: lang === 'it' ? 'ITA' : 'ENG' }));

  protected switchTo(lang: UiLang): void {
    if (lang !== this.language.current()) void this.language.use(lang);
  }
}
