import { ViewportScroller } from '@angular/common';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  Injector,
  signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

import { FAMILY_SLUGS, type FamilySlug, type LocalizedText } from '../api/models';
import { PiazzaApi } from '../api/piazza-api';
import { LocalizedPipe } from '../i18n/localized';
import { Icon } from '../layout/icon/icon';
import { AmbitoSettings } from '../settings/ambito-settings';
import { FAMILY_ICONS } from '../catalogue/family-icons';

interface FamilyTile {
  slug: FamilySlug;
  icon: string;
  /** From the API; null while loading or when the API is unreachable (the i18n name is used). */
  name: LocalizedText | null;
  description: LocalizedText | null;
  serviceCount: number | null;
}

/** The Ambito's front page: search, entry points, service families, Comuni, how it works. */
@Component({
  selector: 'pz-home',
  imports: [RouterLink, TranslatePipe, LocalizedPipe, Icon],
  templateUrl: './home.html',
  styleUrl: './home.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Home {
  private readonly api = inject(PiazzaApi);
  private readonly router = inject(Router);
  protected readonly settings = inject(AmbitoSettings);

  protected readonly query = signal('');

  private readonly families = rxResource({ stream: () => this.api.serviceFamilies() });

  /** Always five tiles, in the catalogue's order, so the page does not jump when counts arrive. */
  protected readonly familyTiles = computed<FamilyTile[]>(() => {
    const loaded = this.families.hasValue() ? this.families.value() : [];
    return FAMILY_SLUGS.map((slug) => {
      const family = loaded.find((f) => f.slug === slug);
      return {
        slug,
        icon: FAMILY_ICONS[slug],
        name: family?.name ?? null,
        description: family?.description ?? null,
        serviceCount: family?.serviceCount ?? null,
      };
    });
  });

  protected readonly familiesFailed = computed(() => this.families.status() === 'error');

  constructor() {
    this.scrollToFragmentOnceLaidOut();
  }

  /**
   * The router scrolls to a fragment (`/#aiuto`, linked from other pages) before the service
   * families arrive and push the rest of the page down; scroll again once they are in place.
   */
  private scrollToFragmentOnceLaidOut(): void {
    const fragment = inject(ActivatedRoute).snapshot.fragment;
    if (!fragment) return;
    const scroller = inject(ViewportScroller);
    const injector = inject(Injector);
    effect(() => {
      if (this.families.isLoading()) return;
      afterNextRender(() => scroller.scrollToAnchor(fragment), { injector });
    });
  }

  protected searchCatalogue(event: Event): void {
    event.preventDefault();
    const q = this.query().trim();
    void this.router.navigate(['/catalogo'], { queryParams: q ? { q } : {} });
  }

  protected countKey(count: number): string {
    if (count === 0) return 'families.countNone';
    return count === 1 ? 'families.countOne' : 'families.countOther';
  }
}
