import { Injectable } from '@nestjs/common';
import { CatalogueVersion, type VersionStamp } from './catalogue-version';

/** What a computation returns: the answer and the catalogue version its statement saw. */
export interface VersionedAnswer<T> {
  version: string;
  value: T;
  /** How much room the answer takes, in units of a search page (a map of 5,000 points weighs more). */
  weight?: number;
  /** False for an answer nobody else is likely to ask for (around a visitor's own position). */
  shared?: boolean;
}

interface Entry {
  version: string;
  minute: number;
  /** The answer, or null once only its JSON is kept. */
  value: unknown;
  /** The answer as UTF-8 JSON, written the first time a response needs it. */
  json: Buffer | null;
  weight: number;
}

/** Room for this many search pages; least recently used answers leave first. */
const CAPACITY = 2_000;

/**
 * Answers of the public catalogue (search pages, map points, taxonomy) kept in this process until the
 * catalogue changes. `catalogue_version` is bumped at the commit of any change a search can show
 * (migration 1764000000007), and each computation reports the version of the data it read, so an
 * answer is stored under that version and is not served once a newer one is known (CatalogueVersion:
 * notified, or read after this process wrote). Answers also expire with the minute, because "open now"
 * changes with the clock. An answer is kept as UTF-8 JSON, so a hit costs no serialisation.
 *
 * Identical concurrent misses share one computation. Whole-catalogue facet counts cost milliseconds at
 * 100,000 services, while the catalogue changes a few times a day: most visitors ask what someone asked a
 * moment ago.
 */
@Injectable()
export class CatalogueAnswerCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<Entry>>();
  private weight = 0;
  /** CATALOGUE_ANSWER_CACHE=off computes every answer (the bench measures what a miss costs). */
  private readonly enabled = process.env.CATALOGUE_ANSWER_CACHE !== 'off';

  constructor(private readonly versions: CatalogueVersion) {}

  /**
   * The cached answer for `key` if it is current, else the computed one (then cached). `compute` gets
   * the version stamp of the request: its answer must come from data at least as new as the floor.
   */
  async get<T>(key: string, compute: (stamp: VersionStamp) => Promise<VersionedAnswer<T>>): Promise<T> {
    const entry = await this.entry(key, compute);
    return (entry.value ?? JSON.parse(entry.json!.toString())) as T;
  }

  /**
   * The same answer as UTF-8 JSON, for a response that sends it as it is: a hit costs neither the
   * serialisation nor the encoding.
   */
  async getJson<T>(
    key: string,
    compute: (stamp: VersionStamp) => Promise<VersionedAnswer<T>>,
  ): Promise<Buffer> {
    const entry = await this.entry(key, compute);
    if (entry.json === null) {
      entry.json = Buffer.from(JSON.stringify(entry.value));
      // Responses send the bytes: keeping the objects too would double the memory.
      entry.value = null;
    }
    return entry.json;
  }

  private async entry<T>(
    key: string,
    compute: (stamp: VersionStamp) => Promise<VersionedAnswer<T>>,
  ): Promise<Entry> {
    const stamp = await this.versions.current();
    const minute = Math.floor(Date.now() / 60_000);
    if (!this.enabled) return toEntry(await compute(stamp), minute);
    const hit = this.entries.get(key);
    if (hit && hit.version === stamp.version && hit.minute === minute) {
      // Map keeps insertion order: re-inserting marks the entry as the most recently used.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const flightKey = `${stamp.version}:${stamp.floor}:${minute}:${key}`;
    const inFlight = this.pending.get(flightKey);
    if (inFlight) return inFlight;
    const computation = compute(stamp)
      .then((answer) => {
        const entry = toEntry(answer, minute);
        if (answer.shared !== false) this.store(key, entry);
        return entry;
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

function toEntry(answer: VersionedAnswer<unknown>, minute: number): Entry {
  return { version: answer.version, minute, value: answer.value, json: null, weight: answer.weight ?? 1 };
}
