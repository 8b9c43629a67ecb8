import { inject, Pipe, type PipeTransform } from '@angular/core';

import { type LocalizedText } from '../api/models';
import { UiLanguage } from './ui-language';

/**
 * `{{ family.name | localized }}`: shows the current language's variant of an API text.
 * Impure so that it follows a language switch; the work per call is a property read.
 */
@Pipe({ name: 'localized', pure: false })
export class LocalizedPipe implements PipeTransform {
  private readonly language = inject(UiLanguage);

  transform(text: LocalizedText | null | undefined): string {
    return this.language.pick(text);
  }
}
