/**
 * Real instances name watchlist rows' types in the singular (`"object_type": "indicator"`) or as display names,
 * while the object routes take `indicators`. A watchlist that alerted on nothing because of it is the bug this
 * file guards against: every spelling must lead to the same requests and the same alerts.
 */
import { createAlert } from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import { clientFor, poll, useThreatQ } from './test-threatq.js';
import { WatchlistService } from './watchlist-service.js';

const fake = useThreatQ({ objectCount: 10, watched: ['indicators:2', 'indicators:3', 'events:1'] });

describe.each(['plural', 'singular', 'display'] as const)('watchlist rows spelled %s', (spelling) => {
  it('reads each watched object from its route and alerts on a change', async () => {
    fake.faults.objectTypeSpelling = spelling;
    const service = new WatchlistService(clientFor(fake));
    const baseline = await poll(service);
    expect(baseline.rejected).toEqual([]);
    expect(Object.keys((baseline.cursor as { objects: object }).objects).sort()).toEqual([
      'events:1',
      'indicators:2',
      'indicators:3',
    ]);
    fake.state.update('indicators', 3, (o) => {
      o.manualScore = 9;
    });
    const next = await poll(service, baseline.cursor);
    expect(next.rejected).toEqual([]);
    const alerts = next.alerts.map((a) => createAlert(a));
    expect(alerts.map((a) => a.object?.collection)).toEqual(['indicators']);
    expect(alerts[0]?.object?.id).toBe(3);
    const paths = fake.requests.map((r) => r.path);
    expect(paths).toContain('/api/indicators/3');
    expect(paths.filter((p) => /\/api\/(indicator|event|Indicator|Event)\//.test(p))).toEqual([]);
  });
});

describe('configured objects and collections in any spelling', () => {
  it('accepts indicator:3 and collections ["Indicator"] as the indicators route', async () => {
    const service = new WatchlistService(clientFor(fake), {
      source: 'config',
      objects: ['indicator:3', 'Event:1'],
      collections: ['Indicator', 'events'],
    });
    const baseline = await poll(service);
    expect(baseline.rejected).toEqual([]);
    expect(Object.keys((baseline.cursor as { objects: object }).objects).sort()).toEqual([
      'events:1',
      'indicators:3',
    ]);
  });
});
