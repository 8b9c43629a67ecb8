import { Injectable } from '@nestjs/common';
import { type Cents, cents, NotFoundError, type RequestContext, ValidationError } from '@piazza/core';
import { IsNull } from 'typeorm';
import { CartLine } from '../entities/cart-line.entity';
import { Cart } from '../entities/cart.entity';
import { NotAHouseholdError, ServiceUnavailableForSaleError } from '../errors';

export interface CartLineView {
  id: string;
  service: {
    id: string;
    slug: string;
    title: string;
    provider: { id: string; name: string; slug: string };
    priceModel: string;
    voucherPayable: boolean;
  };
  slot: { id: string; startsAt: Date; endsAt: Date; free: number } | null;
  quantity: number;
  unitPrice: Cents;
  currentUnitPrice: Cents;
  priceChanged: boolean;
  lineTotal: Cents;
  available: boolean;
}

export interface CartView {
  lines: CartLineView[];
  total: Cents;
  providers: number;
}

interface LineRow {
  id: string;
  service_id: string;
  slug: string;
  title: string;
  provider_id: string;
  provider_name: string;
  provider_slug: string;
  price_model: string;
  voucher_payable: boolean;
  current_price: string | null;
  slot_id: string | null;
  starts_at: Date | null;
  ends_at: Date | null;
  free: number | null;
  quantity: number;
  unit_price: string;
  available: boolean;
}

/** The lines of a cart with what they cost now and whether they can still be bought. */
const CART_LINES_SQL = `
  SELECT l.id, s.id AS service_id, s.slug, s.title, o.id AS provider_id, o.name AS provider_name,
         o.slug AS provider_slug, s.price_model, s.voucher_payable,
         coalesce(s.price_cents, 0)::text AS current_price,
         l.slot_id, sl.starts_at, sl.ends_at, (sl.capacity - sl.booked) AS free,
         l.quantity, l.unit_price::text AS unit_price,
         (s.status = 'published' AND o.accreditation_status = 'accredited'
           AND (l.slot_id IS NULL OR (sl.cancelled_at IS NULL AND sl.starts_at > now()))) AS available
  FROM cart c
  JOIN cart_line l ON l.cart_id = c.id
  JOIN service_offer s ON s.id = l.service_offer_id
  JOIN organisation o ON o.id = s.organisation_id
  LEFT JOIN service_slot sl ON sl.id = l.slot_id
  WHERE c.household_id = $1
  ORDER BY o.name, l.created_at, l.id`;

const SERVICE_NOT_FOUND = { it: 'Il servizio', en: 'The service' };

/** The household's cart, on the server: lines with a price snapshot, re-checked at checkout. */
@Injectable()
export class CartService {
  /** The household the actor manages (the buyer). */
  async householdOf(ctx: RequestContext): Promise<string> {
    const [row]: { id: string }[] = ctx.actor
      ? await ctx.em.query(`SELECT id FROM household WHERE owner_user_id = $1`, [ctx.actor.userId])
      : [];
    if (!row) throw new NotAHouseholdError();
    return row.id;
  }

  async view(ctx: RequestContext): Promise<CartView> {
    const householdId = await this.householdOf(ctx);
    const rows: LineRow[] = await ctx.em.query(CART_LINES_SQL, [householdId]);
    const lines = rows.map(toLineView);
    return {
      lines,
      total: cents(lines.reduce((sum, l) => sum + l.lineTotal, 0)),
      providers: new Set(lines.map((l) => l.service.provider.id)).size,
    };
  }

