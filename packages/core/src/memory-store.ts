import { TQAlertError } from './errors.js';
import type { DeliveryRecord } from './notifier.js';
import { silenceActive } from './silence.js';
import type {
  ClaimOptions,
  DeadLetter,
  Delivery,
  DeliveryStatus,
  LaneStats,
  Lease,
  LeaseRequest,
  MarkDeadInput,
  MarkFailedInput,
  MarkSentInput,
  NewSilence,
  OutboxStats,
  PollCommit,
  SeenEntry,
  Silence,
  Store,
} from './store.js';

/**
 * An in-memory {@link Store}. **Not durable**: everything is lost when the process exits. Use it in tests and in
 * library code that runs once; the worker uses `@tqalert/store-sqlite` by default.
 */
export class MemoryStore implements Store {
  readonly durable = false;
  private readonly cursors = new Map<string, unknown>();
  private readonly seen = new Map<string, SeenEntry>();
  private readonly deliveries = new Map<string, Delivery>();
  private readonly keys = new Set<string>();
  private readonly dead = new Map<string, DeadLetter>();
  private readonly silences = new Map<string, Silence>();
  private readonly records = new Map<string, DeliveryRecord>();
  private readonly leases = new Map<string, Lease>();
  private nextId = 1;

  async init(): Promise<void> {}
  async close(): Promise<void> {}

  async getCursor(service: string): Promise<unknown> {
    return structuredClone(this.cursors.get(service));
  }

  async getSeen(keys: readonly string[]): Promise<Map<string, SeenEntry>> {
    const out = new Map<string, SeenEntry>();
    for (const key of keys) {
      const entry = this.seen.get(key);
      if (entry) out.set(key, { ...entry });
    }
    return out;
  }

  async commitPoll(commit: PollCommit): Promise<{ enqueued: number; duplicates: number }> {
    const now = commit.now.toISOString();
    if (commit.fence) {
      const held = this.leases.get(commit.fence.lease);
      if (
        !held ||
        held.owner !== commit.fence.owner ||
        held.epoch !== commit.fence.epoch ||
        Date.parse(held.expiresAt) <= commit.now.getTime()
      ) {
        throw new TQAlertError(
          'STORE_FENCED',
          `lease "${commit.fence.lease}" is no longer held at epoch ${commit.fence.epoch} by ${commit.fence.owner}: nothing was committed`,
        );
      }
    }
    // Copy everything before changing anything: a value that cannot be copied makes the whole commit fail with
    // nothing applied, as a database transaction would roll back.
    const deliveries = structuredClone(commit.deliveries);
    const seen = structuredClone(commit.seen);
    const deadLetters = structuredClone(commit.deadLetters);
    const cursor = structuredClone(commit.cursor);
    let enqueued = 0;
    let duplicates = 0;
    for (const d of deliveries) {
      if (this.keys.has(d.key)) {
        duplicates += 1;
        continue;
      }
      const id = String(this.nextId++);
      this.keys.add(d.key);
      this.deliveries.set(id, {
        ...d,
        id,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: d.notBefore,
        createdAt: now,
        delivered: [],
      });
      enqueued += 1;
    }
    for (const entry of seen) this.seen.set(entry.key, entry);
    for (const letter of deadLetters) {
      const id = String(this.nextId++);
      this.dead.set(id, { ...letter, id, deadAt: now });
    }
    if (cursor !== undefined) this.cursors.set(commit.service, cursor);
    return { enqueued, duplicates };
  }

  async claimDue(options: ClaimOptions): Promise<Delivery[]> {
    const now = options.now.getTime();
    const free = (d: Delivery) =>
      d.status === 'pending' && (!d.leaseUntil || Date.parse(d.leaseUntil) <= now);
    const lane = options.lane;
    const inLane = (d: Delivery) =>
      !lane || (d.notifier === lane.notifier && d.destination === lane.destination);
    const due = [...this.deliveries.values()]
      .filter((d) => inLane(d) && free(d) && Date.parse(d.nextAttemptAt) <= now)
      .sort((a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt) || Number(a.id) - Number(b.id))
      .slice(0, options.limit);
    const claimed = new Map<string, Delivery>();
    for (const d of due) {
      claimed.set(d.id, d);
      if (d.group === undefined) continue;
      for (const other of this.deliveries.values()) {
        if (
          free(other) &&
          other.group === d.group &&
          other.notifier === d.notifier &&
          other.destination === d.destination
        ) {
          claimed.set(other.id, other);
        }
      }
    }
    const leaseUntil = new Date(now + options.leaseMs).toISOString();
    return [...claimed.values()].map((d) => {
      d.leaseOwner = options.owner;
      d.leaseUntil = leaseUntil;
      return structuredClone(d);
    });
  }

