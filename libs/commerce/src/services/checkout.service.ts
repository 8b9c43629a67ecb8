import { Inject, Injectable } from '@nestjs/common';
import {
  APP_CONFIG,
  type AppConfig,
  type Cents,
  cents,
  NotFoundError,
  publicUrl,
  type RequestContext,
} from '@piazza/core';
import {
  IdempotencyKeyReusedError,
  InsufficientBalanceError,
  LedgerService,
  type TransferRequest,
} from '@piazza/ledger';
import { createHash } from 'node:crypto';
import { Checkout } from '../entities/checkout.entity';
import { CustomerOrder } from '../entities/customer-order.entity';
import { OrderLine } from '../entities/order-line.entity';
import { OrderVoucher } from '../entities/order-voucher.entity';
import {
  CartEmptyError,
  type ChangedPrice,
  PriceChangedError,
  ServiceUnavailableForSaleError,
  SlotFullError,
  VoucherChoiceInvalidError,
} from '../errors';
import type Stripe from 'stripe';
import { CardPaymentUnavailableError, PaymentProviderUnavailableError } from '../payments/payment-errors';
import type { StripeEventHandler } from '../payments/stripe-event-handler';
import { StripeGateway } from '../payments/stripe-gateway.service';
import { CartService } from './cart.service';
import { OrderEvents } from './order-events';
import {
  allocateAutomatically,
  allocateChosen,
  type Allocation,
  type PayableLine,
  type UsableVoucher,
} from './voucher-allocation';

export type VoucherChoice = 'auto' | 'none' | { voucherId: string; amount: number }[];

interface PricedLine {
  id: string;
  serviceId: string;
  title: string;
  categoryId: string;
  providerId: string;
  providerName: string;
  priceModel: string;
  slotId: string | null;
  slotStartsAt: Date | null;
  quantity: number;
  unitPrice: Cents;
  currentPrice: Cents;
  sellable: boolean;
  eligibleVoucherIds: Set<string>;
}

export interface PlannedOrder {
  provider: { id: string; name: string };
  lines: {
    lineId: string;
    title: string;
    quantity: number;
    unitPrice: Cents;
    lineTotal: Cents;
    slotStartsAt: Date | null;
  }[];
  total: Cents;
  voucherAmount: Cents;
  cardAmount: Cents;
  vouchers: { voucherId: string; code: string; amount: Cents }[];
}

export interface CheckoutPlan {
  orders: PlannedOrder[];
  total: Cents;
  voucherTotal: Cents;
  cardTotal: Cents;
  cardAvailable: boolean;
  usableVouchers: {
    id: string;
    code: string;
    balance: Cents;
    validUntil: Date;
    kind: { it: string; en: string };
  }[];
}

export interface CheckoutResult {
  checkoutId: string;
  status: Checkout['status'];
  orderIds: string[];
  paymentUrl: string | null;
}

/** Hours before a booked slot after which the family can no longer cancel on its own. */
const CANCEL_HOURS_BEFORE_SLOT = 24;
/** How long the card payment page stays open (Stripe's minimum is 30 minutes). */
const CARD_PAYMENT_MINUTES = 30;

/**
 * From cart to orders. In one transaction: prices re-checked, slot places taken (never beyond
 * capacity), one order per provider, voucher shares held in the ledger; a checkout that vouchers pay in
 * full is paid at once; otherwise Stripe is asked for a Checkout Session for the rest, and the signed
 * webhook captures or releases the holds.
 */
