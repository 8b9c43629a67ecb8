import { Injectable } from '@nestjs/common';
import {
  type Cents,
  cents,
  NotFoundError,
  type RequestContext,
  type Translated,
  ValidationError,
} from '@piazza/core';
import { LedgerService, type TransferRequest } from '@piazza/ledger';
import { Checkout } from '../entities/checkout.entity';
import { CustomerOrder, type OrderStatus } from '../entities/customer-order.entity';
import type { OrderReceipt } from '../documents/order-receipt.pdf';
import {
  type ProviderVoucherStatement,
  summariseVoucherStatement,
  type VoucherStatementRow,
} from '../documents/provider-voucher-statement';
import { OrderTransitionError } from '../errors';
import { StripeGateway } from '../payments/stripe-gateway.service';
import { CartService } from './cart.service';
import { CheckoutService } from './checkout.service';
import { OrderEvents } from './order-events';

export interface OrderView {
  id: string;
  number: string;
  status: OrderStatus;
  provider: { id: string; name: string; slug: string };
  total: Cents;
  voucherAmount: Cents;
  cardAmount: Cents;
  refundedVoucher: Cents;
  refundedCard: Cents;
  cancelBefore: Date | null;
  canCancel: boolean;
  reason: string | null;
  createdAt: Date;
  paidAt: Date | null;
  confirmedAt: Date | null;
  fulfilledAt: Date | null;
  closedAt: Date | null;
  lines: {
    id: string;
    serviceId: string;
    title: string;
    priceModel: string;
    quantity: number;
    unitPrice: Cents;
    lineTotal: Cents;
    slot: { id: string; startsAt: Date; endsAt: Date } | null;
  }[];
  vouchers: { voucherId: string; code: string; kind: Translated; amount: Cents; status: string }[];
  household?: { id: string; name: string; comune: string };
}

const ORDER_NOT_FOUND = { it: "L'ordine", en: 'The order' };
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Rome's month [start, end) for the `YYYY-MM` in $n, computed in the database. */
const monthBounds = (n: number) => ({
  start: `(date_trunc('month', ($${n} || '-01')::timestamp) AT TIME ZONE 'Europe/Rome')`,
  end: `((date_trunc('month', ($${n} || '-01')::timestamp) + interval '1 month') AT TIME ZONE 'Europe/Rome')`,
});

interface IssuerRow {
  platform_name: string;
  ambito_name: string;
  provider_name: string;
  legal_name: string;
  address: string;
  fiscal_code: string;
  vat_number: string | null;
}

/** The Ambito's names and a provider's legal identity (organisation `p`), as documents print them. */
const ISSUER_COLUMNS = `coalesce(s.name, 'Piazza') AS platform_name, coalesce(s.short_name, s.name, 'Piazza') AS ambito_name,
  p.name AS provider_name, p.legal_name, p.address, p.fiscal_code, p.vat_number`;

/** Orders after checkout: the family's and the provider's views, and every change of state with refunds. */
@Injectable()
export class OrderService {
  constructor(
    private readonly carts: CartService,
    private readonly checkouts: CheckoutService,
    private readonly ledger: LedgerService,
    private readonly stripe: StripeGateway,
    private readonly events: OrderEvents,
  ) {}

  async listForFamily(ctx: RequestContext): Promise<OrderView[]> {
    const householdId = await this.carts.householdOf(ctx);
    const ids: { id: string }[] = await ctx.em.query(
      `SELECT id FROM customer_order WHERE household_id = $1 ORDER BY created_at DESC, number DESC LIMIT 200`,
      [householdId],
    );
    return this.views(
      ctx,
      ids.map((r) => r.id),
      false,
    );
  }

  /** Orders of the actor's household by id (the answer of a checkout). */
  async listByIds(ctx: RequestContext, orderIds: string[]): Promise<OrderView[]> {
    const householdId = await this.carts.householdOf(ctx);
    return this.views(ctx, orderIds, false, { householdId });
  }

  async detailForFamily(ctx: RequestContext, orderId: string): Promise<OrderView> {
    const householdId = await this.carts.householdOf(ctx);
    const [view] = await this.views(ctx, [orderId], false, { householdId });
    if (!view) throw new NotFoundError(ORDER_NOT_FOUND);
    return view;
  }

