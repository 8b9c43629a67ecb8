import { computed, type Signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { type Observable } from 'rxjs';

import { ApiError } from '../api/api-error';
import { type PageSummary, showPageSummary } from './page-meta';
import { routeSlug } from './route-slug';

/** The one thing a public page is about, loaded by the route's `:slug`. */
export interface PageBySlug<T> {
  /** The thing once loaded; null while loading or after a failure. */
  readonly value: Signal<T | null>;
  readonly loadError: Signal<ApiError | null>;
  /** No such thing, or not public: the page says so and offers the way back. */
  readonly notFound: Signal<boolean>;
  /** Asks the server again after a failure ("Riprova"). */
  retry(): void;
}

/**
 * Loads the service, organisation, event or Social Point named by the route's `:slug` (following
 * navigation from one to another) and names the browser tab after it once it has loaded. Call it in a
 * component's field initialiser.
 */
export function pageBySlug<T>(
  load: (slug: string) => Observable<T>,
  summary: (item: T) => PageSummary,
): PageBySlug<T> {
  const slug = routeSlug();
  const resource = rxResource({ params: () => slug(), stream: ({ params }) => load(params) });
  const value = computed(() => (resource.hasValue() ? resource.value() : null));
  const loadError = computed(() => {
    const error = resource.error();
    return error ? ApiError.from(error) : null;
  });
  showPageSummary(
    computed(() => {
      const item = value();
      return item ? summary(item) : null;
    }),
  );
  return {
    value,
    loadError,
    notFound: computed(() => loadError()?.status === 404),
    retry: () => resource.reload(),
  };
}
