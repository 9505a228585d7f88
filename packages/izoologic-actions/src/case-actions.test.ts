import { MemoryActionAudit } from '@tqalert/core';
import { IZoologicInputError } from '@tqalert/izoologic-client';
import { describe, expect, it } from 'vitest';
import { CaseActions, newIdempotencyKey } from './case-actions.js';
import { EVENT_CASE, izooCalls, izoologicClient, threatqClient, thrown, useFakes } from './test-fakes.js';

const { tq, iz } = useFakes();
const alice = { via: 'cli', id: 'alice' };
const comments = () => tq.state.record('events', 1)?.comments.map((c) => c.value) ?? [];

function actions(extra: Partial<ConstructorParameters<typeof CaseActions>[0]> = {}) {
  return new CaseActions({ izoologic: izoologicClient(), threatq: threatqClient(tq), ...extra });
}

describe('CaseActions.run on a ThreatQ object', () => {
  it('reads the case from the event, acts, and records the outcome with the case and the actor as a comment', async () => {
    const result = await actions().run({
      action: 'approveCaseTakedown',
      actor: { via: 'slack', id: 'U1', name: 'alice', email: 'alice@example.com' },
      idempotencyKey: 'k-approve',
      object: 'events:1',
      options: { clientCode: 'ABC', remark: 'Confirmed phishing' },
    });
    expect(result).toMatchObject({
      ok: true,
      label: 'Approve Case Takedown',
      caseIds: [EVENT_CASE],
      message: 'Incidents approved for takedown',
      repeated: false,
      idempotencyKey: 'k-approve',
      threatq: { object: 'events:1' },
    });
    expect(iz.state.cases.get(EVENT_CASE)?.status).toBe('Open');
    expect(comments().at(-1)).toBe(
      `iZoologic: approved takedown of case ${EVENT_CASE}: Incidents approved for takedown. Remark: Confirmed phishing (requested by alice (U1) <alice@example.com> via slack)`,
    );
  });

  it('records a failure on the object too, with iZoologic’s error', async () => {
    iz.faults.successFalse(1, 'iZOO3001', 'Client code is suspended');
    const result = await actions().run({
      action: 'markAsReviewed',
      actor: alice,
      idempotencyKey: 'k-fail',
      object: 'events:1',
    });
    expect(result).toMatchObject({ ok: false, status: 'failed', error: { code: 'IZOOLOGIC_REJECTED' } });
    expect(result.message).toContain('iZOO3001: Client code is suspended');
    expect(comments().at(-1)).toMatch(
      new RegExp(`^iZoologic: Mark As Reviewed for case ${EVENT_CASE} FAILED: .*iZOO3001.*via cli\\)$`),
    );
  });

  it('a move records the new case type on the object', async () => {
    const result = await actions().run({
      action: 'moveCase',
      actor: alice,
      idempotencyKey: 'k-move',
      object: 'events:1',
      options: { toCaseType: 'whitelist', fromCaseType: 6 },
    });
    expect(result).toMatchObject({ ok: true, toCaseType: 10, threatq: { attribute: { value: '10' } } });
    const types = tq.state.record('events', 1)?.attributes.filter((a) => a.name === 'iZoologic Case Type');
    expect(types?.at(-1)?.value).toBe('10');
  });
});

