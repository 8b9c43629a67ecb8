import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DOCUMENT,
  type ElementRef,
  inject,
  Injector,
  linkedSignal,
  signal,
  viewChild,
} from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

import { ApiError } from '../../api/api-error';
import { DirectoryApi } from '../../api/directory-api';
import { type SearchResult, type SearchSort } from '../../api/directory-models';
import { describePage } from '../../directory/page-meta';
import { Icon } from '../../layout/icon/icon';
import { LoadError } from '../../layout/load-error/load-error';
import {
  activeFilterCount,
  CATALOGUE_PAGE_SIZE,
  type CatalogueFilters,
  filterParams,
  readFilters,
  searchQuery,
} from '../catalogue-filters';
import { Pagination } from '../pagination/pagination';
import { ServiceCard } from '../service-card/service-card';
import { ServiceFilters } from '../service-filters/service-filters';
import { ServiceMapResults } from '../service-map-results/service-map-results';

/** The sort orders offered, in the order of the select. */
const SORTS: SearchSort[] = ['relevance', 'distance', 'title', 'price', 'price_desc', 'newest'];

/**
 * "Catalogo": search, faceted filters and results as a list or on a map. Everything the visitor
 * chooses is in the query string (see catalogue-filters.ts), so a search can be bookmarked, shared
 * and walked back with the browser's back button.
 */
@Component({
  selector: 'pz-service-list',
  imports: [
    RouterLink,
    TranslatePipe,
    Icon,
    LoadError,
    Pagination,
    ServiceCard,
    ServiceFilters,
    ServiceMapResults,
  ],
  templateUrl: './service-list.html',
  styleUrl: './service-list.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown.escape)': 'closeFilters()' },
})
export class ServiceList {
  private readonly api = inject(DirectoryApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly injector = inject(Injector);
  private readonly document = inject(DOCUMENT);
  private readonly filtersToggle = viewChild<ElementRef<HTMLButtonElement>>('filtersToggle');
  private readonly filtersClose = viewChild<ElementRef<HTMLButtonElement>>('filtersClose');
  private readonly filtersPanel = viewChild<ElementRef<HTMLElement>>('filtersPanel');

  private readonly queryParams = toSignal(this.route.queryParamMap, { requireSync: true });
  protected readonly filters = computed<CatalogueFilters>(() => readFilters(this.queryParams()));
  protected readonly query = computed(() => searchQuery(this.filters()));

  /** What the visitor is typing; follows the address when it changes from elsewhere (back button). */
  protected readonly queryDraft = linkedSignal(() => this.filters().q);
  protected readonly filtersOpen = signal(false);

  protected readonly sorts = computed(() =>
    SORTS.filter(
      (sort) => (sort !== 'relevance' || this.filters().q) && (sort !== 'distance' || this.filters().origin),
    ),
  );

  protected readonly results = rxResource({
    params: () => this.query(),
    stream: ({ params }) => this.api.searchServices(params),
  });

  private readonly taxonomyResource = rxResource({ stream: () => this.api.taxonomy() });
  protected readonly taxonomy = computed(() =>
    this.taxonomyResource.hasValue() ? this.taxonomyResource.value() : null,
  );

  /** The last answer, kept while the next one loads so the filters and their counts do not flicker. */
  protected readonly result = linkedSignal<SearchResult | undefined, SearchResult | null>({
    source: () => (this.results.hasValue() ? this.results.value() : undefined),
    computation: (value, previous) => value ?? previous?.value ?? null,
  });

  protected readonly pageCount = computed(() => {
    const result = this.result();
    return result ? Math.max(1, Math.ceil(result.total / (result.pageSize || CATALOGUE_PAGE_SIZE))) : 0;
  });

  protected readonly activeFilters = computed(() => activeFilterCount(this.filters()));
  protected readonly hasCriteria = computed(() => Boolean(this.filters().q) || this.activeFilters() > 0);

  protected readonly countKey = computed(() => {
    const total = this.result()?.total ?? 0;
    if (total === 0) return 'catalogue.countNone';
    return total === 1 ? 'catalogue.countOne' : 'catalogue.countOther';
  });

  protected readonly loadError = computed(() => {
    const error = this.results.error();
    return error ? ApiError.from(error) : null;
  });

  constructor() {
    describePage('directory.meta.catalogue');
  }

  protected search(event: Event): void {
    event.preventDefault();
    this.apply({ q: this.queryDraft().trim() });
  }

  protected apply(changes: Partial<CatalogueFilters>): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: filterParams(changes),
      queryParamsHandling: 'merge',
    });
  }

  protected selectSort(value: string): void {
    this.apply({ sort: (value || null) as SearchSort | null });
  }

  protected showView(view: 'list' | 'map'): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: filterParams({ view, page: 1 }),
      queryParamsHandling: 'merge',
    });
  }

  protected retry(): void {
    this.results.reload();
  }

  protected openFilters(): void {
    this.filtersOpen.set(true);
    afterNextRender(() => this.filtersClose()?.nativeElement.focus(), { injector: this.injector });
  }

  protected closeFilters(): void {
    if (!this.filtersOpen()) return;
    this.filtersOpen.set(false);
    this.filtersToggle()?.nativeElement.focus();
  }

  /** While the panel covers the page on a phone, Tab goes round inside it. */
  protected keepFocusInPanel(event: KeyboardEvent): void {
    const panel = this.filtersPanel()?.nativeElement;
    if (!this.filtersOpen() || event.key !== 'Tab' || !panel) return;
    const focusable = [
      ...panel.querySelectorAll<HTMLElement>(
        'a[href], button:not([disabled]), input:not([disabled]), select',
      ),
    ].filter((el) => el.offsetParent !== null);
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (event.shiftKey && this.document.activeElement === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && this.document.activeElement === last) {
      event.preventDefault();
      first?.focus();
    }
  }
}
