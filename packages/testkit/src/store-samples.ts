import type {
  Delivery,
  DeliveryRecord,
  NewDeadLetter,
  NewDelivery,
  PollCommit,
  SeenEntry,
  Store,
} from '@tqalert/core';
import { ensure } from './ensure.js';
import { alertBatch } from './sample-alerts.js';

/**
 * The suite's clock. A fixed instant, so a store that reads the wall clock instead of the `now` it is given
 * shows up as a failure.
 */
export const T0 = new Date('2026-03-01T12:00:00.000Z');

/** `T0` plus `seconds`. */
export function at(seconds: number): Date {
  return new Date(T0.getTime() + seconds * 1000);
}

const ALERTS = alertBatch(9);

/** A delivery for `key`; by default due at `T0 - 60s` to notifier `slack`, destination `C-ALERTS`. */
export function delivery(key: string, overrides: Partial<NewDelivery> = {}): NewDelivery {
  const index = [...key].reduce((sum, c) => sum + c.charCodeAt(0), 0) % ALERTS.length;
  return {
    key,
    service: 'watchlist',
    notifier: 'slack',
    destination: 'C-ALERTS',
    alert: ALERTS[index] as NewDelivery['alert'],
    notBefore: at(-60).toISOString(),
    ...overrides,
  };
}

/** A seen-ledger entry. */
export function seenEntry(key: string, overrides: Partial<SeenEntry> = {}): SeenEntry {
  return {
    key,
    service: 'watchlist',
    firstSeenAt: T0.toISOString(),
    lastAlertedAt: T0.toISOString(),
    count: 1,
    ...overrides,
  };
}

/** A dead letter for an upstream record that could not become an alert. */
export function recordLetter(reason: string): NewDeadLetter {
  return {
    kind: 'record',
    service: 'watchlist',
    reason,
    payload: { id: 9, value: null, nested: { list: [1, 'two'] } },
    attempts: 0,
  };
}

/** A poll commit at `T0` with nothing in it but what `parts` adds. */
export function commit(parts: Partial<PollCommit> = {}): PollCommit {
  return {
    service: 'watchlist',
    cursor: undefined,
    seen: [],
    deliveries: [],
    deadLetters: [],
    now: T0,
    ...parts,
  };
}

/** Enqueues `deliveries` at `now` and returns them as stored, in key order of the input. */
export async function enqueue(store: Store, deliveries: NewDelivery[], now: Date = T0): Promise<Delivery[]> {
  await store.commitPoll(commit({ deliveries, now }));
  const all = await store.listDeliveries();
  return deliveries.map((d) => {
    const stored = all.find((s) => s.key === d.key);
    ensure(stored, `delivery "${d.key}" was committed but listDeliveries() does not return it`);
    return stored;
  });
}

/** The keys of `deliveries`, sorted, for order-independent comparison. */
export function keysOf(deliveries: readonly { key?: string | undefined }[]): string[] {
  return deliveries.map((d) => d.key ?? '(no key)').sort();
}

/** Claims at `now` for `owner` with a lease of `leaseMs` (default a minute) and at most `limit` (default 100). */
export function claim(
  store: Store,
  owner: string,
  now: Date,
  options: { limit?: number; leaseMs?: number } = {},
): Promise<Delivery[]> {
  return store.claimDue({ owner, now, limit: options.limit ?? 100, leaseMs: options.leaseMs ?? 60_000 });
}

/** A delivery record as a notifier returns it, for `markSent`. */
export function sentRecord(destination = 'C-ALERTS', sentAt: Date = T0): DeliveryRecord {
  return {
    notifier: 'slack',
    destination,
    parts: [{ destination, part: 0, ref: { ts: '1772366400.000100' } }],
    sentAt: sentAt.toISOString(),
  };
}
