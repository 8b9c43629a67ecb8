import { DOCUMENT, inject, Injectable } from '@angular/core';
import { catchError, firstValueFrom, map, of } from 'rxjs';

import { type MapSettings } from '../api/models';
import { PiazzaApi } from '../api/piazza-api';
import { DEFAULT_SETTINGS } from '../settings/ambito-settings';
import { loadLeafletStyles } from './leaflet-loader';

/**
 * What every map needs before it is drawn, besides Leaflet's code: the map part of the Ambito's
 * settings (tile server, bounds), which AmbitoSettings does not expose, and Leaflet's stylesheet,
 * which index.html does not link. Read once, when a map is first shown.
 */
@Injectable({ providedIn: 'root' })
export class MapSettingsSource {
  private readonly api = inject(PiazzaApi);
  private readonly document = inject(DOCUMENT);
  private settings: Promise<MapSettings> | null = null;

  /** Never rejects: without settings the map shows the Comuni on a plain background. */
  load(): Promise<MapSettings> {
    this.settings ??= Promise.all([
      firstValueFrom(
        this.api.settings().pipe(
          map((settings) => settings.map ?? DEFAULT_SETTINGS.map),
          catchError(() => of(DEFAULT_SETTINGS.map)),
        ),
      ),
      loadLeafletStyles(this.document).catch((error: unknown) =>
        console.error('Piazza: the map stylesheet could not be loaded', error),
      ),
    ]).then(([settings]) => settings);
    return this.settings;
  }
}
