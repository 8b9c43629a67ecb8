import { inject, type Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute } from '@angular/router';
import { map } from 'rxjs';

/** The `:slug` of the current route, following navigation from one page of the kind to another. */
export function routeSlug(): Signal<string> {
  return toSignal(inject(ActivatedRoute).paramMap.pipe(map((params) => params.get('slug') ?? '')), {
    requireSync: true,
  });
}