  async listForProvider(
    ctx: RequestContext,
    organisationId: string,
    status?: OrderStatus,
  ): Promise<OrderView[]> {
    await this.requireMember(ctx, organisationId);
    const ids: { id: string }[] = await ctx.em.query(
      `SELECT id FROM customer_order
       WHERE provider_id = $1 AND status <> 'pending_payment' AND status <> 'expired'
         AND ($2::text IS NULL OR status = $2)
       ORDER BY created_at DESC, number DESC LIMIT 500`,
      [organisationId, status ?? null],
    );
    return this.views(
      ctx,
      ids.map((r) => r.id),
      true,
    );
  }

  async detailForProvider(ctx: RequestContext, organisationId: string, orderId: string): Promise<OrderView> {
    await this.requireMember(ctx, organisationId);
    const [view] = await this.views(ctx, [orderId], true, { providerId: organisationId });
    if (!view || view.status === 'pending_payment' || view.status === 'expired')
      throw new NotFoundError(ORDER_NOT_FOUND);
    return view;
  }

  /** The family cancels before the cut-off: refunds to the same sources, places freed. */
  async cancelByFamily(ctx: RequestContext, orderId: string, reason: string | null): Promise<OrderView> {
    const householdId = await this.carts.householdOf(ctx);
    const order = await this.lock(ctx, orderId, { householdId });
    if (order.status !== 'paid' && order.status !== 'confirmed')
      throw new OrderTransitionError(
        'Questo ordine non si può più annullare.',
        'This order can no longer be cancelled.',
      );
    const [{ in_time }]: { in_time: boolean }[] = await ctx.em.query(
      `SELECT (cancel_before IS NULL AND status = 'paid') OR now() < cancel_before AS in_time
       FROM customer_order WHERE id = $1`,
      [order.id],
    );
    if (!in_time)
      throw new OrderTransitionError(
        "Il termine per annullare da soli è passato: scrivi all'ente per chiedere l'annullamento.",
        'The deadline to cancel on your own has passed: write to the provider to ask for a cancellation.',
      );
    await this.refundAndClose(ctx, order, 'cancelled', reason);
    await this.events.changed(ctx, order, 'cancelled', { reason, byFamily: true });
    return this.detailForFamily(ctx, order.id);
  }

  async confirm(ctx: RequestContext, organisationId: string, orderId: string): Promise<OrderView> {
    await this.requireMember(ctx, organisationId);
    const order = await this.lock(ctx, orderId, { providerId: organisationId });
    if (order.status !== 'paid')
      throw new OrderTransitionError(
        'Si possono confermare solo ordini pagati.',
        'Only paid orders can be confirmed.',
      );
    await ctx.em.update(CustomerOrder, { id: order.id }, { status: 'confirmed', confirmedAt: () => 'now()' });
    order.status = 'confirmed';
    await this.events.changed(ctx, order, 'confirmed');
    return this.detailForProvider(ctx, organisationId, order.id);
  }

  async decline(
    ctx: RequestContext,
    organisationId: string,
    orderId: string,
    reason: string,
  ): Promise<OrderView> {
    await this.requireMember(ctx, organisationId);
    requireReason(reason);
    const order = await this.lock(ctx, orderId, { providerId: organisationId });
    if (order.status !== 'paid')
      throw new OrderTransitionError(
        'Si possono rifiutare solo ordini pagati e non ancora confermati: per uno confermato usa «Annulla».',
        'Only paid orders not yet confirmed can be declined: for a confirmed one use "Cancel".',
      );
    await this.refundAndClose(ctx, order, 'declined', reason);
    await this.events.changed(ctx, order, 'declined', { reason });
    return this.detailForProvider(ctx, organisationId, order.id);
  }

  async cancelByProvider(ctx: RequestContext, organisationId: string, orderId: string, reason: string) {
    await this.requireMember(ctx, organisationId);
    requireReason(reason);
    const order = await this.lock(ctx, orderId, { providerId: organisationId });
    if (order.status !== 'paid' && order.status !== 'confirmed')
      throw new OrderTransitionError(
        'Questo ordine non si può annullare (già completato o chiuso).',
        'This order cannot be cancelled (already completed or closed).',
      );
    await this.refundAndClose(ctx, order, 'cancelled', reason);
    await this.events.changed(ctx, order, 'cancelled', { reason });
    return this.detailForProvider(ctx, organisationId, order.id);
  }

