/** Names of the BullMQ queues. A queue is created on first use; its keys live under REDIS_PREFIX. */
export const QUEUES = {
  /** Housekeeping: outbox pruning and other scheduled maintenance. */
  system: 'system',
  /** E-mails (and later in-app notices), rendered and sent by the worker. */
  notifications: 'notifications',
  /** Voucher issuance and expiry (libs/vouchers). */
  vouchers: 'vouchers',
  /** Checkout housekeeping (libs/commerce). */
  commerce: 'commerce',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Jobs of the `system` queue. */
export const SYSTEM_JOBS = {
  pruneOutbox: 'prune-outbox',
  /** Round trip through outbox, relay and worker: the processor records that it ran. */
  ping: 'ping',
} as const;

/** Jobs of the `notifications` queue. */
export const NOTIFICATION_JOBS = {
  email: 'email',
  /** An in-app notice in the recipients' inbox. */
  notice: 'notice',
} as const;

/** Jobs of the `vouchers` queue. */
export const VOUCHER_JOBS = {
  /** Create the vouchers of an assignment: `{ assignmentId }`. Idempotent. */
  issueAssignment: 'issue-assignment',
  /** Expire vouchers past their date and return their balances to their funds (scheduled). */
  expireVouchers: 'expire-vouchers',
} as const;

/** Jobs of the `commerce` queue. */
export const COMMERCE_JOBS = {
  /** Settle checkouts left pending an hour after their card payment page closed (scheduled). */
  expireCheckouts: 'expire-checkouts',
} as const;

/**
 * Payload of a `notifications/notice` job. Recipients are users, or the account that manages a
 * household. `dedupeKey` makes a retried job add nothing twice.
 */
export interface NoticeJob {
  userIds?: string[];
  householdId?: string;
  template: string;
  params: Record<string, string>;
  link?: string;
  dedupeKey: string;
}

/** Payload of a `notifications/email` job: who, which template, and the values it needs. */
export interface EmailJob {
  to: string;
  template: string;
  params: Record<string, string>;
}
