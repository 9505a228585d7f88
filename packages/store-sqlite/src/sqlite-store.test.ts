import { describe, expect, it } from 'vitest';
import { at, sampleDelivery, samplePoll, T0 } from './__tests__/sample-data.js';
import { useStoreFiles } from './__tests__/store-files.js';
import { SqliteStore } from './sqlite-store.js';

const { file, storeAt } = useStoreFiles();

const record = (destination = 'C1') => ({
  notifier: 'slack',
  destination,
  parts: [{ destination, part: 0, ref: { ts: '1700000000.000100' } }],
  sentAt: at(5).toISOString(),
});

describe('SqliteStore durability', () => {
  it('keeps cursors, seen entries, deliveries, dead letters, silences and records across close and reopen', async () => {
    const path = file();
    const first = await storeAt(path);
    await first.commitPoll({
      ...samplePoll({ since: '2025-03-01' }, 1, 4),
      seen: [
        {
          key: 'a',
          service: 'watch',
          firstSeenAt: T0.toISOString(),
          lastAlertedAt: T0.toISOString(),
          count: 2,
        },
      ],
      deadLetters: [
        { kind: 'record', service: 'watch', reason: 'no value', payload: { id: 9 }, attempts: 0 },
      ],
    });
    const [claimed] = await first.claimDue({ now: at(1), limit: 1, leaseMs: 60_000, owner: 'w1' });
    await first.markSent(claimed?.id ?? '', { owner: 'w1', record: record(), now: at(5) });
    const silence = await first.addSilence({
      matchers: { value: '*.example' },
      author: 'ana',
      reason: 'known test domains',
      startsAt: T0.toISOString(),
      expiresAt: at(3600).toISOString(),
    });
    await first.close();

    const second = await storeAt(path);
    expect(second.durable).toBe(true);
    expect(await second.getCursor('watch')).toEqual({ since: '2025-03-01' });
    expect((await second.getSeen(['a', 'missing'])).get('a')?.count).toBe(2);
    const deliveries = await second.listDeliveries();
    expect(deliveries.map((d) => [d.key, d.status])).toEqual([
      ['watch|1|slack|C1|0', 'sent'],
      ['watch|2|slack|C1|0', 'pending'],
      ['watch|3|slack|C1|0', 'pending'],
    ]);
    expect(deliveries[1]?.alert).toEqual(sampleDelivery(2).alert);
    expect((await second.listDeadLetters())[0]).toMatchObject({
      kind: 'record',
      reason: 'no value',
      payload: { id: 9 },
    });
    expect((await second.listSilences({ now: at(10) })).map((s) => s.id)).toEqual([silence.id]);
    expect(await second.getDeliveryRecord('indicators:1', 'slack', 'C1')).toEqual(record());
  });

  it('does not enqueue a key again after its delivery was sent and purged (a re-poll sends nothing twice)', async () => {
    const store = await storeAt(file());
    expect(await store.commitPoll(samplePoll(1, 1, 3))).toEqual({ enqueued: 2, duplicates: 0 });
    const claimed = await store.claimDue({ now: at(1), limit: 10, leaseMs: 1000, owner: 'w' });
    for (const d of claimed) await store.markSent(d.id, { owner: 'w', record: record(), now: at(2) });
    expect(await store.purgeDeliveries({ status: 'sent' })).toBe(2);
    expect(await store.commitPoll(samplePoll(2, 1, 4))).toEqual({ enqueued: 1, duplicates: 2 });
    expect(await store.getCursor('watch')).toBe(2);
  });

  it('counts a key repeated inside one poll as a duplicate', async () => {
    const store = await storeAt(file());
    const poll = samplePoll(1, 1, 2);
    expect(await store.commitPoll({ ...poll, deliveries: [sampleDelivery(1), sampleDelivery(1)] })).toEqual({
      enqueued: 1,
      duplicates: 1,
    });
  });

  it('rolls the whole poll back when one part is bad: the cursor does not move without its deliveries', async () => {
    const store = await storeAt(file());
    await store.commitPoll(samplePoll('old', 1, 2));
    const bad = samplePoll('new', 2, 4);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(
      store.commitPoll({
        ...bad,
        deadLetters: [{ kind: 'record', service: 'watch', reason: 'x', payload: cyclic, attempts: 0 }],
      }),
    ).rejects.toThrow(/commitPoll\.deadLetters\[0\]\.payload must be plain JSON data/);
    expect(await store.getCursor('watch')).toBe('old');
    expect((await store.listDeliveries()).length).toBe(1);
  });
});