  async fulfil(ctx: RequestContext, organisationId: string, orderId: string): Promise<OrderView> {
    await this.requireMember(ctx, organisationId);
    const order = await this.lock(ctx, orderId, { providerId: organisationId });
    if (order.status !== 'confirmed')
      throw new OrderTransitionError(
        'Si possono completare solo ordini confermati.',
        'Only confirmed orders can be marked as completed.',
      );
    await ctx.em.update(
      CustomerOrder,
      { id: order.id },
      { status: 'fulfilled', fulfilledAt: () => 'now()', closedAt: () => 'now()' },
    );
    order.status = 'fulfilled';
    await this.events.changed(ctx, order, 'fulfilled');
    return this.detailForProvider(ctx, organisationId, order.id);
  }

  /** The provider's calendar: its slots in a period with the orders that booked them. */
  async bookings(ctx: RequestContext, organisationId: string, from: Date, to: Date) {
    await this.requireMember(ctx, organisationId);
    const rows: {
      slot_id: string;
      service_title: string;
      starts_at: Date;
      ends_at: Date;
      capacity: number;
      booked: number;
      cancelled_at: Date | null;
      orders: { orderId: string; number: string; quantity: number; status: string }[] | null;
    }[] = await ctx.em.query(
      `SELECT sl.id AS slot_id, s.title AS service_title, sl.starts_at, sl.ends_at, sl.capacity, sl.booked,
              sl.cancelled_at,
              (SELECT json_agg(json_build_object('orderId', o.id, 'number', o.number, 'quantity', l.quantity,
                                                 'status', o.status) ORDER BY o.number)
               FROM order_line l JOIN customer_order o ON o.id = l.order_id
               WHERE l.slot_id = sl.id AND l.booked) AS orders
       FROM service_slot sl JOIN service_offer s ON s.id = sl.service_offer_id
       WHERE s.organisation_id = $1 AND sl.starts_at >= $2 AND sl.starts_at < $3
       ORDER BY sl.starts_at, s.title`,
      [organisationId, from, to],
    );
    return rows.map((r) => ({
      slotId: r.slot_id,
      service: r.service_title,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      capacity: r.capacity,
      booked: r.booked,
      cancelled: r.cancelled_at !== null,
      orders: r.orders ?? [],
    }));
  }

  /**
   * What the family's receipt of an order prints: its lines, the vouchers (codes masked) and the card that
   * paid it, and the refunds. Only for orders that were paid (a pending or expired one has nothing to
   * show); another household's order is 404.
   */
  async receipt(ctx: RequestContext, orderId: string): Promise<OrderReceipt> {
    const view = await this.detailForFamily(ctx, orderId);
    if (view.status === 'pending_payment' || view.status === 'expired')
      throw new OrderTransitionError(
        'La ricevuta è disponibile quando l’ordine è pagato.',
        'The receipt is available once the order is paid.',
      );
    const [issuer]: (IssuerRow & { customer: string | null; comune: string })[] = await ctx.em.query(
      `SELECT ${ISSUER_COLUMNS}, c.name AS comune,
              (SELECT m.first_name || ' ' || m.last_name FROM household_member m
               WHERE m.household_id = h.id AND m.relation = 'self') AS customer
       FROM customer_order o
       JOIN organisation p ON p.id = o.provider_id
       JOIN household h ON h.id = o.household_id
       JOIN comune c ON c.id = h.comune_id
       LEFT JOIN ambito_settings s ON s.id = 1
       WHERE o.id = $1`,
      [view.id],
    );
    const vouchers: { masked_code: string; kind: Translated; amount: string }[] = await ctx.em.query(
      // Masked as on the shop's screen: the last four characters tell the family which voucher it was.
      `SELECT '****-****-' || right(v.code, 4) AS masked_code, k.name AS kind, ov.amount::text AS amount
       FROM order_voucher ov JOIN voucher v ON v.id = ov.voucher_id JOIN voucher_kind k ON k.id = v.kind_id
       WHERE ov.order_id = $1 AND ov.status IN ('captured', 'refunded') ORDER BY v.code`,
      [view.id],
    );
    const refunds: { created_at: Date; method: 'voucher' | 'card'; amount: string }[] = await ctx.em.query(
      `SELECT created_at, method, amount::text AS amount FROM order_refund WHERE order_id = $1
       ORDER BY created_at, method`,
      [view.id],
    );
    return {
      platformName: issuer.platform_name,
      ambitoName: issuer.ambito_name,
      provider: {
        name: issuer.provider_name,
        legalName: issuer.legal_name,
        address: issuer.address,
        fiscalCode: issuer.fiscal_code,
        vatNumber: issuer.vat_number,
      },
      number: view.number,
      status: view.status,
      createdAt: view.createdAt,
      paidAt: view.paidAt,
      customer: { name: issuer.customer ?? '', comune: issuer.comune },
      lines: view.lines.map((l) => ({
        title: l.title,
        priceModel: l.priceModel,
        startsAt: l.slot?.startsAt ?? null,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        lineTotal: l.lineTotal,
      })),
      total: view.total,
      vouchers: vouchers.map((v) => ({ maskedCode: v.masked_code, kind: v.kind, amount: Number(v.amount) })),
      cardAmount: view.cardAmount,
      refunds: refunds.map((r) => ({ at: r.created_at, method: r.method, amount: Number(r.amount) })),
    };
  }

