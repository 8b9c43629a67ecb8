import { computed, DOCUMENT, inject, Injectable, signal } from '@angular/core';
import { Meta } from '@angular/platform-browser';
import { firstValueFrom, timeout } from 'rxjs';

import { type AmbitoSettingsDto } from '../api/models';
import { PiazzaApi } from '../api/piazza-api';
import { brandPalette } from './brand-palette';

/** What the app shows when the settings cannot be read: a working, unbranded Piazza. */
export const DEFAULT_SETTINGS: AmbitoSettingsDto = {
  name: 'Piazza',
  shortName: 'Piazza',
  tagline: { it: '', en: '' },
  logoUrl: null,
  colors: { primary: '#0066cc' },
  contacts: { email: '', phone: '', address: '', website: null },
  comuni: [],
  map: { tileUrl: null, attribution: '', bounds: null },
  payments: { card: false, reason: null },
};

/** A settings request slower than this must not hold the whole app back. */
const LOAD_TIMEOUT_MS = 5000;

/**
 * The Ambito's public settings (name, tagline, contacts, Comuni, colours), read once at start-up.
 * The platform is re-branded through these, never through code.
 */
@Injectable({ providedIn: 'root' })
export class AmbitoSettings {
  private readonly api = inject(PiazzaApi);
  private readonly document = inject(DOCUMENT);
  private readonly meta = inject(Meta);

  private readonly state = signal<AmbitoSettingsDto>(DEFAULT_SETTINGS);
  private readonly failed = signal(false);

  readonly name = computed(() => this.state().name || DEFAULT_SETTINGS.name);
  readonly shortName = computed(() => this.state().shortName || this.name());
  readonly tagline = computed(() => this.state().tagline);
  readonly logoUrl = computed(() => this.state().logoUrl);
  readonly contacts = computed(() => this.state().contacts);
  /** `tel:` wants digits only; the visible number keeps the Ambito's own spacing. */
  readonly phoneHref = computed(() => 'tel:' + this.contacts().phone.replace(/[^\d+]/g, ''));
  readonly comuni = computed(() => this.state().comuni);
  /** Whether checkout can take a card for what vouchers do not pay. */
  readonly payments = computed(() => this.state().payments);
  /** True when the settings could not be loaded and the defaults are showing. */
  readonly loadFailed = this.failed.asReadonly();

  /** Loads the settings and applies the brand colours. Never rejects: start-up must go on. */
  async load(): Promise<void> {
    try {
      const settings = await firstValueFrom(this.api.settings().pipe(timeout(LOAD_TIMEOUT_MS)));
      this.state.set(withDefaults(settings));
    } catch (error) {
      console.warn('Piazza: could not load /api/settings, showing defaults', error);
      this.failed.set(true);
    }
    this.applyBrandColours(this.state().colors.primary);
  }

  private applyBrandColours(primary: string): void {
    const palette = brandPalette(primary);
    if (!palette) {
      console.warn(`Piazza: ignoring primary colour "${primary}", expected #rrggbb`);
      return;
    }
    // Set through the CSSOM rather than an inline <style>, so a strict CSP needs no exception.
    const root = this.document.documentElement.style;
    for (const [property, value] of Object.entries(palette)) root.setProperty(property, value);
    this.meta.updateTag({ name: 'theme-color', content: palette['--pz-primary'] });
  }
}

function withDefaults(settings: Partial<AmbitoSettingsDto>): AmbitoSettingsDto {
  return {
    ...DEFAULT_SETTINGS,
    ...settings,
    tagline: settings.tagline ?? DEFAULT_SETTINGS.tagline,
    colors: { ...DEFAULT_SETTINGS.colors, ...settings.colors },
    contacts: { ...DEFAULT_SETTINGS.contacts, ...settings.contacts },
    comuni: settings.comuni ?? [],
  };
}
