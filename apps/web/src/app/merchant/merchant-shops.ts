import { computed, effect, inject, Injectable } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router } from '@angular/router';
import { filter, map } from 'rxjs';

import { ApiError } from '../api/api-error';
import { VouchersApi } from '../api/vouchers-api';
import { type MerchantShop } from '../api/vouchers-models';
import { Session } from '../session/session';

/** The query parameter that says which of the person's shops the pages work for. */
export const SHOP_PARAM = 'negozio';

/**
 * The shop the merchant pages work for: the one named by `?negozio=<id>`, else the person's first.
 * Provided by the merchant routes, so the list is read once for all their pages.
 */
@Injectable()
export class MerchantShops {
  private readonly api = inject(VouchersApi);
  private readonly router = inject(Router);
  private readonly session = inject(Session);

  readonly shops = rxResource({ stream: () => this.api.merchantShops() });

  readonly loadError = computed(() => {
    const error = this.shops.error();
    return error ? ApiError.from(error) : null;
  });

  private readonly chosenId = toSignal(
    this.router.events.pipe(
      filter((event) => event instanceof NavigationEnd),
      map(() => this.currentParam()),
    ),
    { initialValue: this.currentParam() },
  );

  /** Undefined while loading; null when the person works for no shop. */
  readonly current = computed<MerchantShop | null | undefined>(() => {
    if (!this.shops.hasValue()) return undefined;
    const list = this.shops.value();
    return list.find((shop) => shop.id === this.chosenId()) ?? list[0] ?? null;
  });

  /** The query parameters that keep the choice on links between the pages, when there is a choice. */
  readonly queryParams = computed<Record<string, string>>(() => {
    const current = this.current();
    const params: Record<string, string> = {};
    if (current && (this.shops.value()?.length ?? 0) > 1) params[SHOP_PARAM] = current.id;
    return params;
  });

  constructor() {
    effect(() => {
      if (this.loadError()?.status === 401) {
        this.session.expired();
        void this.router.navigate(['/accedi'], { queryParams: { ritorno: this.router.url } });
      }
    });
  }

  /** Works for another of the person's shops, staying on the same page. */
  choose(shopId: string): void {
    void this.router.navigate([], { queryParams: { [SHOP_PARAM]: shopId }, queryParamsHandling: 'merge' });
  }

  retry(): void {
    this.shops.reload();
  }

  private currentParam(): string | null {
    const url = this.router.currentNavigation()?.finalUrl ?? this.router.parseUrl(this.router.url);
    return url.queryParamMap.get(SHOP_PARAM);
  }
}
