import type { Alert } from './alert.js';
import type { DeliveredPart } from './errors.js';
import type { DeliveryRecord } from './notifier.js';

/**
 * # The Store contract
 *
 * Everything the worker must remember to keep its promises (nothing lost, nothing sent twice) goes through a
 * Store. `@tqalert/store-sqlite` is the durable default; {@link MemoryStore} is for tests and library use only.
 * Every implementation must pass `testStore` from `@tqalert/testkit`.
 *
 * | area | what it keeps | why |
 * |---|---|---|
 * | cursors | one opaque JSON value per service | where the next poll starts |
 * | seen ledger | per alert key: first seen, last alerted, count | dedup and realert interval |
 * | outbox | one row per (alert or digest member, notifier, destination) | delivery survives crashes |
 * | dead letters | deliveries that gave up, and upstream records that could not become alerts | nothing lost |
 * | silences | matchers with author, reason and expiry | mute without losing the audit trail |
 * | delivery records | where an object's last alert went (Slack channel + ts) | threads and updates |
 *
 * Rules every implementation keeps:
 * - {@link Store.commitPoll} is atomic: the cursor moves only together with the deliveries it enqueues.
 * - A delivery `key` is unique: enqueuing the same key again is a no-op (counted as a duplicate).
 * - {@link Store.claimDue} leases what it returns and returns whole digest groups.
 * - Times are ISO 8601 strings in UTC.
 */
export interface Store {
  /** False for stores that forget everything on exit (the in-memory one). */
  readonly durable: boolean;
  /** Creates or migrates storage. Idempotent. */
  init(): Promise<void>;
  close(): Promise<void>;

  getCursor(service: string): Promise<unknown>;
  /** Seen-ledger entries for the given alert keys (missing keys are absent from the map). */
  getSeen(keys: readonly string[]): Promise<Map<string, SeenEntry>>;
  /** Atomically: store the cursor, upsert seen entries, enqueue deliveries, add dead letters. */
  commitPoll(commit: PollCommit): Promise<{ enqueued: number; duplicates: number }>;

  /** Leases up to `limit` due pending deliveries (plus the rest of their digest groups). */
  claimDue(options: ClaimOptions): Promise<Delivery[]>;
  /** The delivery reached its target. Stores the delivery record for threading when it has an `objectKey`. */
  markSent(id: string, result: MarkSentInput): Promise<void>;
  /** A retryable failure: count the attempt, keep the parts already delivered, schedule the next attempt. */
  markFailed(id: string, result: MarkFailedInput): Promise<void>;
  /** Give up: move the delivery to dead letters with the reason. */
  markDead(id: string, result: MarkDeadInput): Promise<void>;
  /** Releases leases held by `owner` (or every lease when omitted) so the deliveries can be claimed again. */
  releaseLeases(owner?: string): Promise<number>;

  listDeliveries(filter?: { status?: DeliveryStatus; limit?: number }): Promise<Delivery[]>;
  /** Makes pending deliveries due now (all, or the given ids). Returns how many. */
  retryDeliveries(options: { ids?: readonly string[]; now: Date }): Promise<number>;
  /** Deletes deliveries (the given ids, or all with a status). Returns how many. */
  purgeDeliveries(options: { ids?: readonly string[]; status?: DeliveryStatus }): Promise<number>;
  /** Outbox depth and age, for metrics. */
  outboxStats(now: Date): Promise<OutboxStats>;

  listDeadLetters(filter?: { limit?: number }): Promise<DeadLetter[]>;
  /** Puts dead deliveries back in the outbox as new pending deliveries (attempts reset). Returns how many. */
  replayDeadLetters(options: { ids?: readonly string[]; now: Date }): Promise<number>;
  purgeDeadLetters(options: { ids?: readonly string[] }): Promise<number>;

  addSilence(input: NewSilence): Promise<Silence>;
  listSilences(options: { now: Date; includeExpired?: boolean }): Promise<Silence[]>;
  /** Ends a silence now. False when there is no such active silence. */
  expireSilence(id: string, options: { by: string; now: Date }): Promise<boolean>;

  /** Where the last alert about `objectKey` went through `notifier` to `destination`. */
  getDeliveryRecord(
    objectKey: string,
    notifier: string,
    destination: string,
  ): Promise<DeliveryRecord | undefined>;
}

