import type { EntityManager } from 'typeorm';
import type { Language } from '../i18n/translated';

export type Role = 'citizen' | 'provider' | 'merchant' | 'social_worker' | 'admin';

/** Who acts. Absent for a visitor. */
export interface Actor {
  userId: string;
  roles: readonly Role[];
  /** The Comuni a social worker acts for. */
  comuneIds: readonly string[];
}

/** Where a request came from, for the audit log and rate limits. */
export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

/**
 * What every service method that touches data receives first (as Vendure's RequestContext): who acts,
 * in which language, under which request id, and the entity manager of the transaction in progress.
 */
export class RequestContext {
  constructor(
    readonly em: EntityManager,
    readonly requestId: string,
    readonly lang: Language = 'it',
    readonly actor: Actor | null = null,
    readonly client: ClientInfo = { ip: null, userAgent: null },
  ) {}

  /** The same context inside a transaction's manager. */
  withManager(em: EntityManager): RequestContext {
    return new RequestContext(em, this.requestId, this.lang, this.actor, this.client);
  }

  /** The same request, now acting as someone (after the session cookie was read, or after login). */
  withActor(actor: Actor | null): RequestContext {
    return new RequestContext(this.em, this.requestId, this.lang, actor, this.client);
  }

  /** A context for work that no request started: a job, a script, a test. */
  static system(em: EntityManager, requestId = 'system'): RequestContext {
    return new RequestContext(em, requestId, 'it', null);
  }
}
