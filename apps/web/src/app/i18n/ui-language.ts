import { computed, DOCUMENT, inject, Injectable } from '@angular/core';
import { TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';

import { type LocalizedText } from '../api/models';

export const UI_LANGUAGES = ['it', 'en'] as const;
export type UiLang = (typeof UI_LANGUAGES)[number];

const STORAGE_KEY = 'piazza.lang';

function isUiLang(value: unknown): value is UiLang {
  return typeof value === 'string' && (UI_LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language the visitor reads the UI in. Italian unless they chose otherwise; the choice is
 * remembered in this browser and mirrored on `<html lang>` for screen readers and hyphenation.
 */
@Injectable({ providedIn: 'root' })
export class UiLanguage {
  private readonly translate = inject(TranslateService);
  private readonly document = inject(DOCUMENT);

  readonly current = computed<UiLang>(() => {
    const lang = this.translate.currentLang();
    return isUiLang(lang) ? lang : 'it';
  });

  /** BCP 47 locale for Intl formatting (numbers, money, dates). */
  readonly locale = computed(() => (this.current() === 'it' ? 'it-IT' : 'en-GB'));

  /** Applies the remembered language; used once at start-up. */
  async restore(): Promise<void> {
    await this.apply(this.readStoredLang() ?? 'it');
  }

  async use(lang: UiLang): Promise<void> {
    await this.apply(lang);
    try {
      this.document.defaultView?.localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // Storage can be disabled (private mode, policy); the choice then lasts for this visit only.
    }
  }

  /** Picks the current language's variant of a text the API sent in both languages. */
  pick(text: LocalizedText | null | undefined): string {
    if (!text) return '';
    return text[this.current()] || text.it;
  }

  private async apply(lang: UiLang): Promise<void> {
    await firstValueFrom(this.translate.use(lang));
    this.document.documentElement.lang = lang;
  }

  private readStoredLang(): UiLang | null {
    try {
      const stored = this.document.defaultView?.localStorage.getItem(STORAGE_KEY);
      return isUiLang(stored) ? stored : null;
    } catch {
      return null;
    }
  }
}
