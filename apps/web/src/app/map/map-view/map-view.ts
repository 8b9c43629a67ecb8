import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  DOCUMENT,
  type ElementRef,
  effect,
  inject,
  input,
  signal,
  viewChild,
  ViewEncapsulation,
} from '@angular/core';
import { Router } from '@angular/router';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type * as Leaflet from 'leaflet';

import { type MapSettings } from '../../api/models';
import { AmbitoSettings } from '../../settings/ambito-settings';
import { type LeafletModule, loadLeaflet } from '../leaflet-loader';
import { MapSettingsSource } from '../map-settings';

/** One point on the map, with what its popup says. */
export interface MapMarker {
  id: string;
  lat: number;
  lng: number;
  title: string;
  /** An address inside the app (`/servizi/…`), the popup title's link; null for none. */
  link: string | null;
  /** Lines under the title: organisation, price, address… */
  details: string[];
}

/** Where the map looks when it has neither points nor the Ambito's bounds: northern Italy. */
const FALLBACK_VIEW: [number, number] = [45.7, 8.9];

/**
 * A Leaflet map of points, with the Ambito's Comuni drawn as labelled circles. Leaflet and the
 * clustering plugin are loaded on first use (leaflet-loader.ts). Without a
 * tile server (the default: no request leaves for a third party) the map is a plain background
 * with the Comuni, still enough to see where each service is. Markers take keyboard focus and open
 * their popup with Enter; the page gives the same points as a list for screen readers.
 */
