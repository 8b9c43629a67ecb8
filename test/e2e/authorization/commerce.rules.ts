import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { RuleSet } from './rule';

const key = { 'idempotency-key': 'authorization-matrix' };
const nobody = '00000000-0000-4000-8000-000000000000';

/**
 * Cart, checkout and orders, and Stripe's webhook. The family's routes are for citizens, on their own
 * household only (another household's order is 404); a provider's routes are for members of the
 * organisation (the fixture's organisation has none of the callers: 404 for the provider). The webhook
 * is public and needs no XSRF token, but without Stripe's signature it is refused alike for everyone
 * (this matrix configures no Stripe secret): test/e2e/stripe-webhook.e2e-spec.ts covers signed events.
 */
export const ruleSet: RuleSet = {
  setup: async (app, fixture) => {
    const db = app.get(DataSource);
    const [household] = await db.query(
      `SELECT h.id FROM household h JOIN user_account u ON u.id = h.owner_user_id
       WHERE u.email = 'famiglia@demo.piazza.example'`,
    );
    const [checkout] = await db.query(
      `INSERT INTO checkout (household_id, idempotency_key, request_hash, status, total, voucher_total, card_total)
       VALUES ($1, $2, 'x', 'paid', 0, 0, 0) RETURNING id`,
      [household.id, `matrix:${randomUUID()}`],
    );
    const [order] = await db.query(
      `INSERT INTO customer_order (number, checkout_id, household_id, provider_id, status, total, voucher_amount,
         card_amount, paid_at)
       VALUES ('PZ-MATRIX-1', $1, $2, $3, 'paid', 0, 0, 0, now()) RETURNING id`,
      [checkout.id, household.id, fixture.orgId],
    );
    fixture.ownOrder = order.id;
    fixture.ownCheckout = checkout.id;
  },
  rules: {
    'POST /api/stripe/webhook': {
      request: () => ({
        path: '/api/stripe/webhook',
        body: { id: 'evt_made_up', object: 'event', type: 'checkout.session.completed' },
      }),
      expect: { all: 400 },
    },
    'GET /api/cart': {
      request: () => ({ path: '/api/cart' }),
      expect: { anonymous: 401, signedIn: 403, citizenA: 200, citizenB: 200 },
    },
    'DELETE /api/cart': {
      request: () => ({ path: '/api/cart' }),
      expect: { anonymous: 401, signedIn: 403, citizenA: 200, citizenB: 200 },
    },
    'POST /api/cart/lines': {
      request: () => ({ path: '/api/cart/lines', body: { serviceId: nobody, quantity: 1 } }),
      expect: { anonymous: 401, signedIn: 403, citizenA: 404, citizenB: 404 },
    },
    'PATCH /api/cart/lines/{id}': {
      request: () => ({ path: `/api/cart/lines/${nobody}`, body: { quantity: 2 } }),
      expect: { anonymous: 401, signedIn: 403, citizenA: 404, citizenB: 404 },
    },
    'DELETE /api/cart/lines/{id}': {
      request: () => ({ path: `/api/cart/lines/${nobody}` }),
      expect: { anonymous: 401, signedIn: 403, citizenA: 404, citizenB: 404 },
    },
    'GET /api/checkout/preview': {
      request: () => ({ path: '/api/checkout/preview' }),
      expect: { anonymous: 401, signedIn: 403, citizenA: 200, citizenB: 200 },
    },
    'POST /api/checkout': {
      request: () => ({ path: '/api/checkout', body: {}, headers: key }),
      // The carts are empty: the guard let the call through.
      expect: { anonymous: 401, signedIn: 403, citizenA: 409, citizenB: 409 },
    },
    'GET /api/checkout/{id}': {
      request: (f) => ({ path: `/api/checkout/${f.ownCheckout}` }),
      expect: { anonymous: 401, signedIn: 403, citizenA: 200, citizenB: 404 },
    },
    'GET /api/orders': {
      request: () => ({ path: '/api/orders' }),
      expect: { anonymous: 401, signedIn: 403, citizenA: 200, citizenB: 200 },
    },
    'GET /api/orders/{id}': {
      request: (f) => ({ path: `/api/orders/${f.ownOrder}` }),
      expect: { anonymous: 401, signedIn: 403, citizenA: 200, citizenB: 404 },
    },
    'GET /api/orders/{id}/receipt.pdf': {
      request: (f) => ({ path: `/api/orders/${f.ownOrder}/receipt.pdf` }),
      expect: { anonymous: 401, signedIn: 403, citizenA: 200, citizenB: 404 },
    },
    'POST /api/orders/{id}/cancel': {
      request: (f) => ({ path: `/api/orders/${f.ownOrder}/cancel`, body: {}, headers: key }),
      expect: { anonymous: 401, signedIn: 403, citizenA: 200, citizenB: 404 },
      // It closes the order the other rules read: after them, but before the logouts (last 1 and 2).
      last: 0.5,
    },
    'GET /api/provider/organisations/{orgId}/orders': {
      request: (f) => ({ path: `/api/provider/organisations/${f.orgId}/orders` }),
      expect: { anonymous: 401, signedIn: 403, otherProvider: 404 },
    },
    'GET /api/provider/organisations/{orgId}/orders/{id}': {
      request: (f) => ({ path: `/api/provider/organisations/${f.orgId}/orders/${f.ownOrder}` }),
      expect: { anonymous: 401, signedIn: 403, otherProvider: 404 },
    },
    'POST /api/provider/organisations/{orgId}/orders/{id}/confirm': {
      request: (f) => ({ path: `/api/provider/organisations/${f.orgId}/orders/${f.ownOrder}/confirm` }),
      expect: { anonymous: 401, signedIn: 403, otherProvider: 404 },
    },
    'POST /api/provider/organisations/{orgId}/orders/{id}/decline': {
      request: (f) => ({
        path: `/api/provider/organisations/${f.orgId}/orders/${f.ownOrder}/decline`,
        body: { reason: 'matrice' },
        headers: key,
      }),
      expect: { anonymous: 401, signedIn: 403, otherProvider: 404 },
    },
    'POST /api/provider/organisations/{orgId}/orders/{id}/fulfil': {
      request: (f) => ({ path: `/api/provider/organisations/${f.orgId}/orders/${f.ownOrder}/fulfil` }),
      expect: { anonymous: 401, signedIn: 403, otherProvider: 404 },
    },
    'POST /api/provider/organisations/{orgId}/orders/{id}/cancel': {
      request: (f) => ({
        path: `/api/provider/organisations/${f.orgId}/orders/${f.ownOrder}/cancel`,
        body: { reason: 'matrice' },
        headers: key,
      }),
      expect: { anonymous: 401, signedIn: 403, otherProvider: 404 },
    },
    'GET /api/provider/organisations/{orgId}/voucher-statements/{month}.csv': {
      request: (f) => ({ path: `/api/provider/organisations/${f.orgId}/voucher-statements/2026-01.csv` }),
      expect: { anonymous: 401, signedIn: 403, otherProvider: 404 },
    },
    'GET /api/provider/organisations/{orgId}/voucher-statements/{month}.pdf': {
      request: (f) => ({ path: `/api/provider/organisations/${f.orgId}/voucher-statements/2026-01.pdf` }),
      expect: { anonymous: 401, signedIn: 403, otherProvider: 404 },
    },
    'GET /api/provider/organisations/{orgId}/bookings': {
      request: (f) => ({
        path: `/api/provider/organisations/${f.orgId}/bookings?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z`,
      }),
      expect: { anonymous: 401, signedIn: 403, otherProvider: 404 },
    },
  },
};
