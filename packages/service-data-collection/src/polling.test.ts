import { type Alert, createAlert, silentLogger, UpstreamHttpError } from '@tqalert/core';
import { THREATQ_DATA_COLLECTIONS } from '@tqalert/fixtures';
import { describe, expect, it } from 'vitest';
import { DataCollectionService } from './data-collection-service.js';
import { clientFor, MINUTE, poll, START, useThreatQ } from './test-threatq.js';

const { fake, clock } = useThreatQ({ objectCount: 40, watched: [] });
const { highScore: HIGH, everything: EVERYTHING } = THREATQ_DATA_COLLECTIONS;

const alertsOf = (result: { alerts: unknown[] }): Alert[] => result.alerts.map((a) => createAlert(a));
const isoOf = (threatqTime: string): string => new Date(`${threatqTime.replace(' ', 'T')}Z`).toISOString();
const stored = (id: number) => fake.state.object('indicators', id) as { value: string; updated_at: string };
const scoreOf = (id: number): number => {
  const record = fake.state.record('indicators', id);
  return record?.manualScore ?? record?.generatedScore ?? Number.NaN;
};
/** Ids of the indicators an activity step created (after the 40 generated), that pass `keep`. */
const createdIds = (keep: (id: number) => boolean = () => true): number[] =>
  Array.from({ length: fake.state.count('indicators') - 40 }, (_, i) => 41 + i).filter(keep);
const pagesOf = (hash: string) =>
  fake.requests.filter((request) => request.path === `/api/indicators/query/hash/${hash}`);

function highScoreService(options = {}) {
  return new DataCollectionService(clientFor(fake), { hash: HIGH, name: 'High score', ...options });
}

describe('the first run', () => {
  it('records the high-water mark without alerting, reading every page to the end', async () => {
    const service = new DataCollectionService(clientFor(fake), { hash: EVERYTHING, pageSize: 7 });
    const result = await poll(service, clock);
    expect(result.alerts).toEqual([]);
    // 40 matches: five pages of 7, one of 5, and the empty page that ends the cursor.
    const pages = pagesOf(EVERYTHING);
    expect(pages).toHaveLength(7);
    expect(pages.every((page) => page.query.limit === '7' && page.query.sort === 'updated_at')).toBe(true);
    expect(result.cursor).toMatchObject({ version: 1, updatedAt: isoOf(stored(40).updated_at), id: 40 });
    expect(result.notes).toEqual([
      `Data collection service "data-collection" (${EVERYTHING}): first run, recorded the high-water mark ${isoOf(stored(40).updated_at)} over 40 match(es) without alerting (firstRun: baseline); matches new or updated from now on are alerted.`,
    ]);
  });

  /** The ids a first run in alert mode reports on the whole generated collection, with `filters`. */
  async function firstRunIds(filters: { minScore?: number; types?: string[] }): Promise<unknown[]> {
    const options = { hash: EVERYTHING, firstRun: 'alert' as const, maxCatchUp: '3650d', ...filters };
    return alertsOf(await poll(new DataCollectionService(clientFor(fake), options), clock)).map(
      (a) => a.object?.id,
    );
  }

  it('alerts on the matches with firstRun: alert, through the service’s own filters', async () => {
    const expected = Array.from({ length: 40 }, (_, i) => i + 1).filter((id) => scoreOf(id) >= 7);
    expect(expected.length).toBeGreaterThan(3);
    expect(await firstRunIds({ minScore: 7 })).toEqual(expected);
  });

  it('filters on type names, whatever their case', async () => {
    const typeOf = (id: number) =>
      (fake.state.object('indicators', id) as { type: { name: string } }).type.name;
    const expected = Array.from({ length: 40 }, (_, i) => i + 1).filter((id) =>
      ['FQDN', 'IP Address'].includes(typeOf(id)),
    );
    expect(expected.length).toBeGreaterThan(1);
    expect(new Set(expected.map(typeOf))).toEqual(new Set(['FQDN', 'IP Address']));
    expect(await firstRunIds({ types: ['fqdn', 'IP Address'] })).toEqual(expected);
  });
});