/** The seen ledger's entry for one alert key: when it was first seen, last alerted, and how often. */
export interface SeenEntry {
  key: string;
  service: string;
  firstSeenAt: string;
  lastAlertedAt: string;
  count: number;
}

/** `pending` until a notifier delivered it, then `sent`. Given-up deliveries move to dead letters. */
export type DeliveryStatus = 'pending' | 'sent';

/** One delivery to enqueue: an alert for one destination of one notifier. */
export interface NewDelivery {
  /** Unique idempotency key, e.g. `service|alertId|notifier|destination|n`. */
  key: string;
  service: string;
  notifier: string;
  destination: string;
  alert: Alert;
  /** Deliveries sharing a group (and notifier and destination) are sent as one digest message. */
  group?: string | undefined;
  /** `collection:id` of the object, for threading. */
  objectKey?: string | undefined;
  /** Not before this time (the end of a digest window). */
  notBefore: string;
}

/** A delivery in the outbox, with its attempts, schedule and lease. */
export interface Delivery extends NewDelivery {
  id: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string;
  createdAt: string;
  lastError?: string | undefined;
  leaseOwner?: string | undefined;
  leaseUntil?: string | undefined;
  /** Parts of a split message already delivered by earlier attempts. */
  delivered: DeliveredPart[];
  sentAt?: string | undefined;
}

/** Something given up on: a delivery that failed for good, or an upstream record that could not become an alert. */
export interface NewDeadLetter {
  kind: 'delivery' | 'record';
  service: string;
  notifier?: string | undefined;
  destination?: string | undefined;
  key?: string | undefined;
  reason: string;
  /** The delivery (kind `delivery`) or the upstream record (kind `record`). */
  payload: unknown;
  attempts: number;
}

/** A stored dead letter. */
export interface DeadLetter extends NewDeadLetter {
  id: string;
  deadAt: string;
}

/** What {@link Store.markSent} is told: who holds the lease, where the message went, and when. */
export interface MarkSentInput {
  owner: string;
  record: DeliveryRecord;
  now: Date;
}

/** What {@link Store.markFailed} is told about a retryable failure. */
export interface MarkFailedInput {
  owner: string;
  /** Why it failed, for `lastError`. */
  error: string;
  nextAttemptAt: Date;
  /** Parts delivered so far, kept so the retry resumes after them. */
  delivered: readonly DeliveredPart[];
  now: Date;
}

/** What {@link Store.markDead} is told when a delivery is given up. */
export interface MarkDeadInput {
  owner: string;
  reason: string;
  now: Date;
}

/** Everything one poll of one service stores, in one transaction: see {@link Store.commitPoll}. */
export interface PollCommit {
  service: string;
  cursor: unknown;
  seen: readonly SeenEntry[];
  deliveries: readonly NewDelivery[];
  deadLetters: readonly NewDeadLetter[];
  now: Date;
}

/** Options of {@link Store.claimDue}: deliveries due at `now`, at most `limit`, leased to `owner` for `leaseMs`. */
export interface ClaimOptions {
  now: Date;
  limit: number;
  leaseMs: number;
  owner: string;
}

/** Outbox depth and age, for metrics and `tqalert outbox`. */
export interface OutboxStats {
  pending: number;
  /** createdAt of the oldest pending delivery. */
  oldestPendingAt?: string | undefined;
  dead: number;
}

/** All given matchers must match for a silence to mute an alert. */
export interface SilenceMatchers {
  service?: string | undefined;
  /** Object collection, e.g. `indicators`. */
  collection?: string | undefined;
  /** Object value; `*` is a wildcard. */
  value?: string | undefined;
  /** The alert carries this tag. */
  tag?: string | undefined;
  /** The alert's score is at most this. */
  maxScore?: number | undefined;
}

/** A silence to add: what it mutes, who added it, why, and until when. */
export interface NewSilence {
  matchers: SilenceMatchers;
  author: string;
  reason: string;
  startsAt?: string | undefined;
  expiresAt: string;
}

/** A stored silence. `expiredAt`/`expiredBy` are set when someone ended it early. */
export interface Silence extends NewSilence {
  id: string;
  createdAt: string;
  startsAt: string;
  expiredAt?: string | undefined;
  expiredBy?: string | undefined;
}