  private owned(id: string, owner: string): Delivery | undefined {
    const d = this.deliveries.get(id);
    return d && d.status === 'pending' && d.leaseOwner === owner ? d : undefined;
  }

  async markSent(id: string, result: MarkSentInput): Promise<void> {
    const d = this.owned(id, result.owner);
    if (!d) return;
    d.status = 'sent';
    d.sentAt = result.now.toISOString();
    d.delivered = structuredClone(result.record.parts);
    d.leaseOwner = undefined;
    d.leaseUntil = undefined;
    if (d.objectKey)
      this.records.set(recordKey(d.objectKey, d.notifier, d.destination), structuredClone(result.record));
  }

  async markFailed(id: string, result: MarkFailedInput): Promise<void> {
    const d = this.owned(id, result.owner);
    if (!d) return;
    if (result.countAttempt !== false) d.attempts += 1;
    d.lastError = result.error;
    d.nextAttemptAt = result.nextAttemptAt.toISOString();
    d.delivered = structuredClone([...result.delivered]);
    d.leaseOwner = undefined;
    d.leaseUntil = undefined;
  }

  async markDead(id: string, result: MarkDeadInput): Promise<void> {
    const d = this.owned(id, result.owner);
    if (!d) return;
    this.deliveries.delete(id);
    const deadId = String(this.nextId++);
    this.dead.set(deadId, {
      id: deadId,
      kind: 'delivery',
      service: d.service,
      notifier: d.notifier,
      destination: d.destination,
      key: d.key,
      reason: result.reason,
      payload: { ...d, attempts: d.attempts + 1, leaseOwner: undefined, leaseUntil: undefined },
      attempts: d.attempts + 1,
      deadAt: result.now.toISOString(),
    });
  }

  async releaseLeases(owner?: string): Promise<number> {
    let count = 0;
    for (const d of this.deliveries.values()) {
      if (d.leaseOwner && (owner === undefined || d.leaseOwner === owner)) {
        d.leaseOwner = undefined;
        d.leaseUntil = undefined;
        count += 1;
      }
    }
    return count;
  }

  async listDeliveries(filter: { status?: DeliveryStatus; limit?: number } = {}): Promise<Delivery[]> {
    return [...this.deliveries.values()]
      .filter((d) => filter.status === undefined || d.status === filter.status)
      .sort((a, b) => Number(a.id) - Number(b.id))
      .slice(0, filter.limit ?? Number.POSITIVE_INFINITY)
      .map((d) => structuredClone(d));
  }

  async retryDeliveries(options: { ids?: readonly string[]; now: Date }): Promise<number> {
    let count = 0;
    for (const d of this.deliveries.values()) {
      if (d.status !== 'pending' || (options.ids && !options.ids.includes(d.id))) continue;
      d.nextAttemptAt = options.now.toISOString();
      count += 1;
    }
    return count;
  }

  async purgeDeliveries(options: { ids?: readonly string[]; status?: DeliveryStatus }): Promise<number> {
    let count = 0;
    for (const [id, d] of this.deliveries) {
      if (options.ids && !options.ids.includes(id)) continue;
      if (options.status && d.status !== options.status) continue;
      if (!options.ids && !options.status) continue;
      this.deliveries.delete(id);
      count += 1;
    }
    return count;
  }

  async outboxStats(_now: Date): Promise<OutboxStats> {
    const pending = [...this.deliveries.values()].filter((d) => d.status === 'pending');
    const oldest = pending.map((d) => d.createdAt).sort()[0];
    return { pending: pending.length, oldestPendingAt: oldest, dead: this.dead.size };
  }

  async laneStats(now: Date): Promise<LaneStats[]> {
    const lanes = new Map<string, LaneStats & { errorAt?: string }>();
    for (const d of this.deliveries.values()) {
      if (d.status !== 'pending') continue;
      const key = `${d.notifier}\u0000${d.destination}`;
      let lane = lanes.get(key);
      if (!lane) {
        lane = { notifier: d.notifier, destination: d.destination, pending: 0, due: 0 };
        lanes.set(key, lane);
      }
      lane.pending += 1;
      const leased = d.leaseUntil !== undefined && Date.parse(d.leaseUntil) > now.getTime();
      if (!leased && Date.parse(d.nextAttemptAt) <= now.getTime()) lane.due += 1;
      if (!lane.oldestPendingAt || d.createdAt < lane.oldestPendingAt) lane.oldestPendingAt = d.createdAt;
      if (!lane.nextAttemptAt || d.nextAttemptAt < lane.nextAttemptAt) lane.nextAttemptAt = d.nextAttemptAt;
      if (d.lastError !== undefined) lane.lastError = d.lastError;
    }
    return [...lanes.values()].sort(
      (a, b) => a.notifier.localeCompare(b.notifier) || a.destination.localeCompare(b.destination),
    );
  }

