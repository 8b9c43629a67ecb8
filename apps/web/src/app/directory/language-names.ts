import { inject, Pipe, type PipeTransform } from '@angular/core';

import { UiLanguage } from '../i18n/ui-language';

/**
 * `{{ point.languages | languageNames }}`: language codes ("it", "ar") as names in the UI language
 * ("italiano, arabo"). Impure so that it follows a language switch.
 */
@Pipe({ name: 'languageNames', pure: false })
export class LanguageNamesPipe implements PipeTransform {
  private readonly language = inject(UiLanguage);
  private names: Intl.DisplayNames | null = null;
  private namesLocale = '';

  transform(codes: string[] | null | undefined): string {
    if (!codes?.length) return '';
    const locale = this.language.locale();
    if (!this.names || this.namesLocale !== locale) {
      this.names = new Intl.DisplayNames(locale, { type: 'language' });
      this.namesLocale = locale;
    }
    return codes.map((code) => this.nameOf(code)).join(', ');
  }

  private nameOf(code: string): string {
    try {
      return this.names?.of(code) ?? code;
    } catch {
      return code;
    }
  }
}
