import type * as Leaflet from 'leaflet';

export type LeafletModule = typeof Leaflet;

let leafletLoading: Promise<LeafletModule> | null = null;
let stylesLoading: Promise<void> | null = null;

/**
 * Leaflet with the clustering plugin, loaded on first use so that they never weigh on pages
 * without a map. The plugin extends the global `L` that Leaflet sets, so the order matters, and the
 * CommonJS module object is the one the plugin extends: that is the one returned.
 */
export function loadLeaflet(): Promise<LeafletModule> {
  leafletLoading ??= (async () => {
    const module = await import('leaflet');
    const L = (module as unknown as { default?: LeafletModule }).default ?? module;
    await import('leaflet.markercluster');
    return L;
  })();
  return leafletLoading;
}

/**
 * Leaflet's stylesheet with the clustering plugin's, built as `leaflet.css` but not linked from
 * index.html (angular.json, `inject: false`): only pages with a map pay for it. A failed load may
 * be tried again.
 */
export function loadLeafletStyles(document: Document): Promise<void> {
  stylesLoading ??= new Promise<void>((resolve, reject) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = 'leaflet.css'; // relative to <base href>, like every file of the app
    link.onload = () => resolve();
    link.onerror = () => {
      stylesLoading = null;
      link.remove();
      reject(new Error('leaflet.css could not be loaded'));
    };
    document.head.append(link);
  });
  return stylesLoading;
}