  /**
   * What service vouchers paid the provider in a month of Rome's calendar, for the Comuni to reimburse:
   * every voucher share captured in the month (at the order's payment) and every voucher refund made in
   * the month (negative, from the ledger's refund transfers), with the Comune of each voucher. No
   * voucher codes: the provider never learns which family holds which voucher.
   */
  async voucherStatement(
    ctx: RequestContext,
    organisationId: string,
    month: string,
  ): Promise<ProviderVoucherStatement> {
    await this.requireMember(ctx, organisationId);
    if (!MONTH.test(month))
      throw new ValidationError([
        { field: 'month', message: { it: 'un mese nella forma AAAA-MM', en: 'a month as YYYY-MM' } },
      ]);
    const [issuer]: IssuerRow[] = await ctx.em.query(
      `SELECT ${ISSUER_COLUMNS} FROM organisation p LEFT JOIN ambito_settings s ON s.id = 1 WHERE p.id = $1`,
      [organisationId],
    );
    const bounds = monthBounds(2);
    const rows: {
      at: Date;
      kind: 'payment' | 'refund';
      number: string;
      services: string;
      comune_name: string;
      amount: string;
    }[] = await ctx.em.query(
      `WITH orders AS (
         SELECT o.id, o.number, o.paid_at,
                (SELECT string_agg(l.title, ', ' ORDER BY l.created_at, l.id) FROM order_line l
                 WHERE l.order_id = o.id) AS services
         FROM customer_order o WHERE o.provider_id = $1 AND o.paid_at < ${bounds.end}
       )
       SELECT o.paid_at AS at, 'payment' AS kind, o.number, o.services, c.name AS comune_name,
              ov.amount::text AS amount
       FROM orders o
       JOIN order_voucher ov ON ov.order_id = o.id AND ov.status IN ('captured', 'refunded')
       JOIN voucher v ON v.id = ov.voucher_id JOIN comune c ON c.id = v.comune_id
       WHERE o.paid_at >= ${bounds.start} AND o.paid_at < ${bounds.end}
       UNION ALL
       SELECT t.created_at, 'refund', o.number, o.services, c.name, (-t.amount)::text
       FROM orders o
       JOIN order_voucher ov ON ov.order_id = o.id AND ov.status = 'refunded'
       JOIN voucher v ON v.id = ov.voucher_id JOIN comune c ON c.id = v.comune_id
       JOIN ledger_transfer t ON t.idempotency_key = 'order-refund-voucher:' || o.id || ':' || ov.voucher_id
       WHERE t.created_at >= ${bounds.start} AND t.created_at < ${bounds.end}
       ORDER BY 1, 3, 2`,
      [organisationId, month],
    );
    const statementRows: VoucherStatementRow[] = rows.map((r) => ({
      at: r.at,
      kind: r.kind,
      orderNumber: r.number,
      services: r.services ?? '',
      comuneName: r.comune_name,
      amount: Number(r.amount),
    }));
    return {
      platformName: issuer.platform_name,
      ambitoName: issuer.ambito_name,
      provider: {
        name: issuer.provider_name,
        legalName: issuer.legal_name,
        address: issuer.address,
        fiscalCode: issuer.fiscal_code,
        vatNumber: issuer.vat_number,
      },
      month,
      rows: statementRows,
      ...summariseVoucherStatement(statementRows),
    };
  }

