import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  type ElementRef,
  inject,
  Injector,
  signal,
  viewChild,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom, type Observable, tap } from 'rxjs';

import { ApiError } from '../../api/api-error';
import { CommerceApi } from '../../api/commerce-api';
import { type Cart, type CartLine } from '../../api/commerce-models';
import { WhenPipe } from '../../directory/when';
import { FormAlert } from '../../forms/form-alert/form-alert';
import { Icon } from '../../layout/icon/icon';
import { LoadError } from '../../layout/load-error/load-error';
import { ConfirmAction } from '../../provider/confirm-action/confirm-action';
import { EuroPipe } from '../../vouchers/euro';
import { CartState } from '../cart-state';
import { MAX_QUANTITY, QuantityPipe, quantityUnit } from '../quantity';

/** The lines of one provider: they become one order. */
interface ProviderGroup {
  provider: CartLine['service']['provider'];
  lines: CartLine[];
  total: number;
}

/**
 * "/carrello": the services the family chose, one group per provider (each group becomes an
 * order), with quantities to change, lines to remove, what changed since (a new price, a service or
 * date no longer available, places running out) said in words, the total, and the way to pay.
 */
@Component({
  selector: 'pz-cart-page',
  imports: [
    RouterLink,
    TranslatePipe,
    FormAlert,
    Icon,
    LoadError,
    ConfirmAction,
    EuroPipe,
    WhenPipe,
    QuantityPipe,
  ],
  templateUrl: './cart-page.html',
  styleUrl: './cart-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CartPage {
  private readonly api = inject(CommerceApi);
  private readonly state = inject(CartState);
  private readonly injector = inject(Injector);
  private readonly heading = viewChild<ElementRef<HTMLElement>>('heading');

  protected readonly maxQuantity = MAX_QUANTITY;
  protected readonly cart = rxResource({
    stream: () => this.api.cart().pipe(tap((cart) => this.state.received(cart))),
  });

  protected readonly loadError = computed(() => {
    const error = this.cart.error();
    return error ? ApiError.from(error) : null;
  });

  protected readonly groups = computed<ProviderGroup[]>(() => {
    const groups = new Map<string, ProviderGroup>();
    for (const line of this.cart.value()?.lines ?? []) {
      const id = line.service.provider.id;
      const group = groups.get(id) ?? { provider: line.service.provider, lines: [], total: 0 };
      group.lines.push(line);
      group.total += line.lineTotal;
      groups.set(id, group);
    }
    return [...groups.values()];
  });

  /** Lines that stop the payment until the family removes or fixes them. */
  protected readonly blocking = computed(
    () => this.cart.value()?.lines.filter((line) => !line.available || this.placesShort(line)).length ?? 0,
  );

  /** The line being changed, so its buttons say so and cannot be pressed twice. */
  protected readonly busyLine = signal<string | null>(null);
  protected readonly emptying = signal(false);
  protected readonly failure = signal<ApiError | null>(null);
  /** A quantity typed that is not one: the line's id and the key of what to say. */
  protected readonly quantityError = signal<{ lineId: string; key: string } | null>(null);
  /** What the last change did, said by the live region. */
  protected readonly announcement = signal<{ key: string; params: Record<string, string> } | null>(null);

  protected placesShort(line: CartLine): boolean {
    return !!line.slot && line.quantity > line.slot.free;
  }

  protected unitKey(line: CartLine): string {
    return 'commerce.add.quantity.' + quantityUnit(line.service.priceModel, !!line.slot);
  }

  protected asksQuantity(line: CartLine): boolean {
    return quantityUnit(line.service.priceModel, !!line.slot) !== 'item';
  }

  protected async changeQuantity(line: CartLine, event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const quantity = Number(input.value);
    const max = line.slot ? Math.min(line.slot.free, MAX_QUANTITY) : MAX_QUANTITY;
    if (!input.value.trim() || !Number.isInteger(quantity) || quantity < 1 || quantity > max) {
      this.quantityError.set({
        lineId: line.id,
        key:
          line.slot && quantity > line.slot.free
            ? 'commerce.cart.quantityOverFree'
            : 'commerce.add.quantityInvalid',
      });
      return;
    }
    this.quantityError.set(null);
    if (quantity === line.quantity) return;
    await this.update(line.id, this.api.changeQuantity(line.id, quantity), {
      key: 'commerce.cart.quantityChanged',
      params: { title: line.service.title },
    });
  }

  protected async remove(line: CartLine): Promise<void> {
    const done = await this.update(line.id, this.api.removeLine(line.id), {
      key: 'commerce.cart.removed',
      params: { title: line.service.title },
    });
    // The line's buttons are gone: the page's heading is the next sensible place to be.
    if (done) afterNextRender(() => this.heading()?.nativeElement.focus(), { injector: this.injector });
  }

  protected async empty(): Promise<void> {
    this.emptying.set(true);
    const done = await this.update(null, this.api.emptyCart(), { key: 'commerce.cart.emptied', params: {} });
    this.emptying.set(false);
    if (done) afterNextRender(() => this.heading()?.nativeElement.focus(), { injector: this.injector });
  }

  private async update(
    lineId: string | null,
    request: Observable<Cart>,
    announcement: { key: string; params: Record<string, string> },
  ): Promise<boolean> {
    if (this.busyLine()) return false;
    this.busyLine.set(lineId ?? 'all');
    this.failure.set(null);
    this.announcement.set(null);
    try {
      const cart = await firstValueFrom(request);
      this.cart.set(cart);
      this.state.received(cart);
      this.announcement.set(announcement);
      return true;
    } catch (error) {
      this.failure.set(ApiError.from(error));
      // A line removed or changed meanwhile (another tab): show the cart as it is now.
      if (ApiError.from(error).status === 404) this.cart.reload();
      return false;
    } finally {
      this.busyLine.set(null);
    }
  }
}
