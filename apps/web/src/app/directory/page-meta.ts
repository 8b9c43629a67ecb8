import { DestroyRef, effect, inject, type Signal } from '@angular/core';
import { Meta, Title } from '@angular/platform-browser';
import { TranslateService } from '@ngx-translate/core';

import { AmbitoSettings } from '../settings/ambito-settings';

/** What the tab, bookmarks and search engines show for a page about one thing. */
export interface PageSummary {
  title: string;
  description: string;
}

/** Longer descriptions are cut by search engines anyway; a whole word and an ellipsis read better. */
const DESCRIPTION_LENGTH = 160;

/**
 * Sets `<meta name="description">` from a translation key for as long as the calling component lives,
 * following a language switch. The route's `title` (a key too) names the page. Call it in a
 * constructor.
 */
export function describePage(key: string): void {
  const translate = inject(TranslateService);
  const meta = inject(Meta);
  const original = indexDescription(meta);
  effect(() => {
    translate.currentLang();
    meta.updateTag({ name: 'description', content: String(translate.instant(key)) });
  });
  inject(DestroyRef).onDestroy(() => meta.updateTag({ name: 'description', content: original }));
}

/**
 * Sets the document title ("<title> · <platform name>") and the description of a page about one
 * service, organisation, event or Social Point, once it has loaded. It re-applies after a language
 * switch, when the router's title strategy puts the route's generic title back. Call it in a
 * constructor.
 */
export function showPageSummary(summary: Signal<PageSummary | null>): void {
  const translate = inject(TranslateService);
  const settings = inject(AmbitoSettings);
  const title = inject(Title);
  const meta = inject(Meta);
  const original = indexDescription(meta);
  effect(() => {
    translate.currentLang();
    const page = summary();
    if (!page) return;
    title.setTitle(`${page.title} · ${settings.name()}`);
    meta.updateTag({ name: 'description', content: shorten(page.description) });
  });
  inject(DestroyRef).onDestroy(() => meta.updateTag({ name: 'description', content: original }));
}

let defaultDescription: string | null = null;

/** The description index.html came with, put back when a page that changed it goes. */
function indexDescription(meta: Meta): string {
  defaultDescription ??= meta.getTag('name="description"')?.content ?? '';
  return defaultDescription;
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= DESCRIPTION_LENGTH) return flat;
  const cut = flat.slice(0, DESCRIPTION_LENGTH - 1);
  return cut.slice(0, cut.lastIndexOf(' ') > 80 ? cut.lastIndexOf(' ') : cut.length) + '…';
}
