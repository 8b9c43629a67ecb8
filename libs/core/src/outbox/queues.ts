/** Names of the BullMQ queues. A queue is created on first use; its keys live under REDIS_PREFIX. */
export const QUEUES = {
  /** Housekeeping: outbox pruning and other scheduled maintenance. */
  system: 'system',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Jobs of the `system` queue. */
export const SYSTEM_JOBS = {
  pruneOutbox: 'prune-outbox',
  /** Round trip through outbox, relay and worker: the processor records that it ran. */
  ping: 'ping',
} as const;
