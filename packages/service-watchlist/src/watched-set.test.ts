import { createAlert, silentLogger } from '@tqalert/core';
import { THREATQ_DATA_COLLECTIONS } from '@tqalert/fixtures';
import { ThreatQClient } from '@tqalert/threatq-client';
import { describe, expect, it } from 'vitest';
import { clientFor, displayValueOf, poll, useThreatQ } from './test-threatq.js';
import { WatchlistService } from './watchlist-service.js';

const fake = useThreatQ({ objectCount: 30, watched: ['indicators:1', 'indicators:2', 'events:1'] });

const keysOf = (cursor: unknown): string[] => Object.keys((cursor as { objects: object }).objects);

describe('what is watched', () => {
  it('is ThreatQ’s watchlist by default', async () => {
    const result = await poll(new WatchlistService(clientFor(fake)));
    expect(keysOf(result.cursor)).toEqual(['indicators:1', 'indicators:2', 'events:1']);
  });

  it('is the configured objects with source "config"', async () => {
    const service = new WatchlistService(clientFor(fake), {
      source: 'config',
      objects: ['indicators:7', 'events:2'],
    });
    expect(keysOf((await poll(service)).cursor)).toEqual(['indicators:7', 'events:2']);
    expect(fake.requests.some((r) => r.path === '/api/watchlist')).toBe(false);
  });

  it('is both, without duplicates, with source "both"', async () => {
    const service = new WatchlistService(clientFor(fake), {
      source: 'both',
      objects: ['indicators:2', 'indicators:9'],
    });
    expect(keysOf((await poll(service)).cursor)).toEqual([
      'indicators:1',
      'indicators:2',
      'events:1',
      'indicators:9',
    ]);
  });

  it('includes the matches of a data collection', async () => {
    const service = new WatchlistService(clientFor(fake), {
      source: 'config',
      dataCollection: THREATQ_DATA_COLLECTIONS.phishing,
    });
    const keys = keysOf((await poll(service)).cursor);
    const tagged = Array.from({ length: 30 }, (_, i) => i + 1).filter((id) =>
      fake.state.record('indicators', id)?.tags.some((t) => t.name === 'phishing'),
    );
    expect(tagged.length).toBeGreaterThan(0);
    expect(keys.sort()).toEqual(tagged.map((id) => `indicators:${id}`).sort());
  });

  it('rejects a malformed data collection match with its key, and watches the others', async () => {
    const config = { source: 'config' as const, dataCollection: THREATQ_DATA_COLLECTIONS.phishing };
    const tagged = Array.from({ length: 30 }, (_, i) => i + 1).filter((id) =>
      fake.state.record('indicators', id)?.tags.some((t) => t.name === 'phishing'),
    );
    const broken = tagged[0] as number;
    fake.state.update('indicators', broken, (o) => {
      o.value = '';
    });
    const result = await poll(new WatchlistService(clientFor(fake), config));
    expect(result.rejected?.map((r) => r.objectKey)).toEqual([`indicators:${broken}`]);
    expect(result.rejected?.[0]?.reason).toMatch(/is malformed: .*has no value, title or name/);
    expect(keysOf(result.cursor).sort()).toEqual(
      tagged
        .slice(1)
        .map((id) => `indicators:${id}`)
        .sort(),
    );
  });

  it('stops when the worker aborts the poll', async () => {
    const service = new WatchlistService(clientFor(fake));
    const fetching = service.fetchAlerts({
      cursor: undefined,
      now: new Date(),
      logger: silentLogger,
      signal: AbortSignal.abort(),
    });
    await expect(fetching).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('is narrowed by collections', async () => {
    const service = new WatchlistService(clientFor(fake), { collections: ['events'] });
    expect(keysOf((await poll(service)).cursor)).toEqual(['events:1']);
    expect(fake.requests.find((r) => r.path === '/api/watchlist')?.query.object_type).toBe('events');
  });
});

describe('reading', () => {
  it.each([1, 3])('keeps at most concurrency (%i) object reads in flight', async (concurrency) => {
    let inFlight = 0;
    let most = 0;
    const { email, password, clientId } = fake.credentials;
    const client = new ThreatQClient({
      baseUrl: fake.baseUrl,
      auth: { type: 'password', email, password, clientId },
      fetch: async (input, init) => {
        const isRead = /\/api\/indicators\/\d+/.test(String(input instanceof Request ? input.url : input));
        if (isRead) most = Math.max(most, ++inFlight);
        try {
          await new Promise((resolve) => setTimeout(resolve, 5));
          return await fetch(input, init);
        } finally {
          if (isRead) inFlight -= 1;
        }
      },
    });
    const objects = Array.from({ length: 8 }, (_, i) => `indicators:${i + 10}`);
    const result = await poll(new WatchlistService(client, { source: 'config', objects, concurrency }));
    expect(keysOf(result.cursor)).toEqual(objects);
    expect(most).toBe(concurrency);
  });
});

describe('maxObjects', () => {
  it('checks only the first maxObjects, keeps the others’ snapshots, and says so', async () => {
    const everything = new WatchlistService(clientFor(fake));
    const baseline = await poll(everything);
    const capped = new WatchlistService(clientFor(fake), { maxObjects: 2 });
    fake.state.update('events', 1, (o) => {
      o.tags = [{ id: 35, name: 'credential-harvest' }];
    });
    const result = await poll(capped, baseline.cursor);
    expect(result.alerts).toEqual([]);
    expect(result.warnings).toEqual([
      'Watchlist service "watchlist" watches more than maxObjects (2) objects: only the first 2 were checked, the others keep their last snapshot. Raise maxObjects or narrow collections.',
    ]);
    expect(keysOf(result.cursor)).toEqual(['indicators:1', 'indicators:2', 'events:1']);
    const later = await poll(everything, result.cursor);
    expect(createAlert(later.alerts[0]).changes[0]?.field).toBe('tags');
    expect(fake.requests.filter((r) => r.path === '/api/events/1')).toHaveLength(2);
  });
});

describe('first sight and unwatching', () => {
  it('drops an object that left the watchlist from the snapshot, without an alert', async () => {
    const client = clientFor(fake);
    const service = new WatchlistService(client);
    const baseline = await poll(service);
    const entry = fake.state.watchlist().find((e) => e.object_type === 'indicators' && e.object_id === 2);
    await client.removeFromWatchlist('indicators', 2, entry?.id ?? 0);
    const result = await poll(service, baseline.cursor);
    expect(result.alerts).toEqual([]);
    expect(keysOf(result.cursor)).toEqual(['indicators:1', 'events:1']);
  });

  it('alerts on unwatching with alertOnUnwatch', async () => {
    const client = clientFor(fake);
    const service = new WatchlistService(client, { alertOnUnwatch: true });
    const baseline = await poll(service);
    const entry = fake.state.watchlist().find((e) => e.object_type === 'indicators' && e.object_id === 2);
    await client.removeFromWatchlist('indicators', 2, entry?.id ?? 0);
    const result = await poll(service, baseline.cursor);
    const alert = createAlert(result.alerts[0]);
    expect(alert.title).toBe(`No longer watching ${displayValueOf(fake, 'indicators', 2)}`);
    expect(alert.severity).toBe('info');
    expect(alert.occurredAt).toBe(new Date(Date.UTC(2026, 2, 1, 9)).toISOString());
  });

  it('treats a newly watched object as a baseline, and alerts on it with alertOnFirstSight', async () => {
    const client = clientFor(fake);
    const quiet = new WatchlistService(client);
    const loud = new WatchlistService(client, { id: 'loud', alertOnFirstSight: true });
    const baseline = await poll(quiet);
    await client.addToWatchlist('indicators', 12);
    expect((await poll(quiet, baseline.cursor)).alerts).toEqual([]);
    const result = await poll(loud, baseline.cursor);
    const alert = createAlert(result.alerts[0]);
    expect(alert.title).toMatch(
      new RegExp(`^Now watching ${displayValueOf(fake, 'indicators', 12).replace(/[.?]/g, '\\$&')}`),
    );
    expect(alert.service).toBe('loud');
    expect(result.alerts).toHaveLength(1);
  });
});
