import { NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DOCUMENT,
  inject,
  input,
  linkedSignal,
  output,
  signal,
} from '@angular/core';
import { form, FormField, submit, validate } from '@angular/forms/signals';
import { TranslatePipe } from '@ngx-translate/core';

import { type FacetValue, type SearchFacets, type Taxonomy } from '../../api/directory-models';
import { FAMILY_SLUGS, type FamilySlug, type LocalizedText } from '../../api/models';
import { FieldError } from '../../forms/field-error/field-error';
import { FieldStatus } from '../../forms/field-status';
import { UiLanguage } from '../../i18n/ui-language';
import { Icon } from '../../layout/icon/icon';
import { AmbitoSettings } from '../../settings/ambito-settings';
import { type CatalogueFilters, parseEuros, RADIUS_OPTIONS } from '../catalogue-filters';

/** One choice of a list of filters, with how many services it would leave. */
interface FacetOption {
  slug: string;
  name: string;
  /** Null while the counts are not known yet. */
  count: number | null;
  selected: boolean;
}

type ListFilter = 'categories' | 'themes' | 'targets' | 'comuni';

interface PriceDraft {
  min: string;
  max: string;
}

/**
 * The catalogue's filters: each list shows how many services every choice would leave (the API's
 * facets), choices that would leave none are disabled unless already chosen. A choice applies at
 * once (the results announce their new count); the price range applies with its button or Enter.
 */