@Injectable()
export class CheckoutService implements StripeEventHandler {
  constructor(
    private readonly carts: CartService,
    private readonly ledger: LedgerService,
    private readonly stripe: StripeGateway,
    private readonly events: OrderEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** What a checkout would do now: orders, vouchers applied, card remainder. Writes nothing. */
  async preview(ctx: RequestContext, choice: VoucherChoice = 'auto'): Promise<CheckoutPlan> {
    const householdId = await this.carts.householdOf(ctx);
    const lines = await this.pricedLines(ctx, householdId, false);
    const vouchers = await this.usableVouchers(ctx, householdId, lines, false);
    const allocations = this.allocate(lines, vouchers, choice);
    return this.plan(lines, vouchers, allocations);
  }

  /** Pays the cart: see the class. `idempotencyKey` makes a retried request return the first answer. */
  async place(ctx: RequestContext, choice: VoucherChoice, idempotencyKey: string): Promise<CheckoutResult> {
    const householdId = await this.carts.householdOf(ctx);
    const key = `${ctx.actor?.userId ?? 'system'}:${idempotencyKey}`;
    const requestHash = hash({ choice });
    // Two requests with the same key wait for each other here; two checkouts of the same household
    // wait on the cart row below.
    await ctx.em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`checkout:${key}`]);
    const previous = await ctx.em.findOneBy(Checkout, { idempotencyKey: key });
    if (previous) {
      if (previous.requestHash !== requestHash || previous.householdId !== householdId)
        throw new IdempotencyKeyReusedError();
      return this.result(ctx, previous);
    }
    await ctx.em.query(`SELECT id FROM cart WHERE household_id = $1 FOR UPDATE`, [householdId]);

    const lines = await this.pricedLines(ctx, householdId, true);
    if (lines.length === 0) throw new CartEmptyError();
    const unavailable = lines.find((l) => !l.sellable);
    if (unavailable) throw new ServiceUnavailableForSaleError(unavailable.title);
    const changed: ChangedPrice[] = lines
      .filter((l) => l.unitPrice !== l.currentPrice)
      .map((l) => ({ lineId: l.id, title: l.title, was: l.unitPrice, now: l.currentPrice }));
    if (changed.length) throw new PriceChangedError(changed);

    const vouchers = await this.usableVouchers(ctx, householdId, lines, true);
    const allocations = this.allocate(lines, vouchers, choice);
    const plan = this.plan(lines, vouchers, allocations);
    if (plan.cardTotal > 0 && !this.stripe.available()) throw new CardPaymentUnavailableError();

    const paidNow = plan.cardTotal === 0;
    const checkout = ctx.em.create(Checkout, {
      id: crypto.randomUUID(),
      householdId,
      userId: ctx.actor?.userId ?? null,
      idempotencyKey: key,
      requestHash,
      status: paidNow ? 'paid' : 'pending_payment',
      total: plan.total,
      voucherTotal: plan.voucherTotal,
      cardTotal: plan.cardTotal,
      holdAccountId: null,
      stripeSessionId: null,
      stripeSessionUrl: null,
      stripePaymentIntent: null,
      expiresAt: paidNow ? null : new Date(Date.now() + CARD_PAYMENT_MINUTES * 60_000),
      paidAt: paidNow ? new Date() : null,
    });
    // Held vouchers wait in an account of the checkout until the card part is paid; paid at once, they
    // go straight to the providers.
    if (!paidNow && plan.voucherTotal > 0) {
      checkout.holdAccountId = await this.ledger.openAccount(ctx, {
        kind: 'hold',
        ownerId: checkout.id,
        label: `Checkout ${checkout.id}`,
      });
    }
    await ctx.em.insert(Checkout, checkout);
    const orders: CustomerOrder[] = [];
    for (const planned of plan.orders)
      orders.push(await this.insertOrder(ctx, checkout, householdId, planned, lines));
    await ctx.em.query(
      `DELETE FROM cart_line WHERE cart_id = (SELECT id FROM cart WHERE household_id = $1)`,
      [householdId],
    );
    if (paidNow) for (const order of orders) await this.events.changed(ctx, order, 'paid');

    let session: { id: string; url: string; expiresAt: Date } | null = null;
    if (!paidNow) {
      // A slot already full fails here, before Stripe is asked for anything.
      await this.checkPlacesLeft(ctx, lines);
      // Before any row that other checkouts need is locked: Stripe's answer takes a network round trip.
      // Should the places be gone meanwhile, the transaction rolls back and the session, never shown to
      // anyone, expires unpaid.
      session = await this.stripe.createCheckoutSession(ctx, {
        checkoutId: checkout.id,
        lines: plan.orders
          .filter((o) => o.cardAmount > 0)
          .map((o) => ({
            name: `${o.provider.name} — ${o.lines.map((l) => l.title).join(', ')}`.slice(0, 250),
            amount: o.cardAmount,
            quantity: 1,
          })),
        customerEmail: await this.buyerEmail(ctx),
        successUrl: `${publicUrl(this.config)}/ordini/pagamento/${checkout.id}?esito=ok`,
        cancelUrl: `${publicUrl(this.config)}/ordini/pagamento/${checkout.id}?esito=annullato`,
        expiresAt: checkout.expiresAt!,
      });
      await ctx.em.update(
        Checkout,
        { id: checkout.id },
        { stripeSessionId: session.id, stripeSessionUrl: session.url, expiresAt: session.expiresAt },
      );
    }

