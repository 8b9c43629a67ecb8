import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export type Who =
  'anonymous' | 'citizenA' | 'citizenB' | 'otherProvider' | 'merchant' | 'otherSocialWorker' | 'admin';

/**
 * Ids the rules put in their paths. `orgId` and `householdB` are set by the matrix; each rule set's
 * `setup` adds its own keys (e.g. a service of an organisation that none of the callers belongs to).
 */
export interface Fixture {
  /** An organisation that none of the actors belongs to. */
  orgId: string;
  /** Citizen B's household, resident in a Comune the social worker does not serve. */
  householdB: string;
  [key: string]: string;
}

export interface Rule {
  /** The request to send: path (with real ids) and body. */
  request: (f: Fixture) => { path: string; body?: unknown; headers?: Record<string, string> };
  /** Expected status for each actor; `all` is the default. */
  expect: Partial<Record<Who | 'all' | 'signedIn', number>>;
  /** Ends sessions: run after every other rule, in this order. */
  last?: number;
}

/** The rules of one area of the API, with what they need created first. */
export interface RuleSet {
  setup?: (app: NestFastifyApplication, fixture: Fixture) => Promise<void>;
  rules: Record<string, Rule>;
}
