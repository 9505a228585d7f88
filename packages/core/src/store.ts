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

  /**
   * Leases up to `limit` due pending deliveries (plus the rest of their digest groups), of one lane when
   * `options.lane` is given.
   */
  claimDue(options: ClaimOptions): Promise<Delivery[]>;
  /**
   * Every lane (notifier and destination) with pending deliveries: how many, how many are due now, the oldest,
   * the next attempt and the last error. The worker starts one delivery loop per lane from this.
   */
  laneStats(now: Date): Promise<LaneStats[]>;
  /** The delivery reached its target. Stores the delivery record for threading when it has an `objectKey`. */
  markSent(id: string, result: MarkSentInput): Promise<void>;
  /**
   * A retryable failure: count the attempt (unless `countAttempt` is false), keep the parts already delivered,
   * schedule the next attempt.
   */
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

  /**
   * Optional, for stores shared by several worker replicas: takes or renews the named lease for `owner`.
   * Resolves with the lease when `owner` holds it after the call, `undefined` when another owner holds an
   * unexpired one. The epoch grows by one each time the lease changes hands (never on a renewal).
   * A store without this method serves one worker process, which then owns every service and lane.
   */
  acquireLease?(input: LeaseRequest): Promise<Lease | undefined>;
  /** Optional: gives the lease up now, if `owner` holds it. */
  releaseLease?(input: { name: string; owner: string }): Promise<void>;

  /**
   * Optional retention, in small batches: deletes at most `limit` rows of each kind older than `before`: sent
   * deliveries (by sentAt), seen-ledger entries (by lastAlertedAt), delivery keys that no delivery or dead
   * letter still uses (by first enqueue), and delivery records (by sentAt). Pending deliveries and dead letters
   * are never touched. Resolves with what it deleted; call again while any count equals `limit`.
   */
  prune?(options: {
    before: Date;
    limit: number;
  }): Promise<Record<'sent' | 'seen' | 'keys' | 'records', number>>;
  /** Optional: the bytes the store takes on disk (exported as `tqalert_store_bytes`). */
  storageBytes?(): Promise<number>;
}

/** One delivery lane: one destination of one notifier. Each lane is dispatched on its own. */
export interface LaneRef {
  notifier: string;
  destination: string;
}

/** A lane's outbox state, from {@link Store.laneStats}. */
export interface LaneStats extends LaneRef {
  pending: number;
  /** Pending, not leased, and due at the given time. */
  due: number;
  oldestPendingAt?: string | undefined;
  /** The earliest `nextAttemptAt` among pending deliveries. */
  nextAttemptAt?: string | undefined;
  /** The newest `lastError` among pending deliveries. */
  lastError?: string | undefined;
}

/** What {@link Store.acquireLease} is asked. */
export interface LeaseRequest {
  /** e.g. `service:watchlist` or `lane:slack|#alerts`. */
  name: string;
  owner: string;
  ttlMs: number;
  now: Date;
}

/** A held lease. `epoch` fences writes: see {@link PollCommit.fence}. */
export interface Lease {
  name: string;
  owner: string;
  epoch: number;
  expiresAt: string;
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
  /**
   * False when the failure was the lane's, not the delivery's (an unknown channel, refused credentials, a
   * rate limit): the attempt is not counted, so waiting on a broken lane never dead-letters its deliveries.
   * Default true.
   */
  countAttempt?: boolean | undefined;
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
  /**
   * With a store that has leases: commit only if `owner` still holds `lease` at `epoch`, in the same
   * transaction; otherwise nothing is written and the commit fails with code `STORE_FENCED`.
   */
  fence?: { lease: string; owner: string; epoch: number } | undefined;
}

/** Options of {@link Store.claimDue}: deliveries due at `now`, at most `limit`, leased to `owner` for `leaseMs`. */
export interface ClaimOptions {
  now: Date;
  limit: number;
  leaseMs: number;
  owner: string;
  /** Only this lane's deliveries. */
  lane?: LaneRef | undefined;
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
