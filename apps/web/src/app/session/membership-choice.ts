import { computed, effect, inject, type ResourceRef, type Signal } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router } from '@angular/router';
import { filter, map, type Observable } from 'rxjs';

import { ApiError } from '../api/api-error';
import { Session } from './session';

/**
 * Which of the person's organisations (or shops) a group of pages works for: the one named by the
 * query parameter `param`, else the person's first. A subclass is provided by the group's routes, so
 * the list is read once for all their pages.
 */
export abstract class MembershipChoice<T extends { id: string }> {
  private readonly router = inject(Router);
  private readonly session = inject(Session);

  readonly list: ResourceRef<T[] | undefined>;
  readonly loadError: Signal<ApiError | null>;
  /** Undefined while loading; null when the person has none. */
  readonly current: Signal<T | null | undefined>;
  /** The query parameters that keep the choice on links between the pages, when there is a choice. */
  readonly queryParams: Signal<Record<string, string>>;

  private readonly chosenId: Signal<string | null>;

  protected constructor(
    private readonly param: string,
    load: () => Observable<T[]>,
  ) {
    this.list = rxResource({ stream: load });
    this.loadError = computed(() => {
      const error = this.list.error();
      return error ? ApiError.from(error) : null;
    });
    this.chosenId = toSignal(
      this.router.events.pipe(
        filter((event) => event instanceof NavigationEnd),
        map(() => this.currentParam()),
      ),
      { initialValue: this.currentParam() },
    );
    this.current = computed(() => {
      if (!this.list.hasValue()) return undefined;
      const list = this.list.value();
      return list.find((item) => item.id === this.chosenId()) ?? list[0] ?? null;
    });
    this.queryParams = computed(() => {
      const current = this.current();
      const params: Record<string, string> = {};
      if (current && (this.list.value()?.length ?? 0) > 1) params[this.param] = current.id;
      return params;
    });

    // The session ended elsewhere (expired, or signed out on another device).
    effect(() => {
      if (this.loadError()?.status === 401) {
        this.session.expired();
        void this.router.navigate(['/accedi'], { queryParams: { ritorno: this.router.url } });
      }
    });
  }

  /** Works for another of the person's organisations, staying on the same page. */
  choose(id: string): void {
    void this.router.navigate([], { queryParams: { [this.param]: id }, queryParamsHandling: 'merge' });
  }

  retry(): void {
    this.list.reload();
  }

  /** During the navigation that creates this service, the address it is going to, not the one it leaves. */
  private currentParam(): string | null {
    const url = this.router.currentNavigation()?.finalUrl ?? this.router.parseUrl(this.router.url);
    return url.queryParamMap.get(this.param);
  }
}
