import { Inject, Injectable } from '@nestjs/common';
import {
  formatCents,
  NOTIFICATION_JOBS,
  type NoticeJob,
  type OutboxEntry,
  OutboxService,
  publicUrl,
  QUEUES,
  type RequestContext,
  APP_CONFIG,
  type AppConfig,
} from '@piazza/core';
import type { CustomerOrder, OrderStatus } from '../entities/customer-order.entity';

/**
 * Tells the family (e-mail and in-app notice) and the provider (notice) what happened to an order, through
 * the outbox: written in the same transaction as the change, sent by the worker.
 */
@Injectable()
export class OrderEvents {
  constructor(
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async changed(
    ctx: RequestContext,
    order: CustomerOrder,
    status: OrderStatus,
    options: { reason?: string | null; byFamily?: boolean } = {},
  ): Promise<void> {
    const [info]: { provider: string; email: string | null; ambito: string; services: string }[] =
      await ctx.em.query(
        `SELECT o.name AS provider, u.email, s.name AS ambito,
              (SELECT string_agg(l.title, ', ' ORDER BY l.created_at) FROM order_line l WHERE l.order_id = $1) AS services
       FROM customer_order co
       JOIN organisation o ON o.id = co.provider_id
       JOIN household h ON h.id = co.household_id
       LEFT JOIN user_account u ON u.id = h.owner_user_id
       CROSS JOIN ambito_settings s
       WHERE co.id = $1`,
        [order.id],
      );
    const reason = options.reason ?? '';
    const family: NoticeJob = {
      householdId: order.householdId,
      template: 'order_update',
      params: { number: order.number, provider: info.provider, status, reason },
      link: `/ordini/${order.id}`,
      dedupeKey: `order:${order.id}:${status}`,
    };
    const entries: OutboxEntry[] = [
      { queue: QUEUES.notifications, name: NOTIFICATION_JOBS.notice, payload: { ...family } },
    ];
    if (info.email)
      entries.push({
        queue: QUEUES.notifications,
        name: NOTIFICATION_JOBS.email,
        payload: {
          to: info.email,
          template: 'order-update',
          params: {
            number: order.number,
            provider: info.provider,
            status,
            total: formatCents(order.total, 'it'),
            link: `${publicUrl(this.config)}/ordini/${order.id}`,
            ambito: info.ambito,
            reason,
          },
        },
      });
    const members: { user_id: string }[] = await ctx.em.query(
      `SELECT user_id FROM organisation_member WHERE organisation_id = $1`,
      [order.providerId],
    );
    const providerTemplate =
      status === 'paid'
        ? 'order_received'
        : status === 'cancelled' && options.byFamily
          ? 'order_cancelled_by_family'
          : null;
    if (providerTemplate && members.length) {
      const notice: NoticeJob = {
        userIds: members.map((m) => m.user_id),
        template: providerTemplate,
        params: {
          number: order.number,
          total: formatCents(order.total, 'it'),
          totalEn: formatCents(order.total, 'en'),
          services: info.services ?? '',
        },
        link: `/ente/ordini/${order.id}`,
        dedupeKey: `provider-order:${order.id}:${status}`,
      };
      entries.push({ queue: QUEUES.notifications, name: NOTIFICATION_JOBS.notice, payload: { ...notice } });
    }
    await this.outbox.enqueue(ctx.em, ...entries);
  }
}
