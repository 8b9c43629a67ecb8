import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@piazza/core';

/** What a computation returns: the answer and the catalogue version its statement saw. */
export interface VersionedAnswer<T> {
  version: string;
  value: T;
  /** How much room the answer takes, in units of a search page (a map of 5,000 points weighs more). */
  weight?: number;
}

interface Entry {
  version: string;
  minute: number;
  value: unknown;
  weight: number;
}

/** Room for this many search pages; least recently used answers leave first. */
const CAPACITY = 2_000;

/**
 * Answers of the public catalogue (search pages, map points, taxonomy) kept in this process until the
 * catalogue changes. `catalogue_version` is bumped in the same transaction as any change a search can
 * show (migration 1764000000007), and each statement reads it in its own snapshot, so an answer is
 * stored under the version of the data it was computed from and is never served once a newer version
 * is committed. Answers also expire with the minute, because "open now" changes with the clock.
 *
 * Every request still reads the version (one primary-key row); identical concurrent misses share one
 * computation. Whole-catalogue facet counts cost hundreds of milliseconds at 100,000 services, while the
 * catalogue changes a few times a day: most visitors ask what someone asked a moment ago.
 */
@Injectable()
export class CatalogueAnswerCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<unknown>>();
  private weight = 0;
  /** CATALOGUE_ANSWER_CACHE=off computes every answer (the bench measures what a miss costs). */
  private readonly enabled = process.env.CATALOGUE_ANSWER_CACHE !== 'off';

  /**
   * The cached answer for `key` if it is current, else the computed one (then cached). `compute` gets
   * the version the request read: its answer must come from data at least that new.
   */
  async get<T>(
    ctx: RequestContext,
    key: string,
    compute: (version: string) => Promise<VersionedAnswer<T>>,
  ): Promise<T> {
    const [{ version }]: { version: string }[] = await ctx.em.query(
      `SELECT version::text AS version FROM catalogue_version`,
    );
    if (!this.enabled) return (await compute(version)).value;
    const minute = Math.floor(Date.now() / 60_000);
    const hit = this.entries.get(key);
    if (hit && hit.version === version && hit.minute === minute) {
      // Map keeps insertion order: re-inserting marks the entry as the most recently used.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value as T;
    }
    const flightKey = `${version}:${minute}:${key}`;
    const inFlight = this.pending.get(flightKey);
    if (inFlight) return inFlight as Promise<T>;
    const computation = compute(version)
      .then((answer) => {
        this.store(key, { version: answer.version, minute, value: answer.value, weight: answer.weight ?? 1 });
        return answer.value;
      })
      .finally(() => this.pending.delete(flightKey));
    this.pending.set(flightKey, computation);
    return computation;
  }

  private store(key: string, entry: Entry): void {
    const previous = this.entries.get(key);
    if (previous) {
      this.weight -= previous.weight;
      this.entries.delete(key);
    }
    if (entry.weight > CAPACITY / 10) return;
    this.entries.set(key, entry);
    this.weight += entry.weight;
    for (const [oldest, old] of this.entries) {
      if (this.weight <= CAPACITY) break;
      this.entries.delete(oldest);
      this.weight -= old.weight;
    }
  }
}
