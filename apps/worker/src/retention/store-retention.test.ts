import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Logger, type NewDelivery, silentLogger } from '@tqalert/core';
import { SqliteStore } from '@tqalert/store-sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../config/load-config.js';
import { Metrics } from '../ops/metrics.js';
import { alert, baseConfig, makeSandbox } from '../test-support.js';
import { Worker } from '../worker.js';
import { pruneStore } from './store-retention.js';

const T0 = new Date('2026-01-01T00:00:00Z');
const DAY = 86_400_000;
const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

function delivery(n: number, notBefore = T0): NewDelivery {
  return {
    key: `feed|a${n}|out|C1|0`,
    service: 'feed',
    notifier: 'out',
    destination: 'C1',
    alert: { ...alert(n), createdAt: T0.toISOString() } as unknown as NewDelivery['alert'],
    notBefore: notBefore.toISOString(),
  };
}

async function storeWithSent(count: number): Promise<SqliteStore> {
  const store = new SqliteStore({ path: join(makeSandbox().dir, 'state.db') });
  await store.init();
  closers.push(() => store.close());
  const deliveries = Array.from({ length: count }, (_, n) => delivery(n));
  deliveries.push(delivery(count, new Date(T0.getTime() + 365 * DAY)));
  await store.commitPoll({ service: 'feed', cursor: 1, seen: [], deliveries, deadLetters: [], now: T0 });
  const sentAt = new Date(T0.getTime() + 1000);
  for (const d of await store.claimDue({ now: sentAt, limit: count, leaseMs: 60_000, owner: 'w' })) {
    const record = { notifier: 'out', destination: 'C1', parts: [], sentAt: sentAt.toISOString() };
    await store.markSent(d.id, { owner: 'w', record, now: sentAt });
  }
  return store;
}

const options = (metrics: Metrics, now: Date) => ({
  retentionMs: 14 * DAY,
  metrics,
  logger: silentLogger as Logger,
  now: () => now,
  timers: new Set<NodeJS.Timeout>(),
  stopping: () => false,
});

describe('store retention', () => {
  it('prunes sent deliveries older than the retention in batches, counting them; pending ones stay', async () => {
    const store = await storeWithSent(1200);
    const metrics = new Metrics();
    expect(await pruneStore(store, options(metrics, new Date(T0.getTime() + 10 * DAY)))).toBe(0);

    await pruneStore(store, options(metrics, new Date(T0.getTime() + 15 * DAY)));
    expect(await store.listDeliveries({ status: 'sent' })).toEqual([]);
    expect((await store.listDeliveries({ status: 'pending' })).map((d) => d.key)).toEqual([
      'feed|a1200|out|C1|0',
    ]);
    expect(await metrics.value('tqalert_store_pruned_total', { kind: 'sent' })).toBe(1200);
  });

  it('exports the SQLite file size as tqalert_store_bytes in /metrics', async () => {
    const sb = makeSandbox();
    const config = baseConfig(sb, {
      store: { use: 'sqlite', options: { path: join(sb.dir, 'state.db') }, retention: '7d' },
      server: { enabled: true, port: 0 },
    });
    const file = sb.writeConfig(config);
    const loaded = parseConfig(JSON.parse(readFileSync(file, 'utf8')), { file, env: {} });
    expect(loaded.config.store.retention).toBe(7 * DAY);
    const worker = new Worker(loaded, { logger: silentLogger });
    closers.push(() => worker.stop());
    await worker.start();
    let bytes = 0;
    for (let i = 0; i < 50 && bytes === 0; i++) {
      bytes = await worker.metrics.value('tqalert_store_bytes');
      if (bytes === 0) await new Promise((r) => setTimeout(r, 20));
    }
    expect(bytes).toBeGreaterThan(4096);
    expect(await worker.metrics.render()).toMatch(/^tqalert_store_bytes \d+/m);
  });
});
