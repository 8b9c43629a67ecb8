import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  signal,
} from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { map } from 'rxjs';

import { ApiError } from '../../api/api-error';
import { CommerceApi } from '../../api/commerce-api';
import { CartState } from '../../cart/cart-state';
import { routeParam } from '../../directory/route-slug';
import { LoadError } from '../../layout/load-error/load-error';
import { OrderCard } from '../../orders/order-card/order-card';

/** Stripe tells the API through its webhook; until then the page asks again this often… */
const POLL_MS = 2000;
/** …for at most a minute. */
const POLLS = 30;

/**
 * "/ordini/pagamento/:checkoutId": where Stripe sends the family back (`?esito=ok` or
 * `?esito=annullato`), and where a voucher-only payment ends. Asks for the payment's state every 2
 * seconds, for up to a minute, until it is paid or expired, and shows the orders.
 */
@Component({
  selector: 'pz-payment-return',
  imports: [RouterLink, TranslatePipe, LoadError, OrderCard],
  templateUrl: './payment-return.html',
  styleUrl: './payment-return.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PaymentReturn {
  private readonly api = inject(CommerceApi);
  private readonly cart = inject(CartState);
  private readonly checkoutId = routeParam('checkoutId');
  /** What Stripe said on the way back: 'ok', 'annullato', or nothing (vouchers only). */
  protected readonly outcome = toSignal(
    inject(ActivatedRoute).queryParamMap.pipe(map((params) => params.get('esito'))),
    { initialValue: null },
  );

  /** How many times the state was read since the page opened (or since "Controlla di nuovo"). */
  private readonly polls = signal(1);
  /** True once the minute of asking ran out with the payment still open. */
  protected readonly gaveUp = computed(
    () => this.polls() >= POLLS && this.result()?.status === 'pending_payment' && !this.checkout.isLoading(),
  );

  protected readonly checkout = rxResource({
    params: () => this.checkoutId(),
    stream: ({ params: id }) => this.api.checkoutStatus(id),
  });

  protected readonly result = computed(() => (this.checkout.hasValue() ? this.checkout.value() : undefined));
  protected readonly loadError = computed(() => {
    const error = this.checkout.error();
    return error ? ApiError.from(error) : null;
  });

  constructor() {
    let timer: ReturnType<typeof setTimeout> | undefined;
    inject(DestroyRef).onDestroy(() => clearTimeout(timer));
    // Asks again 2 seconds after each answer while the payment is open, for up to a minute.
    effect(() => {
      const result = this.result();
      if (!result || this.checkout.isLoading()) return;
      if (result.status === 'paid') this.cart.refresh();
      if (result.status !== 'pending_payment' || this.polls() >= POLLS) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        this.polls.update((n) => n + 1);
        this.checkout.reload();
      }, POLL_MS);
    });
  }

  protected retry(): void {
    this.polls.set(1);
    this.checkout.reload();
  }
}
