import { type ApiError } from '../api/api-error';

/** A failure after which the server may have done the request: only a retry with the same key is safe. */
export function answerLost(error: ApiError): boolean {
  return error.status === 0 || error.status >= 500;
}

/**
 * The Idempotency-Key of one attempt at moving money. The same request sent again after a lost
 * answer (no connection, a server error) keeps its key, so the server does it once; a changed
 * request, or any request after an answer, gets a new key (the server refuses a key reused for a
 * different request).
 */
export class IdempotentAttempt {
  private key: string | null = null;
  private request = '';

  /** The key to send with this request. */
  keyFor(request: unknown): string {
    const text = JSON.stringify(request);
    if (!this.key || text !== this.request) {
      this.key = crypto.randomUUID();
      this.request = text;
    }
    return this.key;
  }

  /** The request got an answer, or may not have: keeps the key only in the second case. */
  settled(error: ApiError | null): void {
    if (!error || !answerLost(error)) this.key = null;
  }

  /** Forgets the attempt (the person started over). */
  reset(): void {
    this.key = null;
  }
}
