import { Injectable, Logger } from '@nestjs/common';
import { SharedRedis } from '@piazza/core';
import { AccountLockedError, TooManyRequestsError } from '../errors';

/** Attempts allowed per client address and window, by action. */
const IP_LIMITS = {
  login: { max: 100, windowSeconds: 15 * 60 },
  register: { max: 20, windowSeconds: 60 * 60 },
  password_reset: { max: 20, windowSeconds: 60 * 60 },
} as const;

export type ThrottledAction = keyof typeof IP_LIMITS;

/** Consecutive wrong passwords that lock an account, and for how long. */
export const LOCK_AFTER_FAILURES = 10;
export const LOCK_SECONDS = 15 * 60;

/**
 * Rate limits and account lockout, with counters in Redis. If Redis is down the limits are not applied
 * (sign-in keeps working) and the fact is logged: Redis holds no state that must survive.
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger(LoginThrottle.name);

  constructor(private readonly redis: SharedRedis) {}

  /** Counts an attempt from an address; refuses it past the action's limit. */
  async hitAddress(action: ThrottledAction, ip: string | null): Promise<void> {
    if (!ip) return;
    const { max, windowSeconds } = IP_LIMITS[action];
    const key = this.redis.key('rl', action, ip);
    const result = await this.safely(() =>
      this.redis.client.multi().incr(key).expire(key, windowSeconds, 'NX').ttl(key).exec(),
    );
    const count = Number(result?.[0]?.[1] ?? 0);
    if (count > max) throw new TooManyRequestsError(Number(result?.[2]?.[1] ?? windowSeconds));
  }

  /**
   * Counts a request about an account (a reset link asked for it); false once past `max` in the window.
   * Callers answer as usual but do nothing more, so the limit reveals nothing about the account.
   */
  async allowForAccount(
    action: 'password_reset' | 'verify_email',
    account: string,
    max = 3,
    windowSeconds = 3600,
  ): Promise<boolean> {
    const key = this.redis.key('rl', action, 'account', account.toLowerCase());
    const result = await this.safely(() =>
      this.redis.client.multi().incr(key).expire(key, windowSeconds, 'NX').exec(),
    );
    return Number(result?.[0]?.[1] ?? 0) <= max;
  }

  /** Refuses at once while an account is locked. */
  async assertNotLocked(account: string): Promise<void> {
    const ttl = await this.safely(() => this.redis.client.ttl(this.lockKey(account)));
    if (ttl !== null && ttl > 0) throw new AccountLockedError(ttl);
  }

  /** Records a wrong password; returns true when this failure locked the account. */
  async recordFailure(account: string): Promise<boolean> {
    const key = this.failuresKey(account);
    const result = await this.safely(() =>
      this.redis.client.multi().incr(key).expire(key, LOCK_SECONDS).exec(),
    );
    const failures = Number(result?.[0]?.[1] ?? 0);
    if (failures < LOCK_AFTER_FAILURES) return false;
    await this.safely(() =>
      this.redis.client.multi().set(this.lockKey(account), '1', 'EX', LOCK_SECONDS).del(key).exec(),
    );
    return true;
  }

  async recordSuccess(account: string): Promise<void> {
    await this.safely(() => this.redis.client.del(this.failuresKey(account)));
  }

  /** Lifts a lock (a password reset proves the person owns the account). */
  async unlock(account: string): Promise<void> {
    await this.safely(() => this.redis.client.del(this.lockKey(account), this.failuresKey(account)));
  }

  private failuresKey(account: string) {
    return this.redis.key('rl', 'fail', account.toLowerCase());
  }

  private lockKey(account: string) {
    return this.redis.key('rl', 'lock', account.toLowerCase());
  }

  private async safely<T>(run: () => Promise<T>): Promise<T | null> {
    if (this.redis.client.status !== 'ready') {
      this.logger.warn('Redis is down: rate limits are not applied');
      return null;
    }
    try {
      return await run();
    } catch (error) {
      this.logger.warn(`Rate limit counter failed: ${(error as Error).message}`);
      return null;
    }
  }
}
