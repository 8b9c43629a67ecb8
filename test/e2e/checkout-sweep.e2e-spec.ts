import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { CheckoutService } from '@piazza/commerce';
import { COMMERCE_JOBS, QUEUES, RequestContext, TransactionRunner } from '@piazza/core';
import { LedgerVerifier } from '@piazza/ledger';
import { Queue, QueueEvents } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { givenDemoAmbito } from '../support/demo-ambito';
import { HttpClient } from '../support/http-client';
import { StripeStandIn } from '../support/stripe-stand-in';
import { useTestApi } from '../support/test-api';
import { givenFund, givenVouchers, householdOf } from '../support/vouchers';

const WEBHOOK_SECRET = 'whsec_piazza_sweep_0123456789';
const FAMILY = 'famiglia@demo.piazza.example';
const VOUCHER_SHARE = 1500;

/**
 * Checkouts whose Stripe webhook never came: the worker's scheduled sweep settles those still pending an
 * hour after their card payment page closed, by what Stripe says of each session.
 */
describe('Sweep of checkouts left pending', () => {
  let standIn: StripeStandIn;
  const overrides: Record<string, string> = {
    STRIPE_SECRET_KEY: 'sk_test_piazza_sweep',
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
  };
  beforeAll(async () => {
    standIn = await StripeStandIn.start();
    overrides['STRIPE_API_BASE'] = standIn.url;
  });
  const api = useTestApi(overrides);
  afterAll(() => standIn?.close());

  const db = () => api.app.get(DataSource);
  let family: HttpClient;
  let voucher: { id: string; accountId: string };
  let service: string;

  beforeAll(async () => {
    await givenDemoAmbito(api.app);
    const [kind] = await db().query(`SELECT id FROM voucher_kind WHERE slug = 'voucher-servizi'`);
    const fund = await givenFund(api.app, { amount: 100_000 });
    [voucher] = await givenVouchers(api.app, {
      householdId: await householdOf(api.app, FAMILY),
      fundId: fund.id,
      kindId: kind.id,
      amounts: [50_000],
      validUntil: new Date(Date.now() + 30 * 86_400_000),
    });
    family = await HttpClient.signedIn(api.app, FAMILY);
    [{ id: service }] = await db().query(
      `SELECT id FROM service_offer WHERE slug = 'sostegno-psicologico-individuale'`,
    );
  });

  const balance = async () =>
    Number(
      (await db().query(`SELECT balance FROM ledger_account WHERE id = $1`, [voucher.accountId]))[0].balance,
    );
  const booked = async (slotId: string) =>
    (await db().query(`SELECT booked FROM service_slot WHERE id = $1`, [slotId]))[0].booked as number;
  /** A checkout paying 15 € by voucher and the rest by card, whose payment page closed `minutesAgo` ago. */
  const pendingCheckout = async (minutesAgo: number) => {
    const [{ id: slotId }] = await db().query(
      `SELECT id FROM service_slot WHERE service_offer_id = $1 AND starts_at > now() + interval '2 days'
         AND cancelled_at IS NULL AND booked < capacity AND NOT EXISTS (SELECT 1 FROM order_line l WHERE l.slot_id = service_slot.id)
       ORDER BY starts_at LIMIT 1`,
      [service],
    );
    await family.delete('/api/cart');
    await family.post('/api/cart/lines', { serviceId: service, slotId, quantity: 1 });
    const res = await family.post(
      '/api/checkout',
      { vouchers: [{ voucherId: voucher.id, amount: VOUCHER_SHARE }] },
      { headers: { 'idempotency-key': randomUUID() } },
    );
    expect(res.body.status).toBe('pending_payment');
    const [[row]] = await db().query(
      `UPDATE checkout SET expires_at = now() - make_interval(mins => $2) WHERE id = $1 RETURNING stripe_session_id`,
      [res.body.checkoutId, minutesAgo],
    );
    return {
      id: res.body.checkoutId as string,
      orderId: res.body.orders[0].id as string,
      sessionId: row.stripe_session_id as string,
      slotId: slotId as string,
    };
  };
  const orderStatus = async (orderId: string) => (await family.get(`/api/orders/${orderId}`)).body.status;

  it('in the worker: releases an expired session, captures a paid one whose webhook was lost, leaves the rest', async () => {
    const balanceBefore = await balance();
    // Stripe expired this session, but its webhook never arrived.
    const abandoned = await pendingCheckout(90);
    standIn.expire(abandoned.sessionId);
    const bookedBefore = await booked(abandoned.slotId);
    // The family paid on Stripe's page; the webhook was lost.
    const paidLate = await pendingCheckout(120);
    standIn.complete(paidLate.sessionId);
    // The page closed half an hour ago: the webhook may still come.
    const recent = await pendingCheckout(30);
    standIn.expire(recent.sessionId);
    // Stripe still shows this one open (a clock out of step): nothing is decided for it.
    const open = await pendingCheckout(180);
    expect(await balance()).toBe(balanceBefore - 4 * VOUCHER_SHARE);

    const worker = await Test.createTestingModule({
      imports: [WorkerModule.forRoot(api.env.config)],
    }).compile();
    const context: INestApplicationContext = await worker.init();
    const connection = { url: api.env.config.REDIS_URL };
    const queue = new Queue(QUEUES.commerce, { connection, prefix: api.env.config.REDIS_PREFIX });
    const events = new QueueEvents(QUEUES.commerce, { connection, prefix: api.env.config.REDIS_PREFIX });
    try {
      await events.waitUntilReady();
      // The worker registered the sweep's schedule.
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers).toContainEqual(
        expect.objectContaining({ key: COMMERCE_JOBS.expireCheckouts, pattern: '*/15 * * * *' }),
      );
      const job = await queue.add(COMMERCE_JOBS.expireCheckouts, {});
      const result = await job.waitUntilFinished(events, 20_000);
      // (A scheduled run in the same instant could have settled some of them first.)
      expect(result.expired + result.captured).toBeLessThanOrEqual(2);
    } finally {
      await events.close();
      await queue.close();
      await context.close();
    }

    expect(await orderStatus(abandoned.orderId)).toBe('expired');
    expect(await booked(abandoned.slotId)).toBe(bookedBefore - 1);
    expect(await orderStatus(paidLate.orderId)).toBe('paid');
    const [{ n: cardPayments }] = await db().query(
      `SELECT count(*)::int AS n FROM ledger_transfer WHERE kind = 'card_payment' AND reference = $1`,
      [`order:${paidLate.orderId}`],
    );
    expect(cardPayments).toBe(1);
    expect(await orderStatus(recent.orderId)).toBe('pending_payment');
    expect(await orderStatus(open.orderId)).toBe('pending_payment');
    // Only the abandoned checkout's share came back to the voucher.
    expect(await balance()).toBe(balanceBefore - 3 * VOUCHER_SHARE);

    // The webhooks arrive after all: they change nothing.
    for (const event of [standIn.expire(abandoned.sessionId), standIn.complete(paidLate.sessionId)]) {
      const { body, headers } = standIn.signedWebhook(event, WEBHOOK_SECRET);
      const res = await api.app.inject({
        method: 'POST',
        url: '/api/stripe/webhook',
        payload: body,
        headers,
      });
      expect(res.statusCode).toBe(200);
    }
    expect(await orderStatus(abandoned.orderId)).toBe('expired');
    expect(await orderStatus(paidLate.orderId)).toBe('paid');
    expect(await balance()).toBe(balanceBefore - 3 * VOUCHER_SHARE);
    expect((await api.app.get(LedgerVerifier).verify(db().manager)).ok).toBe(true);

    // Close the two left open, for the next test.
    for (const left of [recent, open]) {
      const { body, headers } = standIn.signedWebhook(standIn.expire(left.sessionId), WEBHOOK_SECRET);
      await api.app.inject({ method: 'POST', url: '/api/stripe/webhook', payload: body, headers });
    }
  });

  it('skips a checkout another transaction holds (a webhook in progress), and takes it on the next run', async () => {
    const held = await pendingCheckout(90);
    standIn.expire(held.sessionId);
    const ctx = RequestContext.system(db().manager, 'test-sweep');
    const runner = db().createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query(`SELECT id FROM checkout WHERE id = $1 FOR UPDATE`, [held.id]);
      const first = await api.app
        .get(TransactionRunner)
        .run(ctx, (c) => api.app.get(CheckoutService).expireStale(c));
      expect(first).toEqual({ expired: 0, captured: 0, waiting: 0 });
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    const second = await api.app
      .get(TransactionRunner)
      .run(ctx, (c) => api.app.get(CheckoutService).expireStale(c));
    expect(second).toEqual({ expired: 1, captured: 0, waiting: 0 });
    expect(await orderStatus(held.orderId)).toBe('expired');
    // Once settled, a run finds nothing to do.
    const third = await api.app
      .get(TransactionRunner)
      .run(ctx, (c) => api.app.get(CheckoutService).expireStale(c));
    expect(third).toEqual({ expired: 0, captured: 0, waiting: 0 });
  });
});
