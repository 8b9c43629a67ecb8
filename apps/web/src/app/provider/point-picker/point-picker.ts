import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  type ElementRef,
  inject,
  input,
  signal,
  untracked,
  viewChild,
  ViewEncapsulation,
} from '@angular/core';
import { type FieldTree, FormField, max, min, type SchemaPathTree, validate } from '@angular/forms/signals';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type * as Leaflet from 'leaflet';

import { type LatLng } from '../../api/models';
import { FieldError } from '../../forms/field-error/field-error';
import { FieldStatus } from '../../forms/field-status';
import { MapSettingsSource } from '../../map/map-settings';
import { AmbitoSettings } from '../../settings/ambito-settings';

/** The point as the form holds it: both numbers, or neither yet. */
export interface PointModel {
  lat: number | null;
  lng: number | null;
}

export function pointModel(location: LatLng | null): PointModel {
  return { lat: location?.lat ?? null, lng: location?.lng ?? null };
}

/** The point for the API, or null when it is not (fully) given. */
export function pointOf(model: PointModel): LatLng | null {
  return model.lat === null || model.lng === null ? null : { lat: model.lat, lng: model.lng };
}

/** Latitude and longitude within range; both or neither, and both when `required`. */
export function pointRules(path: SchemaPathTree<PointModel>, options: { required: boolean }): void {
  min(path.lat, -90, { message: 'backOffice.point.latRange' });
  max(path.lat, 90, { message: 'backOffice.point.latRange' });
  min(path.lng, -180, { message: 'backOffice.point.lngRange' });
  max(path.lng, 180, { message: 'backOffice.point.lngRange' });
  validate(path, ({ value }) => {
    const { lat, lng } = value();
    if (lat === null && lng === null) {
      return options.required ? { kind: 'pointRequired', message: 'backOffice.point.required' } : undefined;
    }
    return lat === null || lng === null
      ? { kind: 'pointIncomplete', message: 'backOffice.point.incomplete' }
      : undefined;
  });
}

const POINT_STYLE: Leaflet.CircleMarkerOptions = {
  radius: 10,
  color: '#a61e33',
  weight: 3,
  fillColor: '#ffffff',
  fillOpacity: 1,
  interactive: false,
};

const COMUNE_STYLE: Leaflet.CircleMarkerOptions = {
  radius: 6,
  color: '#17324d',
  weight: 2,
  fillColor: '#5c6f82',
  fillOpacity: 0.8,
  interactive: false,
};

/**
 * A point on the map for an address: a click places it; latitude and longitude fields do the same
 * from the keyboard, and "Usa il centro del Comune" gives a starting point. Leaflet is loaded only
 * when a picker is shown. Without a tile server the Comuni are drawn as labelled dots on a plain
 * background, which is enough to place a seat in the right part of town.
 */
