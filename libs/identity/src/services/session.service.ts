import { Inject, Injectable } from '@nestjs/common';
import { type Actor, APP_CONFIG, type AppConfig, type RequestContext, type Role } from '@piazza/core';
import { UserSession } from '../entities/user-session.entity';
import { hashSecretToken, newSecretToken } from './secret-token';

// Sliding the expiry writes to the database; once a minute per session is enough.
const TOUCH_EVERY_MS = 60_000;

/**
 * Server-side sessions: short-lived (SESSION_IDLE_MINUTES without use) and refreshed by use, up to an
 * absolute limit (SESSION_MAX_HOURS). Revocation takes effect at once, including "log out everywhere".
 */
@Injectable()
export class SessionService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Opens a session; the returned token goes into an httpOnly cookie and nowhere else. */
  async open(ctx: RequestContext, userId: string): Promise<{ token: string; expiresAt: Date }> {
    const { token, hash } = newSecretToken();
    const now = Date.now();
    const absoluteExpiresAt = new Date(now + this.config.SESSION_MAX_HOURS * 3_600_000);
    const expiresAt = new Date(Math.min(now + this.idleMs(), absoluteExpiresAt.getTime()));
    await ctx.em.insert(UserSession, {
      userId,
      tokenHash: hash,
      lastSeenAt: new Date(now),
      expiresAt,
      absoluteExpiresAt,
      ip: ctx.client.ip,
      userAgent: ctx.client.userAgent?.slice(0, 300) ?? null,
    });
    return { token, expiresAt };
  }

  /** The person behind a session token, or null if it is unknown, expired, revoked or disabled. */
  async resolve(ctx: RequestContext, token: string): Promise<{ actor: Actor; sessionId: string } | null> {
    const rows: {
      session_id: string;
      user_id: string;
      roles: Role[];
      comune_ids: string[] | null;
      last_seen_at: Date;
      absolute_expires_at: Date;
    }[] = await ctx.em.query(
      `SELECT s.id AS session_id, u.id AS user_id, u.roles, s.last_seen_at, s.absolute_expires_at,
                (SELECT array_agg(uc.comune_id) FROM user_comune uc WHERE uc.user_id = u.id) AS comune_ids
           FROM user_session s JOIN user_account u ON u.id = s.user_id
          WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.status = 'active'`,
      [hashSecretToken(token)],
    );
    const row = rows[0];
    if (!row) return null;
    if (Date.now() - row.last_seen_at.getTime() > TOUCH_EVERY_MS) {
      await ctx.em.query(
        `UPDATE user_session SET last_seen_at = now(), expires_at = least(now() + $2::interval, absolute_expires_at)
          WHERE id = $1`,
        [row.session_id, `${this.config.SESSION_IDLE_MINUTES} minutes`],
      );
    }
    return {
      sessionId: row.session_id,
      actor: { userId: row.user_id, roles: row.roles, comuneIds: row.comune_ids ?? [] },
    };
  }

  async revoke(ctx: RequestContext, token: string): Promise<void> {
    await ctx.em.query(
      `UPDATE user_session SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL`,
      [hashSecretToken(token)],
    );
  }

  /** Ends every session of a person: all their browsers are signed out at their next request. */
  async revokeAll(ctx: RequestContext, userId: string): Promise<number> {
    const [, count] = (await ctx.em.query(
      `UPDATE user_session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId],
    )) as [unknown, number];
    return count;
  }

  idleMs(): number {
    return this.config.SESSION_IDLE_MINUTES * 60_000;
  }
}