  async acquireLease(input: LeaseRequest): Promise<Lease | undefined> {
    const now = input.now.getTime();
    const held = this.leases.get(input.name);
    const expiresAt = new Date(now + input.ttlMs).toISOString();
    if (held && held.owner !== input.owner && Date.parse(held.expiresAt) > now) return undefined;
    const epoch = held
      ? held.owner === input.owner && Date.parse(held.expiresAt) > now
        ? held.epoch
        : held.epoch + 1
      : 1;
    const lease: Lease = { name: input.name, owner: input.owner, epoch, expiresAt };
    this.leases.set(input.name, lease);
    return { ...lease };
  }

  async releaseLease(input: { name: string; owner: string }): Promise<void> {
    const held = this.leases.get(input.name);
    // Expire it rather than forget it, so the next holder's epoch is still higher.
    if (held && held.owner === input.owner) held.expiresAt = new Date(0).toISOString();
  }

  async listDeadLetters(filter: { limit?: number } = {}): Promise<DeadLetter[]> {
    return [...this.dead.values()]
      .sort((a, b) => Number(a.id) - Number(b.id))
      .slice(0, filter.limit ?? Number.POSITIVE_INFINITY)
      .map((d) => structuredClone(d));
  }

  async replayDeadLetters(options: { ids?: readonly string[]; now: Date }): Promise<number> {
    let count = 0;
    for (const [id, letter] of this.dead) {
      if (options.ids && !options.ids.includes(id)) continue;
      if (letter.kind !== 'delivery') continue;
      const original = letter.payload as Delivery;
      const newId = String(this.nextId++);
      this.deliveries.set(newId, {
        ...structuredClone(original),
        id: newId,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: options.now.toISOString(),
        createdAt: options.now.toISOString(),
        lastError: undefined,
        leaseOwner: undefined,
        leaseUntil: undefined,
      });
      this.dead.delete(id);
      count += 1;
    }
    return count;
  }

  async purgeDeadLetters(options: { ids?: readonly string[] }): Promise<number> {
    let count = 0;
    for (const id of [...this.dead.keys()]) {
      if (options.ids && !options.ids.includes(id)) continue;
      this.dead.delete(id);
      count += 1;
    }
    return count;
  }

  async addSilence(input: NewSilence): Promise<Silence> {
    const id = `s${this.nextId++}`;
    const createdAt = new Date().toISOString();
    const silence: Silence = {
      ...structuredClone(input),
      id,
      createdAt,
      startsAt: input.startsAt ?? createdAt,
    };
    this.silences.set(id, silence);
    return structuredClone(silence);
  }

  async listSilences(options: { now: Date; includeExpired?: boolean }): Promise<Silence[]> {
    return [...this.silences.values()]
      .filter((s) => options.includeExpired || silenceActive(s, options.now))
      .map((s) => structuredClone(s));
  }

  async expireSilence(id: string, options: { by: string; now: Date }): Promise<boolean> {
    const s = this.silences.get(id);
    if (!s || !silenceActive(s, options.now)) return false;
    s.expiredAt = options.now.toISOString();
    s.expiredBy = options.by;
    return true;
  }

  /** Retention: see {@link Store.prune}. Delivery keys are kept (this store forgets everything on exit anyway). */
  async prune(options: {
    before: Date;
    limit: number;
  }): Promise<Record<'sent' | 'seen' | 'keys' | 'records', number>> {
    const before = options.before.getTime();
    const older = (iso: string | undefined) => iso !== undefined && Date.parse(iso) < before;
    const take = <V>(map: Map<string, V>, old: (value: V) => boolean): number => {
      let deleted = 0;
      for (const [key, value] of map) {
        if (deleted >= options.limit) break;
        if (!old(value)) continue;
        map.delete(key);
        deleted += 1;
      }
      return deleted;
    };
    return {
      sent: take(this.deliveries, (d) => d.status === 'sent' && older(d.sentAt)),
      seen: take(this.seen, (e) => older(e.lastAlertedAt)),
      keys: 0,
      records: take(this.records, (r) => older(r.sentAt)),
    };
  }

  async getDeliveryRecord(
    objectKey: string,
    notifier: string,
    destination: string,
  ): Promise<DeliveryRecord | undefined> {
    const r = this.records.get(recordKey(objectKey, notifier, destination));
    return r ? structuredClone(r) : undefined;
  }
}

function recordKey(objectKey: string, notifier: string, destination: string): string {
  return `${objectKey}\u0000${notifier}\u0000${destination}`;
}