  async addLine(
    ctx: RequestContext,
    input: { serviceId: string; slotId?: string | null; quantity: number },
  ): Promise<CartView> {
    const householdId = await this.householdOf(ctx);
    const [service]: {
      title: string;
      price_model: string;
      price: string;
      sellable: boolean;
      slot_ok: boolean | null;
      has_slots: boolean;
    }[] = await ctx.em.query(
      `SELECT s.title, s.price_model, coalesce(s.price_cents, 0)::text AS price,
              (s.status = 'published' AND o.accreditation_status = 'accredited') AS sellable,
              (SELECT sl.cancelled_at IS NULL AND sl.starts_at > now() FROM service_slot sl
               WHERE sl.id = $2 AND sl.service_offer_id = s.id) AS slot_ok,
              EXISTS (SELECT 1 FROM service_slot sl WHERE sl.service_offer_id = s.id
                      AND sl.cancelled_at IS NULL AND sl.starts_at > now()) AS has_slots
       FROM service_offer s JOIN organisation o ON o.id = s.organisation_id
       WHERE s.id = $1 AND s.status = 'published'`,
      [input.serviceId, input.slotId ?? null],
    );
    if (!service) throw new NotFoundError(SERVICE_NOT_FOUND);
    if (!service.sellable) throw new ServiceUnavailableForSaleError(service.title);
    if (input.slotId && !service.slot_ok)
      throw invalid('slotId', 'Questa data non è disponibile.', 'This date is not available.');
    if (!input.slotId && service.has_slots)
      throw invalid('slotId', 'Scegli una data tra quelle proposte.', 'Choose one of the dates offered.');
    if (service.price_model === 'fixed' && !input.slotId && input.quantity !== 1)
      throw invalid(
        'quantity',
        'Questo servizio ha un prezzo unico: quantità 1.',
        'This service has one price: quantity 1.',
      );

    const cart = await this.cartOf(ctx, householdId);
    const existing = await ctx.em.findOneBy(CartLine, {
      cartId: cart.id,
      serviceOfferId: input.serviceId,
      slotId: input.slotId ? input.slotId : IsNull(),
    });
    if (existing) {
      existing.quantity = Math.min(100, existing.quantity + input.quantity);
      existing.unitPrice = cents(service.price);
      await ctx.em.save(existing);
    } else {
      await ctx.em.insert(CartLine, {
        cartId: cart.id,
        serviceOfferId: input.serviceId,
        slotId: input.slotId ?? null,
        quantity: input.quantity,
        unitPrice: cents(service.price),
        priceModel: service.price_model,
      });
    }
    await ctx.em.update(Cart, { id: cart.id }, { updatedAt: () => 'now()' });
    return this.view(ctx);
  }

  async updateLine(ctx: RequestContext, lineId: string, quantity: number): Promise<CartView> {
    const line = await this.ownLine(ctx, lineId);
    line.quantity = quantity;
    await ctx.em.save(line);
    return this.view(ctx);
  }

  async removeLine(ctx: RequestContext, lineId: string): Promise<CartView> {
    const line = await this.ownLine(ctx, lineId);
    await ctx.em.delete(CartLine, { id: line.id });
    return this.view(ctx);
  }

  async clear(ctx: RequestContext): Promise<CartView> {
    const householdId = await this.householdOf(ctx);
    await ctx.em.query(
      `DELETE FROM cart_line WHERE cart_id = (SELECT id FROM cart WHERE household_id = $1)`,
      [householdId],
    );
    return this.view(ctx);
  }

  /** Takes the current prices into the cart (after a checkout refused for changed prices). */
  async refreshPrices(ctx: RequestContext): Promise<void> {
    const householdId = await this.householdOf(ctx);
    await ctx.em.query(
      `UPDATE cart_line l SET unit_price = coalesce(s.price_cents, 0), updated_at = now()
       FROM cart c, service_offer s
       WHERE c.id = l.cart_id AND c.household_id = $1 AND s.id = l.service_offer_id
         AND l.unit_price <> coalesce(s.price_cents, 0)`,
      [householdId],
    );
  }

  private async cartOf(ctx: RequestContext, householdId: string): Promise<Cart> {
    await ctx.em.query(`INSERT INTO cart (household_id) VALUES ($1) ON CONFLICT (household_id) DO NOTHING`, [
      householdId,
    ]);
    return ctx.em.findOneByOrFail(Cart, { householdId });
  }

  private async ownLine(ctx: RequestContext, lineId: string): Promise<CartLine> {
    const householdId = await this.householdOf(ctx);
    const [row]: { id: string }[] = await ctx.em.query(
      `SELECT l.id FROM cart_line l JOIN cart c ON c.id = l.cart_id WHERE l.id = $1 AND c.household_id = $2`,
      [lineId, householdId],
    );
    if (!row) throw new NotFoundError({ it: 'La riga del carrello', en: 'The cart line' });
    return ctx.em.findOneByOrFail(CartLine, { id: row.id });
  }
}

function toLineView(r: LineRow): CartLineView {
  const unitPrice = cents(r.unit_price);
  const current = cents(r.current_price ?? '0');
  return {
    id: r.id,
    service: {
      id: r.service_id,
      slug: r.slug,
      title: r.title,
      provider: { id: r.provider_id, name: r.provider_name, slug: r.provider_slug },
      priceModel: r.price_model,
      voucherPayable: r.voucher_payable,
    },
    slot: r.slot_id ? { id: r.slot_id, startsAt: r.starts_at!, endsAt: r.ends_at!, free: r.free ?? 0 } : null,
    quantity: r.quantity,
    unitPrice,
    currentUnitPrice: current,
    priceChanged: unitPrice !== current,
    lineTotal: cents(current * r.quantity),
    available: r.available,
  };
}

function invalid(field: string, it: string, en: string): ValidationError {
  return new ValidationError([{ field, message: { it, en } }]);
}
