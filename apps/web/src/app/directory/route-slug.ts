import { inject, type Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute } from '@angular/router';
import { map } from 'rxjs';

/** A parameter of the current route (`:id`), following navigation from one page of the kind to another. */
export function routeParam(name: string): Signal<string> {
  return toSignal(inject(ActivatedRoute).paramMap.pipe(map((params) => params.get(name) ?? '')), {
    requireSync: true,
  });
}

/** The `:slug` of the current route. */
export function routeSlug(): Signal<string> {
  return routeParam('slug');
}
