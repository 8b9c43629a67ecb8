/**
 * Wire types of the cart, checkout and orders (docs/commerce-api.md). Every amount is integer euro
 * cents; every date an ISO 8601 string.
 */
import { type LocalizedText, type PriceModel } from './models';
import { type Cents } from './vouchers-models';

// --- Cart -------------------------------------------------------------------------------------------

export interface CartLine {
  id: string;
  service: {
    id: string;
    slug: string;
    title: string;
    provider: { id: string; name: string; slug: string };
    priceModel: PriceModel;
    voucherPayable: boolean;
  };
  /** The date booked, with the places free in it now; null for services without dates. */
  slot: { id: string; startsAt: string; endsAt: string; free: number } | null;
  /** Hours, sessions or months by the price model; places for a date. */
  quantity: number;
  /** The price when the line was put in the cart. */
  unitPrice: Cents;
  currentUnitPrice: Cents;
  priceChanged: boolean;
  /** At today's price. */
  lineTotal: Cents;
  /** False when the service, or its date, can no longer be bought. */
  available: boolean;
}

export interface Cart {
  lines: CartLine[];
  total: Cents;
  /** How many providers (hence orders) the cart holds. */
  providers: number;
}

export interface CartLineInput {
  serviceId: string;
  slotId?: string | null;
  quantity: number;
}

// --- Checkout ---------------------------------------------------------------------------------------

/** 'auto': every usable service voucher, the one that expires first used first. */
export type VoucherChoice = 'auto' | 'none' | VoucherShare[];

export interface VoucherShare {
  voucherId: string;
  amount: Cents;
}

export interface PlannedOrder {
  provider: { id: string; name: string };
  lines: {
    lineId: string;
    title: string;
    quantity: number;
    unitPrice: Cents;
    lineTotal: Cents;
    slotStartsAt: string | null;
  }[];
  total: Cents;
  voucherAmount: Cents;
  cardAmount: Cents;
  vouchers: { voucherId: string; code: string; amount: Cents }[];
}

export interface UsableVoucher {
  id: string;
  code: string;
  balance: Cents;
  validUntil: string;
  kind: LocalizedText;
}

/** What paying the cart would do now: one order per provider, vouchers applied, the card remainder. */
export interface CheckoutPlan {
  orders: PlannedOrder[];
  total: Cents;
  voucherTotal: Cents;
  cardTotal: Cents;
  cardAvailable: boolean;
  usableVouchers: UsableVoucher[];
}

export type CheckoutStatus = 'pending_payment' | 'paid' | 'expired';

export interface CheckoutResult {
  checkoutId: string;
  status: CheckoutStatus;
  orders: Order[];
  /** Stripe's payment page, when a card part remains to pay. */
  paymentUrl: string | null;
}

// --- Orders -----------------------------------------------------------------------------------------

export const ORDER_STATUSES = [
  'pending_payment',
  'paid',
  'confirmed',
  'fulfilled',
  'cancelled',
  'declined',
  'expired',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** The statuses a provider can filter its orders by. */
export const PROVIDER_ORDER_STATUSES = ['paid', 'confirmed', 'fulfilled', 'cancelled', 'declined'] as const;
export type ProviderOrderStatus = (typeof PROVIDER_ORDER_STATUSES)[number];

export interface OrderLine {
  id: string;
  serviceId: string;
  title: string;
  priceModel: PriceModel;
  quantity: number;
  unitPrice: Cents;
  lineTotal: Cents;
  slot: { id: string; startsAt: string; endsAt: string } | null;
}

export interface Order {
  id: string;
  /** What the family and the provider quote, e.g. "PZ-2026-000123". */
  number: string;
  status: OrderStatus;
  provider: { id: string; name: string; slug: string };
  total: Cents;
  voucherAmount: Cents;
  cardAmount: Cents;
  refundedVoucher: Cents;
  refundedCard: Cents;
  /** Until when the family may cancel on its own; null for services without a date. */
  cancelBefore: string | null;
  canCancel: boolean;
  /** Why the order was cancelled or declined. */
  reason: string | null;
  createdAt: string;
  paidAt: string | null;
  confirmedAt: string | null;
  fulfilledAt: string | null;
  closedAt: string | null;
  lines: OrderLine[];
  /** The vouchers that paid it (the family's view only: the provider never sees codes). */
  vouchers: { voucherId: string; code: string; kind: LocalizedText; amount: Cents; status: string }[];
  /** Who ordered (the provider's view only). */
  household?: { id: string; name: string; comune: string };
}

/** A slot of the provider's calendar with the orders that booked it. */
export interface Booking {
  slotId: string;
  service: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  booked: number;
  cancelled: boolean;
  orders: { orderId: string; number: string; quantity: number; status: OrderStatus }[];
}
