import { computed, inject, Injectable, signal } from '@angular/core';

import { type Cart } from '../api/commerce-models';
import { CommerceApi } from '../api/commerce-api';

/**
 * The cart as last received from the server, shared by the header's link and the pages that change
 * it, so the number of services in the header follows every change without asking again.
 */
@Injectable({ providedIn: 'root' })
export class CartState {
  private readonly api = inject(CommerceApi);
  private readonly last = signal<Cart | null>(null);

  /** Null until the cart was read once. */
  readonly cart = this.last.asReadonly();
  readonly lineCount = computed(() => this.last()?.lines.length ?? 0);

  /** Every answer of the cart routes is the whole cart: keep it. */
  received(cart: Cart): void {
    this.last.set(cart);
  }

  /** Asks the server again (at start, and after a checkout emptied the cart). Failures keep the last. */
  refresh(): void {
    this.api.cart().subscribe({ next: (cart) => this.last.set(cart), error: () => undefined });
  }

  /** The session ended: nothing to show. */
  clear(): void {
    this.last.set(null);
  }
}
