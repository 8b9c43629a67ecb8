import { type Actor, RequestContext } from '@piazza/core';
import type { SessionService } from '@piazza/identity';
import type { EntityManager } from 'typeorm';
import { SESSION_CACHE_MS, SessionCache } from './session-cache';

const ANNA: Actor = { userId: 'anna', roles: ['citizen'], comuneIds: [] };
const BRUNO: Actor = { userId: 'bruno', roles: ['merchant'], comuneIds: [] };

/** A session store that answers from a table and counts the lookups, as the database would. */
function givenSessions(valid: Record<string, Actor>) {
  const lookups: string[] = [];
  let release: (() => void) | null = null;
  const sessions = {
    resolve: async (_ctx: RequestContext, token: string) => {
      lookups.push(token);
      const actor = valid[token];
      // The first lookup of 'slow' has read the session and waits before answering.
      if (release === null && token === 'slow') await new Promise<void>((r) => (release = r));
      return actor ? { actor, sessionId: `s-${token}` } : null;
    },
  } as unknown as SessionService;
  return { cache: new SessionCache(sessions), lookups, valid, finishSlow: () => release?.() };
}

const ctx = new RequestContext({} as EntityManager, 'test');

describe(SessionCache.name, () => {
  afterEach(() => jest.useRealTimers());

  it('asks the session store once per session for a few seconds, then again', async () => {
    jest.useFakeTimers({ now: 0 });
    const { cache, lookups } = givenSessions({ a1: ANNA });
    expect(await cache.resolve(ctx, 'a1')).toMatchObject({ actor: ANNA });
    expect(await cache.resolve(ctx, 'a1')).toMatchObject({ actor: ANNA });
    expect(lookups).toEqual(['a1']);
    jest.setSystemTime(SESSION_CACHE_MS + 1);
    await cache.resolve(ctx, 'a1');
    expect(lookups).toEqual(['a1', 'a1']);
  });

  it('never keeps a cookie that is not a valid session', async () => {
    const { cache, lookups } = givenSessions({});
    expect(await cache.resolve(ctx, 'forged')).toBeNull();
    expect(await cache.resolve(ctx, 'forged')).toBeNull();
    expect(lookups).toEqual(['forged', 'forged']);
  });

  it("forgets a browser that signed out, and every browser of a person, but nobody else's", async () => {
    const { cache, lookups, valid } = givenSessions({ a1: ANNA, a2: ANNA, b1: BRUNO });
    for (const token of ['a1', 'a2', 'b1']) await cache.resolve(ctx, token);
    delete valid.a1;
    cache.forget('a1');
    expect(await cache.resolve(ctx, 'a1')).toBeNull();

    delete valid.a2;
    cache.forgetUser(ANNA.userId);
    expect(await cache.resolve(ctx, 'a2')).toBeNull();
    expect(await cache.resolve(ctx, 'b1')).toMatchObject({ actor: BRUNO });
    expect(lookups).toEqual(['a1', 'a2', 'b1', 'a1', 'a2']);
  });

  it('does not keep an answer that was on its way while the person signed out everywhere', async () => {
    const { cache, lookups, valid, finishSlow } = givenSessions({ slow: ANNA });
    const inFlight = cache.resolve(ctx, 'slow');
    delete valid.slow;
    cache.forgetUser(ANNA.userId);
    finishSlow();
    // That lookup read the session before the sign-out: its request may go through, no later one.
    expect(await inFlight).toMatchObject({ actor: ANNA });
    expect(await cache.resolve(ctx, 'slow')).toBeNull();
    expect(lookups).toEqual(['slow', 'slow']);
  });
});