describe('SqliteStore outbox', () => {
  it('claims in due order and compares times as times, not text (offsets, missing milliseconds)', async () => {
    const store = await storeAt(file());
    await store.commitPoll({
      ...samplePoll(1, 0, 0),
      deliveries: [
        sampleDelivery(1, { notBefore: '2025-03-01T12:00:00+02:00' }), // 10:00Z: due at T0
        sampleDelivery(2, { notBefore: '2025-03-01T09:59:59Z' }),
        sampleDelivery(3, { notBefore: '2025-03-01T10:00:01.000Z' }), // not yet due at T0
      ],
    });
    const claimed = await store.claimDue({ now: T0, limit: 10, leaseMs: 1000, owner: 'w' });
    expect(claimed.map((d) => d.key)).toEqual(['watch|2|slack|C1|0', 'watch|1|slack|C1|0']);
  });

  it('claims a whole digest group when one member is due, and only groups of the same notifier and destination', async () => {
    const store = await storeAt(file());
    await store.commitPoll({
      ...samplePoll(1, 0, 0),
      deliveries: [
        sampleDelivery(1, { group: 'g', notBefore: T0.toISOString() }),
        sampleDelivery(2, { group: 'g', notBefore: at(600).toISOString() }),
        sampleDelivery(3, { group: 'g', destination: 'C2', notBefore: at(600).toISOString() }),
        sampleDelivery(4),
      ],
    });
    const claimed = await store.claimDue({ now: T0, limit: 1, leaseMs: 1000, owner: 'w' });
    expect(claimed.map((d) => d.key)).toEqual(['watch|1|slack|C1|0', 'watch|2|slack|C1|0']);
    expect(claimed.every((d) => d.leaseOwner === 'w' && d.leaseUntil === at(1).toISOString())).toBe(true);
  });

  it('does not hand a leased delivery to a second store on the same file until the lease runs out', async () => {
    const path = file();
    const a = await storeAt(path);
    const b = await storeAt(path);
    await a.commitPoll(samplePoll(1, 1, 3));
    const held = await a.claimDue({ now: T0, limit: 10, leaseMs: 30_000, owner: 'a' });
    expect(held).toHaveLength(2);
    expect(await b.claimDue({ now: at(29), limit: 10, leaseMs: 30_000, owner: 'b' })).toEqual([]);
    // b may not mark what a holds.
    await b.markDead(held[0]?.id ?? '', { owner: 'b', reason: 'not mine', now: at(29) });
    expect(await b.listDeadLetters()).toEqual([]);
    const late = await b.claimDue({ now: at(30), limit: 10, leaseMs: 30_000, owner: 'b' });
    expect(late.map((d) => d.leaseOwner)).toEqual(['b', 'b']);
  });

  it('keeps parts already delivered and reschedules on markFailed; moves the row to dead letters on markDead', async () => {
    const store = await storeAt(file());
    await store.commitPoll(samplePoll(1, 1, 2));
    const [d] = await store.claimDue({ now: T0, limit: 1, leaseMs: 1000, owner: 'w' });
    const part = { destination: 'C1', part: 0, ref: { ts: '1.1' } };
    await store.markFailed(d?.id ?? '', {
      owner: 'w',
      error: 'HTTP 503',
      nextAttemptAt: at(30),
      delivered: [part],
      now: at(1),
    });
    const [failed] = await store.listDeliveries();
    expect(failed).toMatchObject({
      attempts: 1,
      lastError: 'HTTP 503',
      nextAttemptAt: at(30).toISOString(),
      delivered: [part],
    });
    expect(failed?.leaseOwner).toBeUndefined();
    expect(await store.claimDue({ now: at(29), limit: 1, leaseMs: 1000, owner: 'w' })).toEqual([]);

    const [again] = await store.claimDue({ now: at(30), limit: 1, leaseMs: 1000, owner: 'w' });
    await store.markDead(again?.id ?? '', { owner: 'w', reason: 'channel_not_found', now: at(31) });
    expect(await store.listDeliveries()).toEqual([]);
    const [letter] = await store.listDeadLetters();
    expect(letter).toMatchObject({
      kind: 'delivery',
      key: 'watch|1|slack|C1|0',
      reason: 'channel_not_found',
      attempts: 2,
    });
    expect(await store.outboxStats(at(31))).toEqual({ pending: 0, dead: 1 });

    expect(await store.replayDeadLetters({ now: at(40) })).toBe(1);
    const [replayed] = await store.listDeliveries();
    expect(replayed).toMatchObject({
      status: 'pending',
      attempts: 0,
      delivered: [part],
      nextAttemptAt: at(40).toISOString(),
    });
    expect(replayed?.lastError).toBeUndefined();
    expect(await store.listDeadLetters()).toEqual([]);
  });

  it('retries and purges only what it is asked to, by id or status', async () => {
    const store = await storeAt(file());
    await store.commitPoll({
      ...samplePoll(1, 1, 4),
      deliveries: [1, 2, 3].map((n) => sampleDelivery(n, { notBefore: at(900).toISOString() })),
    });
    const ids = (await store.listDeliveries()).map((d) => d.id);
    expect(await store.retryDeliveries({ ids: [ids[0] ?? '', 'not-an-id'], now: T0 })).toBe(1);
    expect((await store.claimDue({ now: T0, limit: 10, leaseMs: 1, owner: 'w' })).map((d) => d.id)).toEqual([
      ids[0],
    ]);
    expect(await store.purgeDeliveries({})).toBe(0);
    expect(await store.purgeDeliveries({ ids: [ids[1] ?? ''], status: 'sent' })).toBe(0);
    expect(await store.purgeDeliveries({ ids: [ids[1] ?? ''] })).toBe(1);
    expect((await store.outboxStats(T0)).pending).toBe(2);
  });

  it('ends a silence once, recording who ended it, and keeps it in the audit list', async () => {
    const store = await storeAt(file());
    const s = await store.addSilence({
      matchers: { tag: 'noise' },
      author: 'ana',
      reason: 'r',
      expiresAt: at(60).toISOString(),
      startsAt: T0.toISOString(),
    });
    expect(await store.expireSilence(s.id, { by: 'ben', now: at(10) })).toBe(true);
    expect(await store.expireSilence(s.id, { by: 'ben', now: at(11) })).toBe(false);
    expect(await store.expireSilence('s999', { by: 'ben', now: at(11) })).toBe(false);
    expect(await store.listSilences({ now: at(12) })).toEqual([]);
    const [audit] = await store.listSilences({ now: at(12), includeExpired: true });
    expect(audit).toMatchObject({
      id: s.id,
      expiredBy: 'ben',
      expiredAt: at(10).toISOString(),
      author: 'ana',
    });
  });
});