@Component({
  selector: 'pz-service-filters',
  imports: [NgTemplateOutlet, TranslatePipe, FormField, FieldStatus, FieldError, Icon],
  templateUrl: './service-filters.html',
  styleUrl: './service-filters.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServiceFilters {
  readonly filters = input.required<CatalogueFilters>();
  readonly facets = input.required<SearchFacets | null>();
  readonly taxonomy = input.required<Taxonomy | null>();
  readonly filtersChange = output<Partial<CatalogueFilters>>();

  private readonly language = inject(UiLanguage);
  private readonly settings = inject(AmbitoSettings);
  private readonly document = inject(DOCUMENT);

  protected readonly radiusOptions = RADIUS_OPTIONS;
  protected readonly locating = signal<'idle' | 'locating' | 'denied' | 'unavailable'>('idle');

  protected readonly families = computed<FacetOption[]>(() => {
    const taxonomy = this.taxonomy()?.families ?? [];
    const facets = this.facets()?.families ?? null;
    const selected = this.filters().family;
    return FAMILY_SLUGS.map((slug) => ({
      slug,
      name: this.name(
        facets?.find((f) => f.slug === slug)?.name ?? taxonomy.find((f) => f.slug === slug)?.name,
        slug,
      ),
      count: facets ? (facets.find((f) => f.slug === slug)?.count ?? 0) : null,
      selected: slug === selected,
    }));
  });

  protected readonly categories = computed<FacetOption[]>(() => {
    const family = this.filters().family;
    if (!family) return [];
    const known = this.taxonomy()?.families.find((f) => f.slug === family)?.categories ?? [];
    return this.options(known, this.facets()?.categories ?? null, this.filters().categories);
  });

  protected readonly themes = computed(() =>
    this.options(this.taxonomy()?.themes ?? [], this.facets()?.themes ?? null, this.filters().themes),
  );

  protected readonly targets = computed(() =>
    this.options(
      this.taxonomy()?.targetGroups ?? [],
      this.facets()?.targetGroups ?? null,
      this.filters().targets,
    ),
  );

  protected readonly comuni = computed(() =>
    this.options(
      this.settings.comuni().length ? this.settings.comuni() : (this.taxonomy()?.comuni ?? []),
      this.facets()?.comuni ?? null,
      this.filters().comuni,
    ),
  );

  protected readonly origin = computed(() => {
    const origin = this.filters().origin;
    if (!origin) return '';
    return 'comune' in origin ? origin.comune : 'position';
  });

  private readonly priceDraft = linkedSignal<PriceDraft>(() => ({
    min: this.euroText(this.filters().priceMin),
    max: this.euroText(this.filters().priceMax),
  }));
  protected readonly priceForm = form(this.priceDraft, (path) => {
    validate(path.min, ({ value }) => amountError(value()));
    validate(path.max, ({ value, valueOf }) => {
      const error = amountError(value());
      if (error) return error;
      const min = parseEuros(valueOf(path.min));
      const max = parseEuros(value());
      return min !== null && max !== null && min > max
        ? { kind: 'priceOrder', message: 'directory.filters.priceOrder' }
        : undefined;
    });
  });

  protected selectFamily(slug: string): void {
    // Categories belong to a family: they go with it.
    this.filtersChange.emit({ family: (slug || null) as FamilySlug | null, categories: [] });
  }

  protected toggle(filter: ListFilter, slug: string, event: Event): void {
    const checked = (event.target as HTMLInputElement).checked;
    const current = this.filters()[filter];
    const next = checked ? [...current, slug] : current.filter((s) => s !== slug);
    this.filtersChange.emit({ [filter]: next });
  }

  protected setFlag(flag: 'voucher' | 'free' | 'openNow', event: Event): void {
    this.filtersChange.emit({ [flag]: (event.target as HTMLInputElement).checked });
  }

  protected async applyPrice(event: Event): Promise<void> {
    event.preventDefault();
    await submit(this.priceForm, async (fields) => {
      const { min, max } = fields().value();
      this.filtersChange.emit({ priceMin: parseEuros(min), priceMax: parseEuros(max) });
      return undefined;
    });
  }

  protected selectOrigin(value: string): void {
    if (value === 'position') return;
    this.locating.set('idle');
    this.filtersChange.emit(value ? { origin: { comune: value } } : { origin: null, radiusKm: null });
  }

  protected selectRadius(value: string): void {
    this.filtersChange.emit({ radiusKm: value ? Number(value) : null });
  }

  /** Asks the browser for the visitor's position; nothing is sent anywhere but in the search. */
  protected useMyPosition(): void {
    const geolocation = this.document.defaultView?.navigator.geolocation;
    if (!geolocation) {
      this.locating.set('unavailable');
      return;
    }
    this.locating.set('locating');
    geolocation.getCurrentPosition(
      (position) => {
        this.locating.set('idle');
        this.filtersChange.emit({
          origin: { point: { lat: position.coords.latitude, lng: position.coords.longitude } },
        });
      },
      (error) => this.locating.set(error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable'),
      { maximumAge: 300_000, timeout: 15_000 },
    );
  }

  protected clearAll(): void {
    this.filtersChange.emit({
      family: null,
      categories: [],
      themes: [],
      targets: [],
      comuni: [],
      voucher: false,
      free: false,
      priceMin: null,
      priceMax: null,
      openNow: false,
      origin: null,
      radiusKm: null,
    });
  }

  /** The known choices in their order, any other the facets report, and the chosen ones whatever happens. */
  private options(
    known: { slug: string; name: LocalizedText | string }[],
    facets: FacetValue[] | null,
    selected: string[],
  ): FacetOption[] {
    const options = new Map<string, FacetOption>();
    const add = (slug: string, name: LocalizedText | string | undefined) => {
      if (options.has(slug)) return;
      const facet = facets?.find((f) => f.slug === slug);
      options.set(slug, {
        slug,
        name: this.name(name ?? facet?.name, slug),
        count: facets ? (facet?.count ?? 0) : null,
        selected: selected.includes(slug),
      });
    };
    for (const item of known) add(item.slug, item.name);
    for (const facet of facets ?? []) add(facet.slug, facet.name);
    for (const slug of selected) add(slug, undefined);
    return [...options.values()];
  }

  private name(name: LocalizedText | string | undefined, slug: string): string {
    if (typeof name === 'string') return name;
    return this.language.pick(name) || slug;
  }

  private euroText(euros: number | null): string {
    if (euros === null) return '';
    return new Intl.NumberFormat(this.language.locale(), {
      maximumFractionDigits: 2,
      useGrouping: false,
    }).format(euros);
  }
}

function amountError(text: string) {
  return text.trim() && parseEuros(text) === null
    ? { kind: 'euros', message: 'directory.filters.priceInvalid' }
    : undefined;
}