    // Last, the rows other checkouts wait for (a slot's places, a provider's account): locked for the
    // few statements before the commit, not for the whole checkout.
    await this.bookSlots(ctx, lines);
    if (plan.voucherTotal > 0) await this.moveVoucherShares(ctx, checkout, orders, plan, paidNow);
    return {
      checkoutId: checkout.id,
      status: checkout.status,
      orderIds: orders.map((o) => o.id),
      paymentUrl: session?.url ?? null,
    };
  }

  /** The state of a checkout of the actor's household (the page Stripe sends the family back to). */
  async status(ctx: RequestContext, checkoutId: string): Promise<CheckoutResult> {
    const householdId = await this.carts.householdOf(ctx);
    const checkout = await ctx.em.findOneBy(Checkout, { id: checkoutId, householdId });
    if (!checkout) throw new NotFoundError({ it: 'Il pagamento', en: 'The payment' });
    return this.result(ctx, checkout);
  }

  /** Stripe says the card part is paid: capture the holds and pay the providers. Safe to repeat. */
  async onCheckoutCompleted(ctx: RequestContext, session: Stripe.Checkout.Session): Promise<string> {
    if (session.payment_status && session.payment_status !== 'paid') return 'not paid yet';
    const checkout = await this.lockBySession(ctx, session.id, session.metadata?.['checkoutId']);
    if (!checkout) return 'unknown checkout';
    if (checkout.status !== 'pending_payment') return `already ${checkout.status}`;
    const paymentIntent =
      typeof session.payment_intent === 'string'
        ? session.payment_intent
        : (session.payment_intent?.id ?? null);
    await ctx.em.update(
      Checkout,
      { id: checkout.id },
      { status: 'paid', paidAt: () => 'now()', stripePaymentIntent: paymentIntent },
    );
    checkout.status = 'paid';
    const orders = await ctx.em.find(CustomerOrder, {
      where: { checkoutId: checkout.id },
      order: { number: 'ASC' },
    });
    await this.capture(ctx, checkout, orders);
    return 'captured';
  }

  /** The card payment page closed unpaid: release the holds, free the places. Safe to repeat. */
  async onCheckoutExpired(ctx: RequestContext, session: Stripe.Checkout.Session): Promise<string> {
    const checkout = await this.lockBySession(ctx, session.id, session.metadata?.['checkoutId']);
    if (!checkout) return 'unknown checkout';
    if (checkout.status !== 'pending_payment') return `already ${checkout.status}`;
    return this.release(ctx, checkout);
  }

  /**
   * The sweep for webhooks that never came: checkouts still `pending_payment` an hour after their card
   * payment page closed. Each is locked with SKIP LOCKED (one a webhook or another worker holds is left
   * to it) and settled by what Stripe says of its session now, so a payment whose webhook is late is not
   * lost: paid, it is captured as the webhook would; expired (or unknown to Stripe, or card payment no
   * longer configured), the release path runs. A session still open, or a Stripe that does not answer,
   * waits for the next sweep.
   */
  async expireStale(
    ctx: RequestContext,
    limit = 100,
  ): Promise<{ expired: number; captured: number; waiting: number }> {
    const due: { id: string; stripe_session_id: string | null }[] = await ctx.em.query(
      `SELECT id, stripe_session_id FROM checkout
       WHERE status = 'pending_payment' AND expires_at < now() - interval '1 hour'
       ORDER BY expires_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    const outcome = { expired: 0, captured: 0, waiting: 0 };
    for (const row of due) {
      let session: Stripe.Checkout.Session | null = null;
      if (row.stripe_session_id && this.stripe.available()) {
        try {
          session = await this.stripe.retrieveCheckoutSession(ctx, row.stripe_session_id);
        } catch (error) {
          if (!(error instanceof PaymentProviderUnavailableError)) throw error;
          outcome.waiting++;
          continue;
        }
      }
      if (session?.status === 'complete' && session.payment_status === 'paid') {
        await this.onCheckoutCompleted(ctx, session);
        outcome.captured++;
      } else if (session?.status === 'open' || session?.status === 'complete') {
        // Still payable, or paid by a method that settles later: Stripe's word is not final yet.
        outcome.waiting++;
      } else {
        const checkout = await ctx.em.findOneByOrFail(Checkout, { id: row.id });
        await this.release(ctx, checkout);
        outcome.expired++;
      }
    }
    return outcome;
  }

  /** Releases a locked `pending_payment` checkout: holds back to the vouchers, places freed, orders expired. */
  private async release(ctx: RequestContext, checkout: Checkout): Promise<string> {
    await ctx.em.update(Checkout, { id: checkout.id }, { status: 'expired' });
    const orders = await ctx.em.find(CustomerOrder, { where: { checkoutId: checkout.id } });
    await this.releaseHolds(ctx, checkout);
    for (const order of orders) {
      await this.freePlaces(ctx, order.id);
      await ctx.em.update(CustomerOrder, { id: order.id }, { status: 'expired', closedAt: () => 'now()' });
      await this.events.changed(ctx, order, 'expired');
    }
    return 'released';
  }

  /** Frees the places an order's lines hold in their slots. */
  async freePlaces(ctx: RequestContext, orderId: string): Promise<void> {
    const lines = await ctx.em.find(OrderLine, {
      where: { orderId, booked: true },
      order: { slotId: 'ASC' },
    });
    for (const line of lines) {
      if (!line.slotId) continue;
      await ctx.em.query(`UPDATE service_slot SET booked = booked - $2, updated_at = now() WHERE id = $1`, [
        line.slotId,
        line.quantity,
      ]);
      await ctx.em.update(OrderLine, { id: line.id }, { booked: false });
    }
  }

  private async lockBySession(
    ctx: RequestContext,
    sessionId: string,
    checkoutId?: string,
  ): Promise<Checkout | null> {
    const [row]: { id: string }[] = await ctx.em.query(
      `SELECT id FROM checkout WHERE stripe_session_id = $1 OR id::text = $2 FOR UPDATE`,
      [sessionId, checkoutId ?? ''],
    );
    return row ? ctx.em.findOneBy(Checkout, { id: row.id }) : null;
  }

  private async result(ctx: RequestContext, checkout: Checkout): Promise<CheckoutResult> {
    const orders = await ctx.em.find(CustomerOrder, {
      where: { checkoutId: checkout.id },
      order: { number: 'ASC' },
    });
    return {
      checkoutId: checkout.id,
      status: checkout.status,
      orderIds: orders.map((o) => o.id),
      paymentUrl: checkout.status === 'pending_payment' ? checkout.stripeSessionUrl : null,
    };
  }

  /**
   * The cart's lines with today's prices, the provider and which of the household's vouchers may pay
   * each. `lock` takes the lines' rows (the cart row is already locked by place()).
   */
  private async pricedLines(ctx: RequestContext, householdId: string, lock: boolean): Promise<PricedLine[]> {
    const rows: {
      id: string;
      service_id: string;
      title: string;
      category_id: string;
      provider_id: string;
      provider_name: string;
      price_model: string;
      slot_id: string | null;
      starts_at: Date | null;
      quantity: number;
      unit_price: string;
      current_price: string;
      sellable: boolean;
    }[] = await ctx.em.query(
      `SELECT l.id, s.id AS service_id, s.title, s.category_id, o.id AS provider_id, o.name AS provider_name,
              s.price_model, l.slot_id, sl.starts_at, l.quantity, l.unit_price::text AS unit_price,
              coalesce(s.price_cents, 0)::text AS current_price,
              (s.status = 'published' AND o.accreditation_status = 'accredited'
                AND (l.slot_id IS NULL OR (sl.cancelled_at IS NULL AND sl.starts_at > now()))) AS sellable
       FROM cart c
       JOIN cart_line l ON l.cart_id = c.id
       JOIN service_offer s ON s.id = l.service_offer_id
       JOIN organisation o ON o.id = s.organisation_id
       LEFT JOIN service_slot sl ON sl.id = l.slot_id
       WHERE c.household_id = $1
       ORDER BY o.name, o.id, l.created_at, l.id
       ${lock ? 'FOR UPDATE OF l' : ''}`,
      [householdId],
    );
    return rows.map((r) => ({
      id: r.id,
      serviceId: r.service_id,
      title: r.title,
      categoryId: r.category_id,
      providerId: r.provider_id,
      providerName: r.provider_name,
      priceModel: r.price_model,
      slotId: r.slot_id,
      slotStartsAt: r.starts_at,
      quantity: r.quantity,
      unitPrice: cents(r.unit_price),
      currentPrice: cents(r.current_price),
      sellable: r.sellable,
      eligibleVoucherIds: new Set<string>(),
    }));
  }

  /**
   * The household's service vouchers that may pay at least one line, in the database's clock: kind
   * `service`, active and valid now, a category of the kind (or below one), a voucher-payable service
   * of an accredited provider, in the voucher's Comune. Fills each line's `eligibleVoucherIds`.
   */
  private async usableVouchers(
    ctx: RequestContext,
    householdId: string,
    lines: PricedLine[],
    lock: boolean,
  ): Promise<(UsableVoucher & { code: string; kind: { it: string; en: string } })[]> {
    if (lines.length === 0) return [];
    const pairs: { voucher_id: string; line_id: string }[] = await ctx.em.query(
      `SELECT v.id AS voucher_id, l.id AS line_id
       FROM voucher v
       JOIN voucher_kind k ON k.id = v.kind_id AND k.kind = 'service'
       JOIN ledger_account a ON a.id = v.account_id AND a.balance > 0
       CROSS JOIN cart_line l
       JOIN cart c ON c.id = l.cart_id AND c.household_id = v.household_id
       JOIN service_offer s ON s.id = l.service_offer_id AND s.voucher_payable
       JOIN category g ON g.id = s.category_id
       JOIN organisation o ON o.id = s.organisation_id AND o.accreditation_status = 'accredited'
       WHERE v.household_id = $1 AND v.status = 'active' AND now() >= v.valid_from AND now() < v.valid_until
         AND (g.id = ANY (k.category_ids) OR g.parent_id = ANY (k.category_ids))
         AND (k.comune_id IS NULL OR k.comune_id = v.comune_id)
         AND (cardinality(s.comune_ids) = 0 OR v.comune_id = ANY (s.comune_ids))`,
      [householdId],
    );
    const byLine = new Map(lines.map((l) => [l.id, l]));
    for (const p of pairs) byLine.get(p.line_id)?.eligibleVoucherIds.add(p.voucher_id);
    const ids = [...new Set(pairs.map((p) => p.voucher_id))].sort();
    if (ids.length === 0) return [];
    const vouchers: {
      id: string;
      code: string;
      balance: string;
      valid_until: Date;
      kind: { it: string; en: string };
    }[] = await ctx.em.query(
      `SELECT v.id, v.code, a.balance::text AS balance, v.valid_until, k.name AS kind
         FROM voucher v JOIN ledger_account a ON a.id = v.account_id JOIN voucher_kind k ON k.id = v.kind_id
         WHERE v.id = ANY ($1::uuid[]) ORDER BY v.id ${lock ? 'FOR UPDATE OF v' : ''}`,
      [ids],
    );
    return vouchers.map((v) => ({
      id: v.id,
      code: v.code,
      balance: Number(v.balance),
      validUntil: v.valid_until,
      kind: v.kind,
    }));
  }

  private allocate(lines: PricedLine[], vouchers: UsableVoucher[], choice: VoucherChoice): Allocation[] {
    const payable: PayableLine[] = lines.map((l) => ({
      key: l.id,
      amount: l.currentPrice * l.quantity,
      eligibleVoucherIds: l.eligibleVoucherIds,
    }));
    if (choice === 'none') return [];
    if (choice === 'auto') return allocateAutomatically(payable, vouchers);
    const allocations = allocateChosen(payable, vouchers, choice);
    if (!allocations) throw new VoucherChoiceInvalidError();
    return allocations;
  }

  private plan(
    lines: PricedLine[],
    vouchers: (UsableVoucher & { code: string; kind: { it: string; en: string } })[],
    allocations: Allocation[],
  ): CheckoutPlan {
    const codes = new Map(vouchers.map((v) => [v.id, v.code]));
    const byProvider = Map.groupBy(lines, (l) => l.providerId);
    const orders: PlannedOrder[] = [...byProvider.values()].map((group) => {
      const lineIds = new Set(group.map((l) => l.id));
      const mine = allocations.filter((a) => lineIds.has(a.lineKey));
      const perVoucher = new Map<string, number>();
      for (const a of mine) perVoucher.set(a.voucherId, (perVoucher.get(a.voucherId) ?? 0) + a.amount);
      const total = group.reduce((sum, l) => sum + l.currentPrice * l.quantity, 0);
      const voucherAmount = mine.reduce((sum, a) => sum + a.amount, 0);
      return {
        provider: { id: group[0].providerId, name: group[0].providerName },
        lines: group.map((l) => ({
          lineId: l.id,
          title: l.title,
          quantity: l.quantity,
          unitPrice: l.currentPrice,
          lineTotal: cents(l.currentPrice * l.quantity),
          slotStartsAt: l.slotStartsAt,
        })),
        total: cents(total),
        voucherAmount: cents(voucherAmount),
        cardAmount: cents(total - voucherAmount),
        vouchers: [...perVoucher].map(([voucherId, amount]) => ({
          voucherId,
          code: codes.get(voucherId) ?? '',
          amount: cents(amount),
        })),
      };
    });
    const total = orders.reduce((s, o) => s + o.total, 0);
    const voucherTotal = orders.reduce((s, o) => s + o.voucherAmount, 0);
    return {
      orders,
      total: cents(total),
      voucherTotal: cents(voucherTotal),
      cardTotal: cents(total - voucherTotal),
      cardAvailable: this.stripe.available(),
      usableVouchers: vouchers.map((v) => ({
        id: v.id,
        code: v.code,
        balance: cents(v.balance),
        validUntil: v.validUntil,
        kind: v.kind,
      })),
    };
  }

  /** Refuses, without locking anything, lines whose slot has fewer places left than they ask for. */
  private async checkPlacesLeft(ctx: RequestContext, lines: PricedLine[]): Promise<void> {
    const withSlot = lines.filter((l) => l.slotId);
    if (withSlot.length === 0) return;
    const rows: { id: string; free: number }[] = await ctx.em.query(
      `SELECT id, greatest(capacity - booked, 0) AS free FROM service_slot WHERE id = ANY ($1::uuid[])`,
      [withSlot.map((l) => l.slotId)],
    );
    const free = new Map(rows.map((r) => [r.id, r.free]));
    const short = withSlot.find((l) => (free.get(l.slotId!) ?? 0) < l.quantity);
    if (short) throw new SlotFullError(short.title, free.get(short.slotId!) ?? 0);
  }

  /**
   * Takes the places of every line with a slot: a conditional update, so capacity is never exceeded
   * whatever the concurrency; slots in id order, so two checkouts never wait on each other in a cycle.
   */
  private async bookSlots(ctx: RequestContext, lines: PricedLine[]): Promise<void> {
    const withSlot = lines.filter((l) => l.slotId).sort((a, b) => a.slotId!.localeCompare(b.slotId!));
    for (const line of withSlot) {
      const [rows] = (await ctx.em.query(
        `UPDATE service_slot SET booked = booked + $2, updated_at = now()
         WHERE id = $1 AND cancelled_at IS NULL AND starts_at > now() AND booked + $2 <= capacity
         RETURNING id`,
        [line.slotId, line.quantity],
      )) as [unknown[], number];
      if (rows.length === 0) {
        const [slot]: { free: number }[] = await ctx.em.query(
          `SELECT greatest(capacity - booked, 0) AS free FROM service_slot WHERE id = $1`,
          [line.slotId],
        );
        throw new SlotFullError(line.title, slot?.free ?? 0);
      }
    }
  }

  private async insertOrder(
    ctx: RequestContext,
    checkout: Checkout,
    householdId: string,
    planned: PlannedOrder,
    lines: PricedLine[],
  ): Promise<CustomerOrder> {
    const [{ number }]: { number: string }[] = await ctx.em.query(
      `SELECT 'PZ-' || to_char(now() AT TIME ZONE 'Europe/Rome', 'YYYY') || '-' ||
              lpad(nextval('customer_order_number_seq')::text, 6, '0') AS number`,
    );
    const firstSlot = planned.lines
      .map((l) => l.slotStartsAt)
      .filter((d): d is Date => !!d)
      .sort((a, b) => a.getTime() - b.getTime())[0];
    const order = ctx.em.create(CustomerOrder, {
      id: crypto.randomUUID(),
      number,
      checkoutId: checkout.id,
      householdId,
      providerId: planned.provider.id,
      status: checkout.status === 'paid' ? 'paid' : 'pending_payment',
      total: planned.total,
      voucherAmount: planned.voucherAmount,
      cardAmount: planned.cardAmount,
      refundedVoucher: cents(0),
      refundedCard: cents(0),
      cancelBefore: firstSlot ? new Date(firstSlot.getTime() - CANCEL_HOURS_BEFORE_SLOT * 3_600_000) : null,
      reason: null,
      paidAt: checkout.status === 'paid' ? new Date() : null,
      confirmedAt: null,
      fulfilledAt: null,
      closedAt: null,
    });
    await ctx.em.insert(CustomerOrder, order);
    const byId = new Map(lines.map((l) => [l.id, l]));
    await ctx.em.insert(
      OrderLine,
      planned.lines.map((pl) => {
        const line = byId.get(pl.lineId)!;
        return {
          orderId: order.id,
          serviceOfferId: line.serviceId,
          slotId: line.slotId,
          title: line.title,
          categoryId: line.categoryId,
          priceModel: line.priceModel,
          quantity: line.quantity,
          unitPrice: line.currentPrice,
          lineTotal: pl.lineTotal,
          booked: line.slotId !== null,
        };
      }),
    );
    if (planned.vouchers.length)
      await ctx.em.insert(
        OrderVoucher,
        planned.vouchers.map((v) => ({
          orderId: order.id,
          voucherId: v.voucherId,
          amount: v.amount,
          status: checkout.status === 'paid' ? ('captured' as const) : ('held' as const),
        })),
      );
    return order;
  }

  /**
   * Voucher shares leave the vouchers: to the checkout's hold account while the card part is pending,
   * or straight to each provider when vouchers pay everything.
   */
  private async moveVoucherShares(
    ctx: RequestContext,
    checkout: Checkout,
    orders: CustomerOrder[],
    plan: CheckoutPlan,
    paidNow: boolean,
  ): Promise<void> {
    const voucherIds = [...new Set(plan.orders.flatMap((o) => o.vouchers.map((v) => v.voucherId)))];
    const accounts: { id: string; account_id: string }[] = await ctx.em.query(
      `SELECT id, account_id FROM voucher WHERE id = ANY ($1::uuid[])`,
      [voucherIds],
    );
    const accountOf = new Map(accounts.map((a) => [a.id, a.account_id]));
    const transfers: TransferRequest[] = [];
    for (const [i, planned] of plan.orders.entries()) {
      const order = orders[i];
      const target = paidNow ? await this.providerAccount(ctx, order.providerId) : checkout.holdAccountId!;
      for (const share of planned.vouchers)
        transfers.push({
          debitAccountId: accountOf.get(share.voucherId)!,
          creditAccountId: target,
          amount: share.amount,
          kind: paidNow ? 'order_capture' : 'order_hold',
          idempotencyKey: `${paidNow ? 'order-capture' : 'order-hold'}:${order.id}:${share.voucherId}`,
          reference: `order:${order.id} voucher:${share.voucherId}`,
        });
    }
    try {
      await this.ledger.transferMany(ctx, transfers);
    } catch (error) {
      if (error instanceof InsufficientBalanceError) throw new VoucherChoiceInvalidError();
      throw error;
    }
    await this.markExhausted(ctx, voucherIds);
  }

  /** Paid: voucher shares go from the hold to each provider, card shares from card clearing. */
  private async capture(ctx: RequestContext, checkout: Checkout, orders: CustomerOrder[]): Promise<void> {
    const transfers: TransferRequest[] = [];
    for (const order of orders) {
      const provider = await this.providerAccount(ctx, order.providerId);
      if (order.voucherAmount > 0)
        transfers.push({
          debitAccountId: checkout.holdAccountId!,
          creditAccountId: provider,
          amount: order.voucherAmount,
          kind: 'order_capture',
          idempotencyKey: `order-capture:${order.id}`,
          reference: `order:${order.id}`,
        });
      if (order.cardAmount > 0)
        transfers.push({
          debitAccountId: await this.cardClearing(ctx),
          creditAccountId: provider,
          amount: order.cardAmount,
          kind: 'card_payment',
          idempotencyKey: `card-payment:${order.id}`,
          reference: `order:${order.id}`,
        });
    }
    if (transfers.length) await this.ledger.transferMany(ctx, transfers);
    for (const order of orders) {
      await ctx.em.update(OrderVoucher, { orderId: order.id, status: 'held' }, { status: 'captured' });
      await ctx.em.update(
        CustomerOrder,
        { id: order.id },
        { status: 'paid', paidAt: () => 'coalesce(paid_at, now())' },
      );
      order.status = 'paid';
      await this.events.changed(ctx, order, 'paid');
    }
  }

  private async releaseHolds(ctx: RequestContext, checkout: Checkout): Promise<void> {
    const held: { voucher_id: string; account_id: string; amount: string }[] = await ctx.em.query(
      `SELECT ov.voucher_id, v.account_id, sum(ov.amount)::text AS amount
       FROM order_voucher ov JOIN customer_order o ON o.id = ov.order_id JOIN voucher v ON v.id = ov.voucher_id
       WHERE o.checkout_id = $1 AND ov.status = 'held'
       GROUP BY ov.voucher_id, v.account_id ORDER BY ov.voucher_id`,
      [checkout.id],
    );
    if (held.length === 0) return;
    await this.ledger.transferMany(
      ctx,
      held.map((h) => ({
        debitAccountId: checkout.holdAccountId!,
        creditAccountId: h.account_id,
        amount: cents(h.amount),
        kind: 'order_release',
        idempotencyKey: `order-release:${checkout.id}:${h.voucher_id}`,
        reference: `checkout:${checkout.id} voucher:${h.voucher_id}`,
      })),
    );
    await ctx.em.query(
      `UPDATE order_voucher SET status = 'released', updated_at = now()
       WHERE status = 'held' AND order_id IN (SELECT id FROM customer_order WHERE checkout_id = $1)`,
      [checkout.id],
    );
    await this.markActiveAgain(
      ctx,
      held.map((h) => h.voucher_id),
    );
  }

  /** A voucher whose balance reached zero is exhausted; one that got money back is active again. */
  async markExhausted(ctx: RequestContext, voucherIds: string[]): Promise<void> {
    await ctx.em.query(
      `UPDATE voucher v SET status = 'exhausted', updated_at = now()
       FROM ledger_account a WHERE a.id = v.account_id AND v.id = ANY ($1::uuid[]) AND a.balance = 0 AND v.status = 'active'`,
      [voucherIds],
    );
  }

  async markActiveAgain(ctx: RequestContext, voucherIds: string[]): Promise<void> {
    await ctx.em.query(
      `UPDATE voucher v SET status = 'active', updated_at = now()
       FROM ledger_account a WHERE a.id = v.account_id AND v.id = ANY ($1::uuid[]) AND a.balance > 0
         AND v.status = 'exhausted' AND v.valid_until > now()`,
      [voucherIds],
    );
  }

  providerAccount(ctx: RequestContext, providerId: string): Promise<string> {
    return this.ledger.openAccount(ctx, {
      kind: 'provider',
      ownerId: providerId,
      label: `Ente ${providerId}`,
    });
  }

  /** The platform's one card clearing account (read first, like the providers', to lock nothing). */
  async cardClearing(ctx: RequestContext): Promise<string> {
    const owner = '00000000-0000-0000-0000-000000000001';
    const [row]: { id: string }[] = await ctx.em.query(
      `SELECT id FROM ledger_account WHERE kind = 'card_clearing' AND owner_id = $1`,
      [owner],
    );
    return (
      row?.id ??
      this.ledger.openAccount(ctx, {
        kind: 'card_clearing',
        ownerId: owner,
        label: 'Pagamenti con carta (Stripe)',
      })
    );
  }

  private async buyerEmail(ctx: RequestContext): Promise<string | null> {
    if (!ctx.actor) return null;
    const [row]: { email: string | null }[] = await ctx.em.query(
      `SELECT email FROM user_account WHERE id = $1`,
      [ctx.actor.userId],
    );
    return row?.email ?? null;
  }
}

function hash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}