describe('SqliteStore bad input', () => {
  it('names the delivery and field of an unparsable notBefore and writes nothing', async () => {
    const store = await storeAt(file());
    const poll = {
      ...samplePoll('c', 0, 0),
      deliveries: [sampleDelivery(1), sampleDelivery(2, { notBefore: 'tomorrow' })],
    };
    await expect(store.commitPoll(poll)).rejects.toMatchObject({
      code: 'STORE_INPUT_INVALID',
      message: expect.stringMatching(/commitPoll\.deliveries\[1\]\.notBefore must be an ISO 8601 time/),
    });
    expect(await store.listDeliveries()).toEqual([]);
    expect(await store.getCursor('watch')).toBeUndefined();
  });

  it('refuses a negative limit and an invalid date with the argument named', async () => {
    const store = await storeAt(file());
    await expect(store.listDeliveries({ limit: -1 })).rejects.toThrow(
      /listDeliveries\.limit must be a whole number/,
    );
    await expect(store.claimDue({ now: new Date('nope'), limit: 1, leaseMs: 1, owner: 'w' })).rejects.toThrow(
      /claimDue\.now must be a valid Date/,
    );
    await expect(store.listDeliveries({ status: 'lost' as 'sent' })).rejects.toThrow(
      /listDeliveries\.status must be one of "pending", "sent"/,
    );
  });

  it('says to call init() first, and refuses use after close()', async () => {
    const store = new SqliteStore({ path: file() });
    await expect(store.getCursor('x')).rejects.toMatchObject({ code: 'STORE_NOT_INITIALIZED' });
    await store.init();
    await store.close();
    await store.close();
    await expect(store.getCursor('x')).rejects.toMatchObject({ code: 'STORE_CLOSED' });
  });

  it('answers wrong options with a ConfigError naming each option', () => {
    expect(() => new SqliteStore({ path: '', busyTimeoutMs: -5, synchronous: 'off' as 'full' })).toThrow(
      /path: must be a file path[\s\S]*busyTimeoutMs: must be a whole number[\s\S]*synchronous: must be "full" or "normal"/,
    );
  });
});
