import type { NewActionAuditEntry } from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import { schemaPerTest } from './__tests__/test-schema.js';

const started = (key: string, at: string, caseIds: string[]): NewActionAuditEntry => ({
  idempotencyKey: key,
  action: 'markAsReviewed',
  caseIds,
  actor: { via: 'slack', id: 'U1', name: 'alice', email: 'alice@example.com' },
  objectKey: 'events:42',
  input: { remark: 'seen', clientCode: 'ABC' },
  startedAt: at,
});

describe('PostgresStore: the action audit trail', () => {
  const freshSchema = schemaPerTest();

  it('a doubled request from two replicas at once is recorded, and so run, once', async () => {
    const schema = await freshSchema();
    const [a, b] = [schema.open(), schema.open()];
    await Promise.all([a.init(), b.init()]);
    const results = await Promise.all([
      a.recordAction(started('k1', '2026-01-01T00:00:00.000Z', ['INC1'])),
      b.recordAction(started('k1', '2026-01-01T00:00:00.100Z', ['INC1'])),
    ]);
    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    await a.finishAction('k1', {
      status: 'succeeded',
      message: 'Cases Marked as Reviewed',
      result: { caseIds: ['INC1'] },
      finishedAt: '2026-01-01T00:00:02.000Z',
    });
    const again = await b.recordAction(started('k1', '2026-01-01T00:09:00.000Z', ['INC2']));
    expect(again.created).toBe(false);
    expect(again.entry).toMatchObject({
      status: 'succeeded',
      caseIds: ['INC1'],
      message: 'Cases Marked as Reviewed',
    });
    await a.recordAction(started('k2', '2026-01-02T00:00:00.000Z', ['INC9']));
    expect((await b.listActions()).map((e) => e.idempotencyKey)).toEqual(['k2', 'k1']);
    expect((await b.listActions({ caseId: 'INC9' })).map((e) => e.idempotencyKey)).toEqual(['k2']);
    await expect(
      a.finishAction('nope', { status: 'failed', message: 'x', finishedAt: '2026-01-03T00:00:00Z' }),
    ).rejects.toThrow(/nope/);
  });
});