describe('11.3 an object stands for one case', () => {
  it('11.3 a comma-separated case id on the object is refused before any request', async () => {
    tq.state.update('events', 1, (o) => {
      for (const a of o.attributes) if (a.name === 'iZoologic Case ID') a.value = 'INC1,INC2,INC3';
    });
    const error = await thrown(
      actions().run({ action: 'approveCaseTakedown', actor: alice, idempotencyKey: 'k', object: 'events:1' }),
    );
    expect(IZoologicInputError.isInstance(error)).toBe(true);
    expect(error.message).toContain('"INC1,INC2,INC3", which names several cases');
    expect(error.message).toContain('--case A --case B');
    expect(izooCalls(iz)).toEqual([]);
    expect(comments()).toEqual([]);
  });

  it('11.3 several cases named explicitly are all acted on and all named', async () => {
    const result = await actions().run({
      action: 'approveCaseTakedown',
      actor: alice,
      idempotencyKey: 'k-two',
      caseIds: ['INC123456', 'INC2'],
      options: { clientCode: 'ABC' },
    });
    expect(result.caseIds).toEqual(['INC123456', 'INC2']);
    expect(iz.requests.at(-1)?.body).toMatchObject({ ids: 'INC123456,INC2' });
  });

  it('11.3 a single-case action refuses several cases and a comma inside one id', async () => {
    const many = await thrown(
      actions().run({
        action: 'sendCaseMessage',
        actor: alice,
        idempotencyKey: 'k',
        caseIds: ['A', 'B'],
        options: { message: 'hi' },
      }),
    );
    expect(many.message).toContain('Send Case Message acts on one case; 2 were given (A, B)');
    const comma = await thrown(
      actions().run({ action: 'markAsReviewed', actor: alice, idempotencyKey: 'k', caseIds: ['A,B'] }),
    );
    expect(comma.message).toContain('is not one case id');
    expect(izooCalls(iz)).toEqual([]);
  });
});

describe('idempotency', () => {
  it('a doubled request with the same key acts once; the repeat gets the first outcome', async () => {
    const audit = new MemoryActionAudit();
    const run = () =>
      actions({ audit }).run({
        action: 'markAsReviewed',
        actor: alice,
        idempotencyKey: 'k-double',
        caseIds: ['INC123456'],
        options: { remark: 'seen' },
      });
    const [a, b] = await Promise.all([run(), run()]);
    const later = await run();
    expect(izooCalls(iz)).toEqual(['MarkAsReviewed']);
    expect([a.repeated, b.repeated].sort()).toEqual([false, true]);
    expect(later).toMatchObject({ ok: true, repeated: true, message: 'Cases Marked as Reviewed' });
    expect(iz.state.cases.get('INC123456')?.history).toHaveLength(1);
    expect(await audit.listActions()).toEqual([
      expect.objectContaining({ idempotencyKey: 'k-double', status: 'succeeded', caseIds: ['INC123456'] }),
    ]);
  });

  it('different keys act separately; newIdempotencyKey makes a fresh one', async () => {
    const audit = new MemoryActionAudit();
    for (const key of [newIdempotencyKey(), newIdempotencyKey()]) {
      await actions({ audit }).run({
        action: 'markAsReviewed',
        actor: alice,
        idempotencyKey: key,
        caseIds: ['MON1'],
      });
    }
    expect(izooCalls(iz)).toEqual(['MarkAsReviewed', 'MarkAsReviewed']);
  });
});

describe('validation before any request', () => {
  it('refuses a 121-character subject before reading ThreatQ or calling iZoologic', async () => {
    const error = await thrown(
      actions().run({
        action: 'sendCaseMessage',
        actor: alice,
        idempotencyKey: 'k',
        object: 'events:1',
        options: { subject: 'x'.repeat(121), message: 'hi' },
      }),
    );
    expect((error as IZoologicInputError).inputIssues).toEqual([
      expect.objectContaining({ field: 'subject', limit: 120 }),
    ]);
    expect(tq.requests).toEqual([]);
    expect(iz.requests).toEqual([]);
  });

  it('12.3 a client account without a client code is refused before any request', async () => {
    const error = await thrown(
      actions({ accountKind: 'client' }).run({
        action: 'markAsReviewed',
        actor: alice,
        idempotencyKey: 'k',
        object: 'events:1',
      }),
    );
    expect(error.message).toContain('clientCode is required for markAsReviewed with a client account');
    expect(tq.requests).toEqual([]);
    expect(iz.requests).toEqual([]);
  });

  it('validate() reports the limits without any request', () => {
    const issues = actions().validate({ action: 'sendCaseMessage', options: { message: 'm'.repeat(2501) } });
    expect(issues).toEqual([expect.objectContaining({ field: 'message', limit: 2500 })]);
    expect(iz.requests).toEqual([]);
  });

  it('names a wrong option of new CaseActions()', () => {
    expect(() => actions({ lookupDays: 0, caseAttribute: ' ' })).toThrow(
      /lookupDays.*\n?.*caseAttribute|caseAttribute/s,
    );
  });
});