  /**
   * Cancelled or declined: voucher shares go back to their vouchers (reversing the capture), the card
   * share back to the card through a Stripe refund (its idempotency key makes a retry safe), places freed.
   */
  private async refundAndClose(
    ctx: RequestContext,
    order: CustomerOrder,
    status: 'cancelled' | 'declined',
    reason: string | null,
  ): Promise<void> {
    const provider = await this.checkouts.providerAccount(ctx, order.providerId);
    const captured: { voucher_id: string; account_id: string; amount: string }[] = await ctx.em.query(
      `SELECT ov.voucher_id, v.account_id, ov.amount::text AS amount
       FROM order_voucher ov JOIN voucher v ON v.id = ov.voucher_id
       WHERE ov.order_id = $1 AND ov.status = 'captured' ORDER BY ov.voucher_id`,
      [order.id],
    );
    const transfers: TransferRequest[] = captured.map((c) => ({
      debitAccountId: provider,
      creditAccountId: c.account_id,
      amount: cents(c.amount),
      kind: 'order_refund_voucher',
      idempotencyKey: `order-refund-voucher:${order.id}:${c.voucher_id}`,
      reference: `order:${order.id} voucher:${c.voucher_id}`,
    }));
    let refundedCard = 0;
    if (order.cardAmount > 0) {
      const checkout = await ctx.em.findOneByOrFail(Checkout, { id: order.checkoutId });
      const refund = await this.stripe.refund(ctx, {
        paymentIntentId: checkout.stripePaymentIntent ?? '',
        amount: order.cardAmount,
        orderId: order.id,
      });
      transfers.push({
        debitAccountId: provider,
        creditAccountId: await this.checkouts.cardClearing(ctx),
        amount: order.cardAmount,
        kind: 'order_refund_card',
        idempotencyKey: `order-refund-card:${order.id}`,
        reference: `order:${order.id} refund:${refund.id}`,
      });
      await ctx.em.query(
        `INSERT INTO order_refund (order_id, method, amount, stripe_refund_id) VALUES ($1, 'card', $2, $3)
         ON CONFLICT (stripe_refund_id) DO NOTHING`,
        [order.id, order.cardAmount, refund.id],
      );
      refundedCard = order.cardAmount;
    }
    if (transfers.length) await this.ledger.transferMany(ctx, transfers);
    const refundedVoucher = captured.reduce((s, c) => s + Number(c.amount), 0);
    if (captured.length) {
      await ctx.em.query(`INSERT INTO order_refund (order_id, method, amount) VALUES ($1, 'voucher', $2)`, [
        order.id,
        refundedVoucher,
      ]);
      await ctx.em.query(
        `UPDATE order_voucher SET status = 'refunded', updated_at = now() WHERE order_id = $1 AND status = 'captured'`,
        [order.id],
      );
      await this.checkouts.markActiveAgain(
        ctx,
        captured.map((c) => c.voucher_id),
      );
    }
    await this.checkouts.freePlaces(ctx, order.id);
    await ctx.em.update(
      CustomerOrder,
      { id: order.id },
      {
        status,
        reason: reason?.trim() || null,
        refundedVoucher: cents(refundedVoucher),
        refundedCard: cents(refundedCard),
        closedAt: () => 'now()',
      },
    );
    order.status = status;
  }

  private async lock(
    ctx: RequestContext,
    orderId: string,
    owner: { householdId?: string; providerId?: string },
  ): Promise<CustomerOrder> {
    const [row]: { id: string }[] = await ctx.em.query(
      `SELECT id FROM customer_order
       WHERE id = $1 AND ($2::uuid IS NULL OR household_id = $2) AND ($3::uuid IS NULL OR provider_id = $3)
       FOR UPDATE`,
      [orderId, owner.householdId ?? null, owner.providerId ?? null],
    );
    if (!row) throw new NotFoundError(ORDER_NOT_FOUND);
    return ctx.em.findOneByOrFail(CustomerOrder, { id: row.id });
  }

  /** A provider sees only its organisations' orders: any other organisation is 404. */
  private async requireMember(ctx: RequestContext, organisationId: string): Promise<void> {
    const [row]: unknown[] = ctx.actor
      ? await ctx.em.query(`SELECT 1 FROM organisation_member WHERE organisation_id = $1 AND user_id = $2`, [
          organisationId,
          ctx.actor.userId,
        ])
      : [];
    if (!row) throw new NotFoundError({ it: "L'organizzazione", en: 'The organisation' });
  }