@Component({
  selector: 'pz-map',
  imports: [TranslatePipe],
  templateUrl: './map-view.html',
  styleUrl: './map-view.css',
  // Leaflet builds its markers and popups outside Angular's templates: the styles must reach them.
  encapsulation: ViewEncapsulation.None,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MapView {
  readonly markers = input.required<MapMarker[]>();
  /** The accessible name of the map region ("Mappa dei servizi"). */
  readonly label = input.required<string>();
  /** Groups nearby markers; for long lists of results. */
  readonly cluster = input(false);
  /** Zoom to the markers (the default) or keep the whole Ambito in view. */
  readonly fit = input<'markers' | 'ambito'>('markers');

  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);
  private readonly translate = inject(TranslateService);
  private readonly ambito = inject(AmbitoSettings);
  private readonly mapSettings = inject(MapSettingsSource);
  private readonly canvas = viewChild.required<ElementRef<HTMLElement>>('canvas');

  protected readonly state = signal<'loading' | 'ready' | 'failed'>('loading');
  protected readonly tiles = signal(false);

  private leaflet: LeafletModule | null = null;
  private map: Leaflet.Map | null = null;
  private markerLayer: Leaflet.FeatureGroup | null = null;
  private settings: MapSettings | null = null;
  private destroyed = false;

  constructor() {
    afterNextRender(() => void this.start());
    effect(() => {
      const markers = this.markers();
      if (this.state() === 'ready') this.showMarkers(markers);
    });
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      this.map?.remove();
      this.map = null;
    });
  }

  private async start(): Promise<void> {
    try {
      const [leaflet, settings] = await Promise.all([loadLeaflet(), this.mapSettings.load()]);
      if (this.destroyed) return;
      this.leaflet = leaflet;
      this.settings = settings;
      this.createMap(leaflet, settings);
      this.state.set('ready');
    } catch (error) {
      console.error('Piazza: the map could not be loaded', error);
      this.state.set('failed');
    }
  }

  private createMap(L: LeafletModule, settings: MapSettings): void {
    const map = L.map(this.canvas().nativeElement, {
      zoomControl: false,
      attributionControl: Boolean(settings.tileUrl),
      minZoom: 8,
      maxZoom: 18,
    });
    L.control
      .zoom({
        zoomInTitle: this.translate.instant('directory.map.zoomIn'),
        zoomOutTitle: this.translate.instant('directory.map.zoomOut'),
      })
      .addTo(map);
    if (settings.tileUrl) {
      map.attributionControl.setPrefix(false);
      L.tileLayer(settings.tileUrl, { attribution: settings.attribution, maxZoom: 18 }).addTo(map);
      this.tiles.set(true);
    }
    for (const comune of this.ambito.comuni()) {
      if (!comune.location) continue;
      L.circleMarker([comune.location.lat, comune.location.lng], {
        radius: 5,
        weight: 2,
        color: '#5c6f82',
        fillColor: '#ffffff',
        fillOpacity: 1,
        interactive: false,
      })
        .bindTooltip(comune.name, {
          permanent: true,
          direction: 'right',
          offset: [6, 0],
          className: 'pz-comune-label',
        })
        .addTo(map);
    }
    this.map = map;
    this.fitView([]);
  }

  private showMarkers(markers: MapMarker[]): void {
    const L = this.leaflet;
    const map = this.map;
    if (!L || !map) return;
    this.markerLayer?.remove();
    const layer: Leaflet.FeatureGroup = this.cluster()
      ? L.markerClusterGroup({
          showCoverageOnHover: false,
          maxClusterRadius: 50,
          iconCreateFunction: (group) => this.clusterIcon(L, group.getChildCount()),
        })
      : L.featureGroup();
    for (const marker of markers) {
      L.marker([marker.lat, marker.lng], {
        icon: L.divIcon({
          className: 'pz-marker',
          html: this.markerContent(marker.title),
          iconSize: [30, 30],
          iconAnchor: [15, 30],
          popupAnchor: [0, -28],
        }),
        title: marker.title,
        keyboard: true,
        riseOnHover: true,
      })
        .bindPopup(() => this.popup(marker))
        .addTo(layer);
    }
    layer.addTo(map);
    this.markerLayer = layer;
    this.fitView(markers);
  }

  private fitView(markers: MapMarker[]): void {
    const L = this.leaflet;
    const map = this.map;
    if (!L || !map) return;
    if (markers.length && this.fit() === 'markers') {
      const bounds = L.latLngBounds(markers.map((m) => [m.lat, m.lng] as [number, number]));
      // Without tiles a close-up shows nothing around the point: stay far enough to see the Comuni.
      const closest = this.tiles() ? 16 : 13;
      map.fitBounds(bounds, { padding: [40, 40], maxZoom: markers.length === 1 ? closest - 1 : closest });
      return;
    }
    if (this.settings?.bounds) {
      map.fitBounds(this.settings.bounds, { padding: [20, 20] });
      return;
    }
    const comuni = this.ambito.comuni().filter((c) => c.location);
    if (comuni.length) {
      map.fitBounds(L.latLngBounds(comuni.map((c) => [c.location.lat, c.location.lng] as [number, number])), {
        padding: [30, 30],
      });
    } else {
      map.setView(FALLBACK_VIEW, 11);
    }
  }

  private clusterIcon(L: LeafletModule, count: number): Leaflet.DivIcon {
    const html = this.document.createElement('span');
    const visible = this.document.createElement('span');
    visible.textContent = String(count);
    visible.setAttribute('aria-hidden', 'true');
    const spoken = this.document.createElement('span');
    spoken.className = 'visually-hidden';
    spoken.textContent = this.translate.instant('directory.map.cluster', { count });
    html.append(visible, spoken);
    return L.divIcon({ className: 'pz-cluster', html, iconSize: [40, 40] });
  }

  /** Built as DOM nodes, never as an HTML string: titles come from the organisations. */
  private popup(marker: MapMarker): HTMLElement {
    const box = this.document.createElement('div');
    box.className = 'pz-popup';
    const title = this.document.createElement(marker.link ? 'a' : 'strong');
    title.className = 'pz-popup-title';
    title.textContent = marker.title;
    if (marker.link && title instanceof HTMLAnchorElement) {
      const link = marker.link;
      title.href = link;
      title.addEventListener('click', (event) => {
        if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
        event.preventDefault();
        void this.router.navigateByUrl(link);
      });
    }
    box.append(title);
    for (const line of marker.details.filter(Boolean)) {
      const p = this.document.createElement('p');
      p.textContent = line;
      box.append(p);
    }
    return box;
  }

  private markerContent(title: string): HTMLElement {
    const content = this.document.createElement('span');
    const pin = this.document.createElement('span');
    pin.className = 'pz-marker-pin';
    pin.setAttribute('aria-hidden', 'true');
    const name = this.document.createElement('span');
    name.className = 'visually-hidden';
    name.textContent = title;
    content.append(pin, name);
    return content;
  }
}
