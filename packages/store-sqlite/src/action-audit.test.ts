import type { NewActionAuditEntry } from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import { tempFolder } from './__tests__/sample-data.js';
import { SqliteStore } from './sqlite-store.js';

const started = (key: string, at: string, caseIds: string[]): NewActionAuditEntry => ({
  idempotencyKey: key,
  action: 'markAsReviewed',
  caseIds,
  actor: { via: 'slack', id: 'U1', name: 'alice', email: 'alice@example.com' },
  objectKey: 'events:42',
  input: { remark: 'seen', clientCode: 'ABC' },
  startedAt: at,
});

describe('SqliteStore: the action audit trail', () => {
  it('a doubled request with the same idempotency key is recorded once, across reopening the file', async () => {
    const folder = tempFolder();
    const path = folder.file();
    try {
      const first = new SqliteStore({ path });
      await first.init();
      expect((await first.recordAction(started('k1', '2026-01-01T00:00:00.000Z', ['INC1']))).created).toBe(
        true,
      );
      await first.finishAction('k1', {
        status: 'succeeded',
        message: 'Cases Marked as Reviewed',
        result: { caseIds: ['INC1'] },
        finishedAt: '2026-01-01T00:00:02.000Z',
      });
      await first.close();
      const second = new SqliteStore({ path });
      await second.init();
      const again = await second.recordAction(started('k1', '2026-01-01T00:09:00.000Z', ['INC2']));
      expect(again.created).toBe(false);
      expect(again.entry).toEqual({
        ...started('k1', '2026-01-01T00:00:00.000Z', ['INC1']),
        status: 'succeeded',
        message: 'Cases Marked as Reviewed',
        result: { caseIds: ['INC1'] },
        finishedAt: '2026-01-01T00:00:02.000Z',
      });
      await second.close();
    } finally {
      folder.cleanup();
    }
  });

  it('lists newest first with filters, and refuses finishing an unknown key', async () => {
    const store = new SqliteStore({ path: ':memory:' });
    await store.init();
    await store.recordAction(started('a', '2026-01-01T00:00:00.000Z', ['INC1']));
    await store.recordAction(started('b', '2026-01-03T00:00:00.000Z', ['INC2', 'INC3']));
    await store.finishAction('b', {
      status: 'failed',
      message: 'refused',
      finishedAt: '2026-01-03T00:00:01Z',
    });
    expect((await store.listActions()).map((e) => e.idempotencyKey)).toEqual(['b', 'a']);
    expect((await store.listActions({ caseId: 'INC3' })).map((e) => e.idempotencyKey)).toEqual(['b']);
    expect((await store.listActions({ status: 'started' })).map((e) => e.idempotencyKey)).toEqual(['a']);
    expect(await store.listActions({ limit: 1 })).toHaveLength(1);
    await expect(
      store.finishAction('zz', { status: 'failed', message: 'x', finishedAt: '2026-01-01T00:00:00Z' }),
    ).rejects.toThrow(/"zz"/);
    await store.close();
  });
});
