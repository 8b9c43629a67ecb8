import {
  ChangeDetectionStrategy,
  Component,
  type ComponentRef,
  computed,
  DOCUMENT,
  effect,
  inject,
  signal,
  viewChild,
  ViewContainerRef,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

import { DirectoryApi } from '../../api/directory-api';
import { type AddToCart } from '../../cart/add-to-cart/add-to-cart';
import { priceText } from '../../catalogue/price';
import { Tag } from '../../catalogue/tag/tag';
import { LocalizedPipe } from '../../i18n/localized';
import { UiLanguage } from '../../i18n/ui-language';
import { Icon } from '../../layout/icon/icon';
import { LoadError } from '../../layout/load-error/load-error';
import { type MapMarker, MapView } from '../../map/map-view/map-view';
import { fullAddress, FullAddressPipe } from '../full-address';
import { Missing } from '../missing/missing';
import { OpeningHours } from '../opening-hours/opening-hours';
import { pageBySlug } from '../page-by-slug';
import { telHref } from '../tel-href';
import { WhenPipe } from '../when';

/** Upcoming slots listed before "show all". */
const SLOTS_SHOWN = 8;

/**
 * "/servizi/{slug}": everything a family needs to choose a service — who offers it, where and when,
 * how much and whether the Comune's vouchers pay for it — and a clean printout of it.
 */
@Component({
  selector: 'pz-service-page',
  imports: [
    FullAddressPipe,
    RouterLink,
    TranslatePipe,
    LocalizedPipe,
    Icon,
    LoadError,
    MapView,
    Missing,
    OpeningHours,
    Tag,
    WhenPipe,
  ],
  templateUrl: './service-page.html',
  styleUrl: './service-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServicePage {
  private readonly api = inject(DirectoryApi);
  private readonly language = inject(UiLanguage);
  private readonly document = inject(DOCUMENT);
  private readonly router = inject(Router);
  protected readonly loaded = pageBySlug(
    (slug) => this.api.service(slug),
    (service) => ({ title: service.title, description: service.summary || service.description }),
  );
  protected readonly detail = this.loaded.value;

  protected readonly price = computed(() => {
    const service = this.detail();
    return service ? priceText(service.priceModel, service.priceCents, this.language.locale()) : null;
  });

  protected readonly allSlots = signal(false);
  protected readonly slots = computed(() => {
    const slots = this.detail()?.slots ?? [];
    return this.allSlots() ? slots : slots.slice(0, SLOTS_SHOWN);
  });
  protected readonly hiddenSlots = computed(() => (this.detail()?.slots.length ?? 0) - this.slots().length);

  protected readonly markers = computed<MapMarker[]>(() => {
    const service = this.detail();
    if (!service) return [];
    if (service.places.length) {
      return service.places.map((place) => ({
        id: place.id,
        lat: place.location.lat,
        lng: place.location.lng,
        title: place.name,
        link: null,
        details: [fullAddress(place.address, place.comune.name)],
      }));
    }
    return service.location
      ? [
          {
            id: service.id,
            ...service.location,
            title: service.title,
            link: null,
            details: [service.organisation.name],
          },
        ]
      : [];
  });

  /** Something to buy or book: a price, or dates with places (the block loads only then). */
  protected readonly bookable = computed(() => {
    const service = this.detail();
    return !!service && (service.priceCents !== null || service.slots.length > 0);
  });

  /** Where "Aggiungi al carrello" goes: present only for a service with something to book. */
  private readonly addToCartSlot = viewChild('addToCart', { read: ViewContainerRef });
  private addToCart: { slot: ViewContainerRef; ref: ComponentRef<AddToCart> } | null = null;

  protected readonly comuni = computed(() => (this.detail()?.comuni ?? []).map((c) => c.name).join(', '));
  protected readonly phoneHref = computed(() => telHref(this.detail()?.organisation.phone));

  /** The printed page says where it came from. */
  protected readonly pageUrl = computed(() => {
    this.detail();
    return this.document.location.origin + this.router.url;
  });

  constructor() {
    this.loadAddToCart();
  }

  /**
   * The booking block (with the cart's API client and texts) is fetched when its slot appears, not
   * with the page, and follows the service shown.
   */
  private loadAddToCart(): void {
    effect(() => {
      const slot = this.addToCartSlot();
      const service = this.detail();
      if (!slot || !service) return;
      if (this.addToCart?.slot === slot) {
        this.addToCart.ref.setInput('service', service);
        return;
      }
      void import('../../cart/add-to-cart/add-to-cart').then(({ AddToCart }) => {
        if (this.addToCart?.slot === slot || slot.length) return;
        const ref = slot.createComponent(AddToCart);
        ref.setInput('service', this.detail() ?? service);
        this.addToCart = { slot, ref };
      });
    });
  }

  protected print(): void {
    this.document.defaultView?.print();
  }
}