describe('later runs', () => {
  it('alert on each NEW match once, with a stable id, and not again when the overlap is re-read', async () => {
    const service = highScoreService();
    const baseline = await poll(service, clock);
    clock.now = START + MINUTE;
    // One step creates a new indicator for each collection; those scoring 7 or more are new matches here.
    expect(fake.activity.step().dataCollections.find((c) => c.hash === HIGH)?.kind).toBe('new');
    const expected = createdIds((n) => scoreOf(n) >= 7);
    expect(expected.length).toBeGreaterThan(0);

    clock.now = START + 2 * MINUTE;
    const first = await poll(service, clock, baseline.cursor);
    const alerts = alertsOf(first);
    expect(alerts.map((a) => a.object?.id)).toEqual(expected);
    const id = expected[0] as number;
    expect(alerts[0]).toMatchObject({
      id: `data-collection:${HIGH}:indicators:${id}:${isoOf(stored(id).updated_at)}`,
      type: 'DATA_COLLECTION',
      title: `New match in data collection High score: ${stored(id).value}`,
      score: scoreOf(id),
      severity: scoreOf(id) >= 8 ? 'critical' : 'high',
      occurredAt: isoOf(stored(id).updated_at),
      object: { collection: 'indicators', id, link: `https://threatq.test/indicators/${id}/details` },
    });
    expect(alerts[0]?.fields).toMatchObject({ 'Data collection': 'High score', Match: 'new' });

    // The matches are within the overlap window of the next poll: read again, not alerted again.
    clock.now = START + 3 * MINUTE;
    const again = await poll(service, clock, first.cursor);
    expect(again.alerts).toEqual([]);
    // The same poll from the same cursor finds the same alerts: ids are stable.
    const repeat = alertsOf(await poll(service, clock, baseline.cursor));
    expect(repeat.map((a) => a.id)).toEqual(alerts.map((a) => a.id));
  });

  it('alert again, as UPDATED, when a match changes, with a new id', async () => {
    const service = highScoreService();
    let cursor = (await poll(service, clock)).cursor;
    clock.now = START + MINUTE;
    const id = fake.activity.step().dataCollections.find((c) => c.hash === HIGH)?.id as number;
    const first = await poll(service, clock, cursor);
    cursor = first.cursor;

    clock.now = START + 2 * MINUTE;
    fake.state.update('indicators', id, (o) => {
      o.statusId = 4;
    });
    const updated = alertsOf(await poll(service, clock, cursor));
    expect(updated).toHaveLength(1);
    expect(updated[0]?.title).toBe(`Updated match in data collection High score: ${stored(id).value}`);
    expect(updated[0]?.fields).toMatchObject({ Match: 'updated', Status: 'Review' });
    expect(updated[0]?.id).not.toBe(alertsOf(first)[0]?.id);
  });

  it('call a change to an old match "updated", and an object created since the last poll "new"', async () => {
    const service = new DataCollectionService(clientFor(fake), { hash: EVERYTHING });
    const baseline = await poll(service, clock);
    clock.now = START + MINUTE;
    fake.state.update('indicators', 3, (o) => {
      o.tags = [];
    });
    fake.activity.step();
    const result = alertsOf(await poll(service, clock, baseline.cursor));
    expect(result.map((a) => [a.object?.id, a.fields.Match])).toEqual([
      [3, 'updated'],
      ...createdIds().map((id) => [id, 'new']),
    ]);
  });

  it('reject a malformed match once, with the reason, while the others go on', async () => {
    const service = highScoreService();
    const baseline = await poll(service, clock);
    const broken = highMatch();
    clock.now = START + MINUTE;
    fake.state.update('indicators', broken, (o) => {
      o.value = '';
    });
    fake.activity.step();
    const result = await poll(service, clock, baseline.cursor);
    expect(alertsOf(result).map((a) => a.object?.id)).toEqual(createdIds((n) => scoreOf(n) >= 7));
    expect(result.rejected).toEqual([
      {
        objectKey: `indicators:${broken}`,
        record: expect.objectContaining({ id: broken, value: '' }),
        reason: expect.stringMatching(
          new RegExp(
            `^data collection ${HIGH} sent a match that cannot be read: .*has no value, title or name`,
          ),
        ),
      },
    ]);
    clock.now = START + 2 * MINUTE;
    const next = await poll(service, clock, result.cursor);
    expect(next.rejected).toEqual([]);
    expect(next.alerts).toEqual([]);
  });
});

/** An indicator of the high-score collection. */
function highMatch(): number {
  const id = Array.from({ length: 40 }, (_, i) => i + 1).find((n) => scoreOf(n) >= 7);
  if (id === undefined) throw new Error('the fake has no indicator with a score of 7 or more');
  return id;
}

describe('a hash ThreatQ does not know', () => {
  it('fails the poll with ThreatQ’s 404, so the cursor does not move', async () => {
    const service = new DataCollectionService(clientFor(fake), { hash: 'no-such-collection' });
    const error = await poll(service, clock).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(UpstreamHttpError.isInstance(error)).toBe(true);
    expect((error as UpstreamHttpError).status).toBe(404);
    expect((error as UpstreamHttpError).detail).toContain(
      'No data collection with hash "no-such-collection"',
    );
  });
});

describe('a poll the worker aborts', () => {
  it('stops reading', async () => {
    const service = highScoreService();
    const signal = AbortSignal.abort();
    await expect(
      service.fetchAlerts({ cursor: undefined, now: new Date(START), logger: silentLogger, signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('incremental reads', () => {
  it('later polls resume from a stored position instead of re-reading the whole collection, and miss nothing', async () => {
    const service = new DataCollectionService(clientFor(fake), {
      hash: EVERYTHING,
      pageSize: 5,
      overlap: '1m',
    });
    const baseline = await poll(service, clock);
    const baselinePages = pagesOf(EVERYTHING).length;
    expect(baseline.cursor).toMatchObject({ resume: expect.any(String) });
    // The oldest match changes: it moves to the end of the updated_at order.
    clock.now = START + 10 * MINUTE;
    fake.state.update('indicators', 1, (o) => {
      o.statusId = o.statusId === 2 ? 1 : 2;
    });
    fake.requests.length = 0;
    const next = await poll(service, clock, baseline.cursor);
    expect(alertsOf(next).map((a) => a.object?.id)).toEqual([1]);
    const pages = pagesOf(EVERYTHING);
    expect(pages[0]?.query.cursorMark).toBe((baseline.cursor as { resume: string }).resume);
    expect(pages.length).toBeLessThan(baselinePages);
  });

  it('falls back to reading from the start when ThreatQ refuses the stored position', async () => {
    const service = new DataCollectionService(clientFor(fake), { hash: EVERYTHING, pageSize: 10 });
    const baseline = await poll(service, clock);
    clock.now = START + 10 * MINUTE;
    fake.state.update('indicators', 3, (o) => {
      o.statusId = o.statusId === 2 ? 1 : 2;
    });
    const broken = { ...(baseline.cursor as object), resume: 'not-a-cursor-mark' };
    const next = await poll(service, clock, broken);
    expect(alertsOf(next).map((a) => a.object?.id)).toEqual([3]);
    expect(next.warnings).toEqual([expect.stringContaining('refused the stored read position')]);
    expect(next.cursor).not.toMatchObject({ resume: 'not-a-cursor-mark' });
  });
});
