/**
 * Equal timestamps and late writes. The ThreatQ fake stamps every change with a fresh, later second, so it cannot
 * produce two matches in the same second or a write that lands behind the mark; a scripted collection served
 * through MSW next to it can (same route, same paging contract: cursorMark from `*`, `nextCursorMark`, an empty
 * last page, and the fake's own bearer tokens).
 */
import { createAlert } from '@tqalert/core';
import { THREATQ_DATA_COLLECTIONS } from '@tqalert/fixtures';
import { HttpResponse, http } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { DataCollectionService } from './data-collection-service.js';
import { clientFor, MINUTE, poll, START, useThreatQ } from './test-threatq.js';

const { fake, server, clock } = useThreatQ({ objectCount: 0, watched: [] });
const HASH = 'a1b2c3d4e5f6scripted';

interface Row {
  id: number;
  value: string;
  type: { name: string };
  score: number;
  created_at: string;
  updated_at: string;
}
let rows: Row[] = [];

/** A match updated at `updated` (`HH:MM:SS` on 1 March 2026), created then too unless `created` says otherwise. */
function add(id: number, updated: string, created = updated): void {
  const at = (time: string) => `2026-03-01 ${time}`;
  rows.push({
    id,
    value: `host-${id}.example`,
    type: { name: 'FQDN' },
    score: 5,
    created_at: at(created),
    updated_at: at(updated),
  });
}

beforeEach(() => {
  rows = [];
  server.use(
    http.get(`${fake.baseUrl}/api/indicators/query/hash/${HASH}`, ({ request }) => {
      if (!/^Bearer \S+$/.test(request.headers.get('authorization') ?? ''))
        return HttpResponse.json({ message: 'Unauthenticated.' }, { status: 401 });
      const url = new URL(request.url);
      const sorted = [...rows].sort((a, b) => a.updated_at.localeCompare(b.updated_at) || a.id - b.id);
      const limit = Number(url.searchParams.get('limit'));
      const mark = url.searchParams.get('cursorMark') ?? '*';
      const start = mark === '*' ? 0 : Number(mark);
      const data = sorted.slice(start, start + limit);
      return HttpResponse.json({ total: sorted.length, nextCursorMark: String(start + data.length), data });
    }),
  );
});

const idsOf = (result: { alerts: unknown[] }) => result.alerts.map((a) => createAlert(a).object?.id);

describe('equal timestamps', () => {
  it.each([0, '5m'])(
    'find a late write in the same second as the mark, even with a smaller id (overlap %s)',
    async (overlap) => {
      const service = new DataCollectionService(clientFor(fake), { hash: HASH, overlap, pageSize: 2 });
      add(1, '08:00:00');
      add(7, '08:59:59');
      const baseline = await poll(service, clock);
      expect(baseline.cursor).toMatchObject({ updatedAt: '2026-03-01T08:59:59.000Z', id: 7 });
      add(3, '08:59:59');
      add(8, '09:00:30');
      clock.now = START + MINUTE;
      const result = await poll(service, clock, baseline.cursor);
      expect(idsOf(result)).toEqual([3, 8]);
      expect((await poll(service, clock, result.cursor)).alerts).toEqual([]);
    },
  );

  it('alert on every match of one second, each with its own id', async () => {
    const service = new DataCollectionService(clientFor(fake), {
      hash: HASH,
      firstRun: 'alert',
      pageSize: 2,
    });
    for (const id of [5, 2, 9]) add(id, '08:30:00');
    const alerts = (await poll(service, clock)).alerts.map((a) => createAlert(a));
    expect(alerts.map((a) => a.object?.id)).toEqual([2, 5, 9]);
    expect(new Set(alerts.map((a) => a.id)).size).toBe(3);
  });
});

describe('late writes', () => {
  it('find a write that lands behind the mark within the overlap, as a NEW match', async () => {
    const service = new DataCollectionService(clientFor(fake), { hash: HASH, overlap: '5m' });
    add(1, '08:59:00');
    const baseline = await poll(service, clock);
    add(2, '08:56:30');
    const alerts = (await poll(service, clock, baseline.cursor)).alerts.map((a) => createAlert(a));
    expect(alerts.map((a) => [a.object?.id, a.fields.Match])).toEqual([[2, 'new']]);
  });

  it('miss a write that lands further behind than the overlap: that is what overlap is for', async () => {
    const service = new DataCollectionService(clientFor(fake), { hash: HASH, overlap: '1m' });
    add(1, '08:59:00');
    const baseline = await poll(service, clock);
    add(2, '08:56:30');
    expect((await poll(service, clock, baseline.cursor)).alerts).toEqual([]);
  });
});

describe('an empty collection', () => {
  it('records "now" as the mark on the first run, so the first match after it alerts', async () => {
    const service = new DataCollectionService(clientFor(fake), { hash: THREATQ_DATA_COLLECTIONS.everything });
    const baseline = await poll(service, clock);
    expect(baseline.cursor).toEqual({
      version: 1,
      updatedAt: new Date(START).toISOString(),
      id: 0,
      recent: [],
    });
    clock.now = START + MINUTE;
    fake.activity.step();
    clock.now = START + 2 * MINUTE;
    expect(idsOf(await poll(service, clock, baseline.cursor))).toEqual([1, 2, 3]);
  });
});
