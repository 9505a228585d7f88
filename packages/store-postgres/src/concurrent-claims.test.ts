import type { Delivery } from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import { outbox, pollOf, T0 } from './__tests__/sample-outbox.js';
import { schemaPerTest } from './__tests__/test-schema.js';
import type { PostgresStore } from './postgres-store.js';

const freshSchema = schemaPerTest();

/** Claims and marks sent until nothing is due, as one replica's delivery loop would; returns what it claimed. */
async function drain(store: PostgresStore, owner: string, lane?: { notifier: string; destination: string }) {
  const claimed: Delivery[] = [];
  for (;;) {
    const batch = await store.claimDue({ owner, now: T0, limit: 7, leaseMs: 60_000, lane });
    if (batch.length === 0) return claimed;
    claimed.push(...batch);
    for (const d of batch) {
      await store.markSent(d.id, {
        owner,
        now: T0,
        record: { notifier: d.notifier, destination: d.destination, parts: [], sentAt: T0.toISOString() },
      });
    }
  }
}

describe('replicas claiming from one database', () => {
  it('never get the same delivery, take digest groups whole, and together send each one once', async () => {
    const schema = await freshSchema();
    const deliveries = outbox(300);
    const [a, b, c] = [schema.open(), schema.open(), schema.open()];
    await a.init();
    await a.commitPoll(pollOf(deliveries));
    await Promise.all([b.init(), c.init()]);

    const claims = await Promise.all([drain(a, 'a'), drain(b, 'b'), drain(c, 'c')]);
    const ids = claims.flat().map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(deliveries.length);
    expect((await a.listDeliveries({ status: 'sent' })).length).toBe(deliveries.length);
    // Each digest group was claimed by one replica, in one claim.
    const owners = new Map<string, Set<string>>();
    for (const [i, replica] of ['a', 'b', 'c'].entries()) {
      for (const d of claims[i] ?? []) {
        if (d.group === undefined) continue;
        const key = `${d.group}|${d.destination}`;
        owners.set(key, (owners.get(key) ?? new Set()).add(replica));
      }
    }
    expect([...owners.values()].every((who) => who.size === 1)).toBe(true);
    // More than one replica did work: the claims interleaved instead of queueing behind one another.
    expect(claims.filter((list) => list.length > 0).length).toBeGreaterThan(1);
  });

  it('give a crashed replica’s claims to another once the claim lease expires, not before', async () => {
    const schema = await freshSchema();
    const crashed = schema.open();
    await crashed.init();
    await crashed.commitPoll(pollOf(outbox(5, 1).map((d) => ({ ...d, group: undefined }))));
    const taken = await crashed.claimDue({ owner: 'crashed', now: T0, limit: 10, leaseMs: 30_000 });
    expect(taken).toHaveLength(5);
    await crashed.close();

    const survivor = schema.open();
    await survivor.init();
    const early = new Date(T0.getTime() + 29_999);
    expect(await survivor.claimDue({ owner: 'survivor', now: early, limit: 10, leaseMs: 30_000 })).toEqual(
      [],
    );
    const later = new Date(T0.getTime() + 30_000);
    const reclaimed = await survivor.claimDue({ owner: 'survivor', now: later, limit: 10, leaseMs: 30_000 });
    expect(reclaimed.map((d) => d.key).sort()).toEqual(taken.map((d) => d.key).sort());
    expect(reclaimed.every((d) => d.leaseOwner === 'survivor')).toBe(true);
  });
});
