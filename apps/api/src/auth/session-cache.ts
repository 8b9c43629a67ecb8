import { Injectable } from '@nestjs/common';
import type { Actor, RequestContext } from '@piazza/core';
import { SessionService } from '@piazza/identity';

/**
 * How long this process trusts a session it has validated without asking the database again. This is
 * also the bound on how late a change made elsewhere takes effect here: a session revoked, expired or
 * signed out by another API process, a person disabled, a role or a Comune taken away.
 */
export const SESSION_CACHE_MS = 5_000;

/** Sessions kept at most; past this the oldest entries go first. */
const MAX_ENTRIES = 10_000;

interface CachedSession {
  session: { actor: Actor; sessionId: string };
  until: number;
}

/**
 * Validated sessions for a few seconds (SESSION_CACHE_MS), so that a signed-in request does not spend a
 * round trip to the database on its session cookie: every request of a till or a back office carries
 * one, and each statement costs a system call on both sides. Only valid sessions are kept; a made-up
 * cookie always reaches the database.
 *
 * Signing out here (this browser, every browser, a password reset, an account deletion) forgets the
 * sessions at once in this process; in other processes of the API, and for changes made without going
 * through these routes (an administrator disabling a person or changing roles), the old session keeps
 * working for at most SESSION_CACHE_MS. Sliding expiry still happens: SessionService.resolve runs at least
 * every SESSION_CACHE_MS for a session in use and refreshes it once a minute.
 */
@Injectable()
export class SessionCache {
  private readonly entries = new Map<string, CachedSession>();
  /** Bumped by every sign-out, so that a lookup that was in flight meanwhile is not kept. */
  private epoch = 0;

  constructor(private readonly sessions: SessionService) {}

  /** The person behind a session token, or null: as SessionService.resolve, at most SESSION_CACHE_MS old. */
  async resolve(ctx: RequestContext, token: string): Promise<{ actor: Actor; sessionId: string } | null> {
    const cached = this.entries.get(token);
    if (cached && cached.until > Date.now()) return cached.session;
    if (cached) this.entries.delete(token);
    const epoch = this.epoch;
    const session = await this.sessions.resolve(ctx, token);
    if (session && epoch === this.epoch) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(token, { session, until: Date.now() + SESSION_CACHE_MS });
    }
    return session;
  }

  /** This browser signed out: call once the session is revoked in the database. */
  forget(token: string): void {
    this.epoch++;
    this.entries.delete(token);
  }

  /** Every session of a person ended (sign out everywhere, new password, deletion): after the commit. */
  forgetUser(userId: string): void {
    this.epoch++;
    for (const [token, cached] of this.entries) {
      if (cached.session.actor.userId === userId) this.entries.delete(token);
    }
  }
}
