import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@piazza/core';
import { AuditEvent } from '../entities/audit-event.entity';

export type AuditAction =
  | 'login'
  | 'login_failed'
  | 'account_locked'
  | 'logout'
  | 'logout_all'
  | 'register'
  | 'email_verified'
  | 'password_reset_requested'
  | 'password_changed'
  | 'household_member_added'
  | 'role_changed'
  | 'accreditation_changed'
  | 'organisation_signed_up'
  | 'member_invited'
  | 'household_viewed'
  | 'access_letter_issued'
  | 'account_exported'
  | 'account_deleted'
  | 'service_moderated'
  | 'taxonomy_changed'
  | 'social_point_slots_generated';

/** Writes the audit log in the caller's transaction: an action and its record commit together. */
@Injectable()
export class AuditService {
  async record(
    ctx: RequestContext,
    action: AuditAction,
    event: {
      actorUserId?: string | null;
      subjectType?: string;
      subjectId?: string;
      details?: Record<string, unknown>;
    } = {},
  ): Promise<void> {
    await ctx.em.insert(AuditEvent, {
      action,
      actorUserId: event.actorUserId ?? ctx.actor?.userId ?? null,
      subjectType: event.subjectType ?? null,
      subjectId: event.subjectId ?? null,
      ip: ctx.client.ip,
      userAgent: ctx.client.userAgent?.slice(0, 300) ?? null,
      details: (event.details ?? {}) as AuditEvent['details'] & object,
    });
  }
}
