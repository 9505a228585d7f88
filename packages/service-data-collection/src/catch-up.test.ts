import { createAlert } from '@tqalert/core';
import { THREATQ_DATA_COLLECTIONS } from '@tqalert/fixtures';
import { describe, expect, it } from 'vitest';
import { DataCollectionService } from './data-collection-service.js';
import { clientFor, DAY, MINUTE, poll, START, useThreatQ } from './test-threatq.js';

const { fake, clock } = useThreatQ({ objectCount: 30, watched: [] });
const EVERYTHING = THREATQ_DATA_COLLECTIONS.everything;
const iso = (ms: number) => new Date(ms).toISOString();
const summarise = (result: { alerts: unknown[] }) =>
  result.alerts.map((a) => {
    const alert = createAlert(a);
    return [alert.object?.id, alert.fields.Match];
  });

/** Changes indicator `id` at `at` (epoch ms). */
function changeAt(at: number, id: number): void {
  clock.now = at;
  fake.state.update('indicators', id, (o) => {
    o.statusId = o.statusId === 2 ? 1 : 2;
  });
}

describe('after an outage longer than maxCatchUp', () => {
  it('skips the older changes and says exactly which, and how to backfill them', async () => {
    const service = new DataCollectionService(clientFor(fake), {
      id: 'all-iocs',
      hash: EVERYTHING,
      name: 'All',
    });
    const baseline = await poll(service, clock);
    const markMs = Date.parse((baseline.cursor as { updatedAt: string }).updatedAt);
    changeAt(START + 1 * DAY, 5);
    changeAt(START + 2 * DAY, 6);
    changeAt(START + 9 * DAY, 7);

    clock.now = START + 10 * DAY;
    const result = await poll(service, clock, baseline.cursor);
    expect(summarise(result)).toEqual([[7, 'updated']]);
    expect(result.notes).toEqual([]);
    expect(result.warnings).toEqual([
      `Data collection service "all-iocs" (All): the last poll saw changes up to ${iso(markMs)}, more than maxCatchUp (7d) ago, so this poll caught up only from ${iso(START + 3 * DAY)}; 2 match(es) updated between ${iso(START + DAY)} and ${iso(START + 2 * DAY)} were skipped. To deliver them, run: tqalert backfill --service all-iocs --since ${iso(START + DAY)}`,
    ]);
    // The next poll is past the outage: no warning again.
    clock.now = START + 10 * DAY + MINUTE;
    expect((await poll(service, clock, result.cursor)).warnings).toEqual([]);
  });

  it('delivers the skipped changes on the backfill the note names, ignoring the cursor', async () => {
    const service = new DataCollectionService(clientFor(fake), { id: 'all-iocs', hash: EVERYTHING });
    const baseline = await poll(service, clock);
    changeAt(START + 1 * DAY, 5);
    clock.now = START + 1 * DAY + MINUTE;
    fake.activity.step();
    const created = fake.state.count('indicators');
    changeAt(START + 9 * DAY, 7);
    clock.now = START + 10 * DAY;
    const normal = await poll(service, clock, baseline.cursor);
    expect(summarise(normal)).toEqual([[7, 'updated']]);

    const backfill = await poll(service, clock, normal.cursor, new Date(START + DAY));
    expect(summarise(backfill)).toEqual([
      [5, 'updated'],
      ...Array.from({ length: created - 30 }, (_, i) => [31 + i, 'new']),
      [7, 'updated'],
    ]);
    // The change already delivered comes back with the same id, so the worker's dedup keeps it out.
    expect(createAlert(backfill.alerts.at(-1)).id).toBe(createAlert(normal.alerts[0]).id);
    expect(backfill.warnings).toEqual([]);
  });
});

describe('a first run with firstRun: alert', () => {
  it('alerts only within maxCatchUp, and names the older matches it left out', async () => {
    const service = new DataCollectionService(clientFor(fake), {
      hash: EVERYTHING,
      firstRun: 'alert',
      maxCatchUp: '7d',
    });
    changeAt(START + MINUTE, 12);
    const generated = fake.state.object('indicators', 1) as { updated_at: string };
    const newestGenerated = fake.state.object('indicators', 30) as { updated_at: string };
    const result = await poll(service, clock);
    expect(summarise(result)).toEqual([[12, 'updated']]);
    const at = (t: string) => new Date(`${t.replace(' ', 'T')}Z`).toISOString();
    expect(result.warnings).toEqual([
      `Data collection service "data-collection" (${EVERYTHING}): first run (firstRun: alert) alerted only on matches updated since ${iso(START + MINUTE - 7 * DAY)} (maxCatchUp 7d); 29 match(es) updated between ${at(generated.updated_at)} and ${at(newestGenerated.updated_at)} were skipped. To deliver them, run: tqalert backfill --service data-collection --since ${at(generated.updated_at)}`,
    ]);
  });
});

describe('a quiet collection whose newest matches are older than maxCatchUp', () => {
  it('never reports the baseline matches as skipped, on any later poll', async () => {
    const service = new DataCollectionService(clientFor(fake), { id: 'quiet', hash: EVERYTHING });
    let cursor = (await poll(service, clock)).cursor;
    for (const day of [10, 11, 12]) {
      clock.now = START + day * DAY;
      const result = await poll(service, clock, cursor);
      expect(result.alerts).toEqual([]);
      expect(result.warnings).toEqual([]);
      cursor = result.cursor;
    }
  });
});