@Component({
  selector: 'pz-point-picker',
  imports: [TranslatePipe, FormField, FieldStatus, FieldError],
  templateUrl: './point-picker.html',
  styleUrl: './point-picker.css',
  // Leaflet builds the map's DOM itself: its rules must reach elements Angular did not create.
  encapsulation: ViewEncapsulation.None,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PointPicker {
  private readonly mapSettings = inject(MapSettingsSource);
  private readonly settings = inject(AmbitoSettings);
  private readonly translate = inject(TranslateService);
  private readonly mapElement = viewChild.required<ElementRef<HTMLElement>>('map');

  readonly point = input.required<FieldTree<PointModel>>();
  readonly idPrefix = input.required<string>();
  /** The Comune chosen in the same form: the map starts there, and its centre is one button away. */
  readonly comuneSlug = input<string | null>(null);

  protected readonly comune = computed(
    () => this.settings.comuni().find((comune) => comune.slug === this.comuneSlug()) ?? null,
  );
  protected readonly mapFailed = signal(false);

  private leaflet: typeof Leaflet | null = null;
  private map: Leaflet.Map | null = null;
  private marker: Leaflet.CircleMarker | null = null;

  constructor() {
    const destroyRef = inject(DestroyRef);
    let destroyed = false;
    destroyRef.onDestroy(() => {
      destroyed = true;
      this.map?.remove();
    });
    void Promise.all([import('leaflet'), this.mapSettings.load()])
      .then(([module, mapSettings]) => {
        if (destroyed) return;
        // Leaflet is a CommonJS module: its functions come on the namespace or on `default`.
        const leaflet = ((module as { default?: typeof Leaflet }).default ?? module) as typeof Leaflet;
        this.leaflet = leaflet;
        this.createMap(leaflet, mapSettings.tileUrl, mapSettings.attribution, mapSettings.bounds);
        this.showPoint();
      })
      .catch((error: unknown) => {
        console.warn('Piazza: the map could not be loaded', error);
        this.mapFailed.set(true);
      });

    // The fields changed (typed, or a click): the marker follows.
    effect(() => {
      this.point()().value();
      untracked(() => this.showPoint());
    });
    // Another Comune chosen and no point yet: show that Comune.
    effect(() => {
      const comune = this.comune();
      const point = untracked(() => pointOf(this.point()().value()));
      if (comune && !point) this.map?.setView([comune.location.lat, comune.location.lng], 14);
    });
  }

  /** The chosen Comune's centre as the point: a start to refine, and a way without a mouse. */
  protected useComuneCentre(): void {
    const comune = this.comune();
    if (!comune) return;
    this.setPoint(comune.location.lat, comune.location.lng);
    this.map?.setView([comune.location.lat, comune.location.lng], Math.max(this.map.getZoom(), 14));
  }

  private createMap(
    leaflet: typeof Leaflet,
    tileUrl: string | null,
    attribution: string,
    bounds: [[number, number], [number, number]] | null,
  ): void {
    const map = leaflet.map(this.mapElement().nativeElement, {
      zoomControl: false,
      zoomAnimation: false,
      fadeAnimation: false,
      markerZoomAnimation: false,
      // The page scrolls with the wheel; the buttons and a double click zoom.
      scrollWheelZoom: false,
      // Keyboard users have the fields below: the map is not a tab stop of its own.
      keyboard: false,
    });
    leaflet.control
      .zoom({
        zoomInTitle: this.translate.instant('backOffice.point.zoomIn') as string,
        zoomOutTitle: this.translate.instant('backOffice.point.zoomOut') as string,
      })
      .addTo(map);
    if (tileUrl) {
      leaflet.tileLayer(tileUrl, { attribution, maxZoom: 19 }).addTo(map);
    }
    map.attributionControl.setPrefix(false);

    const comuni = this.settings.comuni();
    for (const comune of comuni) {
      leaflet
        .circleMarker([comune.location.lat, comune.location.lng], COMUNE_STYLE)
        .bindTooltip(comune.name, {
          permanent: true,
          direction: 'right',
          offset: [8, 0],
          className: 'pz-comune-label',
        })
        .addTo(map);
    }

    const point = pointOf(untracked(() => this.point()().value()));
    const comune = untracked(() => this.comune());
    if (point) {
      map.setView([point.lat, point.lng], 15);
    } else if (comune) {
      map.setView([comune.location.lat, comune.location.lng], 14);
    } else if (bounds) {
      map.fitBounds(bounds, { padding: [24, 24] });
    } else if (comuni.length) {
      map.fitBounds(
        leaflet.latLngBounds(comuni.map((c) => [c.location.lat, c.location.lng] as [number, number])),
        { padding: [24, 24] },
      );
    } else {
      // Nothing to show yet (no Comuni configured): Italy.
      map.setView([42.5, 12.5], 5);
    }

    // The map is hidden from assistive technology (the fields say the same): none of its links may
    // take focus either.
    for (const link of Array.from(map.getContainer().querySelectorAll('a'))) link.tabIndex = -1;

    map.on('click', (event: Leaflet.LeafletMouseEvent) => this.setPoint(event.latlng.lat, event.latlng.lng));
    this.map = map;
  }

  private setPoint(lat: number, lng: number): void {
    // Six decimals: about 10 cm, more than a click can tell.
    const round = (value: number) => Math.round(value * 1e6) / 1e6;
    const point = this.point();
    point().value.set({ lat: round(lat), lng: round(lng) });
    point.lat().markAsTouched();
    point.lng().markAsTouched();
  }

  private showPoint(): void {
    const leaflet = this.leaflet;
    const map = this.map;
    if (!leaflet || !map) return;
    const point = pointOf(this.point()().value());
    const valid = point && Math.abs(point.lat) <= 90 && Math.abs(point.lng) <= 180;
    if (!valid) {
      this.marker?.remove();
      this.marker = null;
      return;
    }
    if (this.marker) this.marker.setLatLng([point.lat, point.lng]);
    else this.marker = leaflet.circleMarker([point.lat, point.lng], POINT_STYLE).addTo(map);
  }
}