  private async views(
    ctx: RequestContext,
    ids: string[],
    forProvider: boolean,
    owner: { householdId?: string; providerId?: string } = {},
  ): Promise<OrderView[]> {
    if (ids.length === 0) return [];
    const rows: {
      id: string;
      number: string;
      status: OrderStatus;
      provider_id: string;
      provider_name: string;
      provider_slug: string;
      total: string;
      voucher_amount: string;
      card_amount: string;
      refunded_voucher: string;
      refunded_card: string;
      cancel_before: Date | null;
      can_cancel: boolean;
      reason: string | null;
      created_at: Date;
      paid_at: Date | null;
      confirmed_at: Date | null;
      fulfilled_at: Date | null;
      closed_at: Date | null;
      household_id: string;
      household_name: string | null;
      comune: string;
      lines: OrderView['lines'] | null;
      vouchers: OrderView['vouchers'] | null;
    }[] = await ctx.em.query(
      `SELECT o.id, o.number, o.status, p.id AS provider_id, p.name AS provider_name, p.slug AS provider_slug,
              o.total::text AS total, o.voucher_amount::text AS voucher_amount, o.card_amount::text AS card_amount,
              o.refunded_voucher::text AS refunded_voucher, o.refunded_card::text AS refunded_card,
              o.cancel_before, o.reason, o.created_at, o.paid_at, o.confirmed_at, o.fulfilled_at, o.closed_at,
              (o.status = 'paid' AND o.cancel_before IS NULL)
                OR (o.status IN ('paid', 'confirmed') AND now() < o.cancel_before) AS can_cancel,
              h.id AS household_id, c.name AS comune,
              (SELECT m.first_name || ' ' || m.last_name FROM household_member m
               WHERE m.household_id = h.id AND m.relation = 'self') AS household_name,
              (SELECT json_agg(json_build_object(
                  'id', l.id, 'serviceId', l.service_offer_id, 'title', l.title, 'priceModel', l.price_model,
                  'quantity', l.quantity, 'unitPrice', l.unit_price, 'lineTotal', l.line_total,
                  'slot', CASE WHEN sl.id IS NULL THEN NULL ELSE
                    json_build_object('id', sl.id, 'startsAt', sl.starts_at, 'endsAt', sl.ends_at) END)
                ORDER BY l.created_at, l.id)
               FROM order_line l LEFT JOIN service_slot sl ON sl.id = l.slot_id WHERE l.order_id = o.id) AS lines,
              (SELECT json_agg(json_build_object('voucherId', v.id, 'code', v.code, 'kind', k.name,
                                                 'amount', ov.amount, 'status', ov.status) ORDER BY v.code)
               FROM order_voucher ov JOIN voucher v ON v.id = ov.voucher_id JOIN voucher_kind k ON k.id = v.kind_id
               WHERE ov.order_id = o.id) AS vouchers
       FROM customer_order o
       JOIN organisation p ON p.id = o.provider_id
       JOIN household h ON h.id = o.household_id
       JOIN comune c ON c.id = h.comune_id
       WHERE o.id = ANY ($1::uuid[])
         AND ($2::uuid IS NULL OR o.household_id = $2) AND ($3::uuid IS NULL OR o.provider_id = $3)
       ORDER BY o.created_at DESC, o.number DESC`,
      [ids, owner.householdId ?? null, owner.providerId ?? null],
    );
    return rows.map((r) => ({
      id: r.id,
      number: r.number,
      status: r.status,
      provider: { id: r.provider_id, name: r.provider_name, slug: r.provider_slug },
      total: cents(r.total),
      voucherAmount: cents(r.voucher_amount),
      cardAmount: cents(r.card_amount),
      refundedVoucher: cents(r.refunded_voucher),
      refundedCard: cents(r.refunded_card),
      cancelBefore: r.cancel_before,
      canCancel: r.can_cancel,
      reason: r.reason,
      createdAt: r.created_at,
      paidAt: r.paid_at,
      confirmedAt: r.confirmed_at,
      fulfilledAt: r.fulfilled_at,
      closedAt: r.closed_at,
      lines: (r.lines ?? []).map((l) => ({
        ...l,
        unitPrice: cents(l.unitPrice),
        lineTotal: cents(l.lineTotal),
        slot: l.slot && { ...l.slot, startsAt: new Date(l.slot.startsAt), endsAt: new Date(l.slot.endsAt) },
      })),
      // The provider sees what vouchers paid, not which codes (nothing that identifies a welfare recipient).
      vouchers: forProvider ? [] : (r.vouchers ?? []).map((v) => ({ ...v, amount: cents(v.amount) })),
      ...(forProvider && {
        household: { id: r.household_id, name: r.household_name ?? '', comune: r.comune },
      }),
    }));
  }
}

function requireReason(reason: string): void {
  if (!reason?.trim())
    throw new ValidationError([
      {
        field: 'reason',
        message: {
          it: 'Indica il motivo: la famiglia lo leggerà.',
          en: 'Give the reason: the family will read it.',
        },
      },
    ]);
}
