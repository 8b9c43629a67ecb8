import { HttpClient, HttpHeaders, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { catchError, type Observable, throwError } from 'rxjs';

import { ApiError } from './api-error';
import {
  type Booking,
  type Cart,
  type CartLineInput,
  type CheckoutPlan,
  type CheckoutResult,
  type Order,
  type ProviderOrderStatus,
  type VoucherChoice,
} from './commerce-models';
import { API_BASE_URL } from './piazza-api';

/**
 * The family's cart, checkout and orders, and the provider's orders and bookings
 * (docs/commerce-api.md). Every method fails with an {@link ApiError}. The calls that move money
 * take the caller's `Idempotency-Key`, kept for a retry of the same attempt.
 */
@Injectable({ providedIn: 'root' })
export class CommerceApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  // --- Family: cart --------------------------------------------------------------------------------

  cart(): Observable<Cart> {
    return this.get<Cart>('/cart');
  }

  addToCart(input: CartLineInput): Observable<Cart> {
    return this.post<Cart>('/cart/lines', input);
  }

  changeQuantity(lineId: string, quantity: number): Observable<Cart> {
    return this.patch<Cart>(`/cart/lines/${encodeURIComponent(lineId)}`, { quantity });
  }

  removeLine(lineId: string): Observable<Cart> {
    return this.delete<Cart>(`/cart/lines/${encodeURIComponent(lineId)}`);
  }

  emptyCart(): Observable<Cart> {
    return this.delete<Cart>('/cart');
  }

  // --- Family: checkout ----------------------------------------------------------------------------

  /** What paying would do, with the vouchers applied automatically or none. Writes nothing. */
  checkoutPreview(vouchers: 'auto' | 'none' = 'auto'): Observable<CheckoutPlan> {
    return this.get<CheckoutPlan>('/checkout/preview', new HttpParams().set('vouchers', vouchers));
  }

  checkout(vouchers: VoucherChoice, idempotencyKey: string): Observable<CheckoutResult> {
    return this.post<CheckoutResult>('/checkout', { vouchers }, idempotencyKey);
  }

  /** A checkout's state, polled by the page the card payment returns to. */
  checkoutStatus(checkoutId: string): Observable<CheckoutResult> {
    return this.get<CheckoutResult>(`/checkout/${encodeURIComponent(checkoutId)}`);
  }

  // --- Family: orders ------------------------------------------------------------------------------

  orders(): Observable<Order[]> {
    return this.get<Order[]>('/orders');
  }

  order(orderId: string): Observable<Order> {
    return this.get<Order>(`/orders/${encodeURIComponent(orderId)}`);
  }

  cancelOrder(orderId: string, reason: string | null, idempotencyKey: string): Observable<Order> {
    return this.post<Order>(
      `/orders/${encodeURIComponent(orderId)}/cancel`,
      reason ? { reason } : {},
      idempotencyKey,
    );
  }

  // --- Provider ------------------------------------------------------------------------------------

  providerOrders(organisationId: string, status?: ProviderOrderStatus | null): Observable<Order[]> {
    const params = status ? new HttpParams().set('status', status) : undefined;
    return this.get<Order[]>(`/provider/organisations/${encodeURIComponent(organisationId)}/orders`, params);
  }

  providerOrder(organisationId: string, orderId: string): Observable<Order> {
    const org = encodeURIComponent(organisationId);
    return this.get<Order>(`/provider/organisations/${org}/orders/${encodeURIComponent(orderId)}`);
  }

  confirmOrder(organisationId: string, orderId: string): Observable<Order> {
    const org = encodeURIComponent(organisationId);
    return this.post<Order>(
      `/provider/organisations/${org}/orders/${encodeURIComponent(orderId)}/confirm`,
      {},
    );
  }

  /** Refuses a paid order: the family is refunded and reads the reason. */
  declineOrder(
    organisationId: string,
    orderId: string,
    reason: string,
    idempotencyKey: string,
  ): Observable<Order> {
    const org = encodeURIComponent(organisationId);
    return this.post<Order>(
      `/provider/organisations/${org}/orders/${encodeURIComponent(orderId)}/decline`,
      { reason },
      idempotencyKey,
    );
  }

  fulfilOrder(organisationId: string, orderId: string): Observable<Order> {
    const org = encodeURIComponent(organisationId);
    return this.post<Order>(
      `/provider/organisations/${org}/orders/${encodeURIComponent(orderId)}/fulfil`,
      {},
    );
  }

  providerCancelOrder(
    organisationId: string,
    orderId: string,
    reason: string,
    idempotencyKey: string,
  ): Observable<Order> {
    const org = encodeURIComponent(organisationId);
    return this.post<Order>(
      `/provider/organisations/${org}/orders/${encodeURIComponent(orderId)}/cancel`,
      { reason },
      idempotencyKey,
    );
  }

  /** The slots starting in [from, to) with the orders that booked them. */
  bookings(organisationId: string, from: string, to: string): Observable<Booking[]> {
    return this.get<Booking[]>(
      `/provider/organisations/${encodeURIComponent(organisationId)}/bookings`,
      new HttpParams().set('from', from).set('to', to),
    );
  }

  private get<T>(path: string, params?: HttpParams): Observable<T> {
    return this.http
      .get<T>(this.baseUrl + path, { params })
      .pipe(catchError((error: unknown) => throwError(() => ApiError.from(error))));
  }

  private post<T>(path: string, body: unknown, idempotencyKey?: string): Observable<T> {
    return this.send<T>('POST', path, body, idempotencyKey);
  }

  private patch<T>(path: string, body: unknown): Observable<T> {
    return this.send<T>('PATCH', path, body);
  }

  private delete<T>(path: string): Observable<T> {
    return this.send<T>('DELETE', path, undefined);
  }

  private send<T>(
    method: 'POST' | 'PATCH' | 'DELETE',
    path: string,
    body: unknown,
    idempotencyKey?: string,
  ): Observable<T> {
    const headers = idempotencyKey ? new HttpHeaders({ 'Idempotency-Key': idempotencyKey }) : undefined;
    return this.http
      .request<T>(method, this.baseUrl + path, { body, headers })
      .pipe(catchError((error: unknown) => throwError(() => ApiError.from(error))));
  }
}
