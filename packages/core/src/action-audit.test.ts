import { describe, expect, it } from 'vitest';
import { isActionAuditStore, MemoryActionAudit, type NewActionAuditEntry } from './action-audit.js';
import { MemoryStore } from './memory-store.js';

const entry = (key: string, at: string, caseIds = ['INC1']): NewActionAuditEntry => ({
  idempotencyKey: key,
  action: 'approveCaseTakedown',
  caseIds,
  actor: { via: 'cli', id: 'alice' },
  input: { remark: 'ok' },
  startedAt: at,
});

describe('MemoryActionAudit', () => {
  it('records an action once per idempotency key and hands the first entry back to a repeat', async () => {
    const audit = new MemoryActionAudit();
    const first = await audit.recordAction(entry('k1', '2026-01-01T00:00:00.000Z'));
    expect(first).toMatchObject({ created: true, entry: { status: 'started', caseIds: ['INC1'] } });
    await audit.finishAction('k1', {
      status: 'succeeded',
      message: 'Incidents approved for takedown',
      finishedAt: '2026-01-01T00:00:01.000Z',
    });
    const again = await audit.recordAction({ ...entry('k1', '2026-01-01T00:05:00.000Z'), caseIds: ['INC9'] });
    expect(again.created).toBe(false);
    expect(again.entry).toMatchObject({
      status: 'succeeded',
      message: 'Incidents approved for takedown',
      caseIds: ['INC1'],
    });
    expect(await audit.listActions()).toHaveLength(1);
  });

  it('lists newest first, filtered by case, action and status', async () => {
    const audit = new MemoryActionAudit();
    await audit.recordAction(entry('a', '2026-01-01T00:00:00.000Z', ['INC1']));
    await audit.recordAction(entry('b', '2026-01-02T00:00:00.000Z', ['INC2']));
    await audit.finishAction('b', {
      status: 'failed',
      message: 'refused',
      finishedAt: '2026-01-02T00:00:01Z',
    });
    expect((await audit.listActions()).map((e) => e.idempotencyKey)).toEqual(['b', 'a']);
    expect((await audit.listActions({ caseId: 'INC1' })).map((e) => e.idempotencyKey)).toEqual(['a']);
    expect((await audit.listActions({ status: 'failed' })).map((e) => e.idempotencyKey)).toEqual(['b']);
    expect(await audit.listActions({ action: 'moveCase' })).toEqual([]);
    expect(await audit.listActions({ limit: 1 })).toHaveLength(1);
  });

  it('refuses an empty key and finishing an unknown key, naming the key', async () => {
    const audit = new MemoryActionAudit();
    await expect(audit.recordAction(entry(' ', '2026-01-01T00:00:00Z'))).rejects.toThrow(/idempotencyKey/);
    await expect(
      audit.finishAction('nope', { status: 'failed', message: 'x', finishedAt: '2026-01-01T00:00:00Z' }),
    ).rejects.toThrow(/"nope"/);
  });

  it('isActionAuditStore tells a store with the trail from one without', () => {
    expect(isActionAuditStore(new MemoryActionAudit())).toBe(true);
    expect(isActionAuditStore(new MemoryStore())).toBe(false);
    expect(isActionAuditStore(undefined)).toBe(false);
  });
});
