import { computed, effect, inject, Injectable } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router } from '@angular/router';
import { filter, map } from 'rxjs';

import { ApiError } from '../api/api-error';
import { type MemberOrganisation } from '../api/models';
import { PiazzaApi } from '../api/piazza-api';
import { Session } from '../session/session';

/** The query parameter that says which of the person's organisations the pages work on. */
export const ORGANISATION_PARAM = 'ente';

/**
 * The organisation the back-office pages work on: the one named by `?ente=<id>`, else the person's
 * first one. Provided by the provider routes, so the list is read once for all their pages.
 */
@Injectable()
export class ProviderOrganisation {
  private readonly api = inject(PiazzaApi);
  private readonly router = inject(Router);
  private readonly session = inject(Session);

  /** Shops have no services or events: only cooperatives and associations are listed. */
  readonly organisations = rxResource({
    stream: () =>
      this.api
        .myOrganisations()
        .pipe(map((list) => list.filter((organisation) => organisation.kind !== 'shop'))),
  });

  readonly loadError = computed(() => {
    const error = this.organisations.error();
    return error ? ApiError.from(error) : null;
  });

  private readonly chosenId = toSignal(
    this.router.events.pipe(
      filter((event) => event instanceof NavigationEnd),
      map(() => this.currentParam()),
    ),
    { initialValue: this.currentParam() },
  );

  /** Undefined while loading; null when the person belongs to no organisation that offers services. */
  readonly current = computed<MemberOrganisation | null | undefined>(() => {
    if (!this.organisations.hasValue()) return undefined;
    const list = this.organisations.value();
    return list.find((organisation) => organisation.id === this.chosenId()) ?? list[0] ?? null;
  });

  /** The query parameters that keep the choice on links between the pages, when there is a choice. */
  readonly queryParams = computed<Record<string, string>>(() => {
    const current = this.current();
    const params: Record<string, string> = {};
    if (current && (this.organisations.value()?.length ?? 0) > 1) params[ORGANISATION_PARAM] = current.id;
    return params;
  });

  constructor() {
    // The session ended elsewhere (expired, or signed out on another device).
    effect(() => {
      if (this.loadError()?.status === 401) {
        this.session.expired();
        void this.router.navigate(['/accedi'], { queryParams: { ritorno: this.router.url } });
      }
    });
  }

  /** Works on another of the person's organisations, staying on the same page. */
  choose(organisationId: string): void {
    void this.router.navigate([], {
      queryParams: { [ORGANISATION_PARAM]: organisationId },
      queryParamsHandling: 'merge',
    });
  }

  retry(): void {
    this.organisations.reload();
  }

  /** During the navigation that creates this service, the address it is going to, not the one it leaves. */
  private currentParam(): string | null {
    const url = this.router.currentNavigation()?.finalUrl ?? this.router.parseUrl(this.router.url);
    return url.queryParamMap.get(ORGANISATION_PARAM);
  }
}
