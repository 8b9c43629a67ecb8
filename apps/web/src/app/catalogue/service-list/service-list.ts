import { ChangeDetectionStrategy, Component, computed, inject, linkedSignal } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, type Params, Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

import { ApiError } from '../../api/api-error';
import { FAMILY_SLUGS, type FamilySlug, isFamilySlug, type LocalizedText } from '../../api/models';
import { PiazzaApi } from '../../api/piazza-api';
import { LocalizedPipe } from '../../i18n/localized';
import { Icon } from '../../layout/icon/icon';
import { AmbitoSettings } from '../../settings/ambito-settings';
import { ServiceCard } from '../service-card/service-card';

const PAGE_SIZE = 20;
/** Page links shown on each side of the current page. */
const PAGE_WINDOW = 2;

/** The catalogue filters as the URL holds them (Italian names: the URL is part of the UI). */
interface CatalogueFilters {
  q: string;
  family: FamilySlug | null;
  comune: string | null;
  page: number;
}

interface FamilyOption {
  slug: FamilySlug;
  name: LocalizedText | null;
}

/**
 * The public catalogue: search and filters live in the query string (`q`, `famiglia`, `comune`,
 * `pagina`), so every result list can be bookmarked, shared and reached from the home page.
 */
@Component({
  selector: 'pz-service-list',
  imports: [RouterLink, TranslatePipe, LocalizedPipe, Icon, ServiceCard],
  templateUrl: './service-list.html',
  styleUrl: './service-list.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServiceList {
  private readonly api = inject(PiazzaApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected readonly settings = inject(AmbitoSettings);

  private readonly queryParams = toSignal(this.route.queryParamMap, { requireSync: true });

  protected readonly filters = computed<CatalogueFilters>(() => {
    const params = this.queryParams();
    const family = params.get('famiglia');
    const page = Number(params.get('pagina'));
    return {
      q: (params.get('q') ?? '').trim(),
      family: isFamilySlug(family) ? family : null,
      comune: params.get('comune') || null,
      page: Number.isInteger(page) && page > 0 ? page : 1,
    };
  });

  /** What the visitor is typing; follows the URL when it changes from elsewhere (back button, header). */
  protected readonly queryDraft = linkedSignal(() => this.filters().q);

  protected readonly results = rxResource({
    params: () => this.filters(),
    stream: ({ params }) =>
      this.api.searchServices({
        q: params.q || undefined,
        family: params.family ?? undefined,
        comune: params.comune ?? undefined,
        page: params.page,
        pageSize: PAGE_SIZE,
      }),
  });

  private readonly families = rxResource({ stream: () => this.api.serviceFamilies() });

  protected readonly familyOptions = computed<FamilyOption[]>(() => {
    const loaded = this.families.hasValue() ? this.families.value() : [];
    return FAMILY_SLUGS.map((slug) => ({ slug, name: loaded.find((f) => f.slug === slug)?.name ?? null }));
  });

  protected readonly page = computed(() => (this.results.hasValue() ? this.results.value() : null));

  protected readonly pageCount = computed(() => {
    const page = this.page();
    return page ? Math.max(1, Math.ceil(page.total / (page.pageSize || PAGE_SIZE))) : 0;
  });

  protected readonly pageLinks = computed(() => {
    const count = this.pageCount();
    const current = this.filters().page;
    const from = Math.max(1, current - PAGE_WINDOW);
    const to = Math.min(count, current + PAGE_WINDOW);
    return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
  });

  protected readonly hasFilters = computed(() => {
    const { q, family, comune } = this.filters();
    return Boolean(q || family || comune);
  });

  protected readonly countKey = computed(() => {
    const total = this.page()?.total ?? 0;
    if (total === 0) return 'catalogue.countNone';
    return total === 1 ? 'catalogue.countOne' : 'catalogue.countOther';
  });

  /** The server's own explanation of the failure, when it gave one. */
  protected readonly errorMessage = computed(() => {
    const error = this.results.error();
    return error instanceof ApiError ? error.userMessage : null;
  });

  protected search(event: Event): void {
    event.preventDefault();
    this.applyFilters({ q: this.queryDraft().trim() || null });
  }

  protected selectFamily(value: string): void {
    this.applyFilters({ famiglia: value || null });
  }

  protected selectComune(value: string): void {
    this.applyFilters({ comune: value || null });
  }

  protected pageParams(page: number): Params {
    return { pagina: page > 1 ? page : null };
  }

  protected retry(): void {
    this.results.reload();
  }

  /** A new search starts again from the first page. */
  private applyFilters(changes: Params): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { ...changes, pagina: null },
      queryParamsHandling: 'merge',
    });
  }
}
