import { Injectable } from '@nestjs/common';
import {
  NotFoundError,
  type NoticeJob,
  type RequestContext,
  type Translated,
  updateReturning,
} from '@piazza/core';
import type { EntityManager } from 'typeorm';
import { NOTICE_TEMPLATES, renderNotice } from '../templates/notice-templates';

export interface NoticeView {
  id: string;
  template: string;
  title: Translated;
  body: Translated;
  link: string | null;
  createdAt: Date;
  readAt: Date | null;
}

export class UnknownNoticeTemplateError extends Error {}

/** The in-app inbox: notices written by the worker, read by their recipients. */
@Injectable()
export class NoticeService {
  /**
   * Writes a notice for each recipient (the users named, or the account that manages the household).
   * A job run twice writes nothing twice (unique per user and dedupe key). Returns how many were new.
   */
  async deliver(em: EntityManager, job: NoticeJob): Promise<number> {
    if (!NOTICE_TEMPLATES[job.template])
      throw new UnknownNoticeTemplateError(`Unknown notice "${job.template}"`);
    const rows: unknown[] = await em.query(
      `INSERT INTO notice (user_id, template, params, link, dedupe_key)
       SELECT u.id, $3, $4, $5, $6
       FROM user_account u
       WHERE u.id = ANY ($1::uuid[]) OR u.id = (SELECT owner_user_id FROM household WHERE id = $2::uuid)
       ON CONFLICT (user_id, dedupe_key) DO NOTHING
       RETURNING id`,
      [job.userIds ?? [], job.householdId ?? null, job.template, job.params, job.link ?? null, job.dedupeKey],
    );
    return rows.length;
  }

  async list(ctx: RequestContext, limit = 50): Promise<{ unread: number; items: NoticeView[] }> {
    const userId = requireUser(ctx);
    const rows: {
      id: string;
      template: string;
      params: Record<string, string>;
      link: string | null;
      created_at: Date;
      read_at: Date | null;
    }[] = await ctx.em.query(
      `SELECT id, template, params, link, created_at, read_at FROM notice
       WHERE user_id = $1 ORDER BY created_at DESC, id LIMIT $2`,
      [userId, limit],
    );
    const [{ unread }]: { unread: number }[] = await ctx.em.query(
      `SELECT count(*)::int AS unread FROM notice WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return {
      unread,
      items: rows.map((r) => ({
        id: r.id,
        template: r.template,
        ...renderNotice(r.template, r.params),
        link: r.link,
        createdAt: r.created_at,
        readAt: r.read_at,
      })),
    };
  }

  async markRead(ctx: RequestContext, noticeId: string): Promise<void> {
    const rows = await updateReturning(
      ctx.em,
      `UPDATE notice SET read_at = coalesce(read_at, now()), updated_at = now()
       WHERE id = $1 AND user_id = $2 RETURNING id`,
      [noticeId, requireUser(ctx)],
    );
    if (!rows.length) throw new NotFoundError({ it: "L'avviso", en: 'The notice' });
  }

  async markAllRead(ctx: RequestContext): Promise<void> {
    await ctx.em.query(
      `UPDATE notice SET read_at = now(), updated_at = now() WHERE user_id = $1 AND read_at IS NULL`,
      [requireUser(ctx)],
    );
  }
}

function requireUser(ctx: RequestContext): string {
  if (!ctx.actor) throw new NotFoundError({ it: "L'avviso", en: 'The notice' });
  return ctx.actor.userId;
}
