import { IZOOLOGIC_GUIDE_CASES } from '@tqalert/fixtures';
import { describe, expect, it } from 'vitest';
import { validateMarkAsReviewed } from './case-action-inputs.js';
import { IZoologicInputError } from './errors.js';
import { apiRequests, clientFor, drain, failureOf, useFake } from './test-fake.js';

const fake = useFake({ accountKind: 'client', listCaseDetails: true, cases: [...IZOOLOGIC_GUIDE_CASES] });

describe('12.3 client code by account kind', () => {
  it('12.3 a client account without a client code is refused before any request', async () => {
    const client = clientFor({ accountKind: 'client' });
    for (const attempt of [
      client.markAsReviewed({ ids: 'INC123456' }),
      client.approveCaseTakedown({ ids: 'INC123456' }),
      client.sendCaseMessage({ caseId: 'CASE123456', message: 'hi' }),
      client.moveCase({ caseId: 'CASE123456', toCaseType: 6 }),
    ]) {
      const error = await failureOf(attempt);
      expect(IZoologicInputError.isInstance(error)).toBe(true);
      expect((error as IZoologicInputError).inputIssues).toEqual([
        expect.objectContaining({ field: 'clientCode', message: expect.stringContaining('client account') }),
      ]);
    }
    expect(fake.requests).toEqual([]);
  });

  it('12.3 with the client code, a client account acts; the fake enforces the same rule', async () => {
    const result = await clientFor({ accountKind: 'client' }).markAsReviewed({
      ids: 'INC123456',
      clientCode: 'CLIENT001',
    });
    expect(result.message).toBe('Cases Marked as Reviewed');
    // A partner client (the default) sends without a code; the client-account fake refuses it.
    const error = await failureOf(clientFor().markAsReviewed({ ids: 'INC123456' }));
    expect(error).toMatchObject({ code: 'IZOOLOGIC_REJECTED', errorCode: 'iZOO2001' });
    expect(apiRequests(fake)).toHaveLength(2);
  });

  it('12.3 validateMarkAsReviewed applies the rule only for client accounts', () => {
    expect(validateMarkAsReviewed({ ids: 'INC1' }, { accountKind: 'partner' })).toEqual([]);
    expect(validateMarkAsReviewed({ ids: 'INC1' }, { accountKind: 'client' })).toHaveLength(1);
  });

  it('rejects an unknown accountKind with the option named', () => {
    expect(() => clientFor({ accountKind: 'owner' as never })).toThrow(
      /accountKind must be "client" or "partner"/,
    );
  });
});

describe('listing: the inferred case fields', () => {
  it('reads caseType, clientCode and reviewed when the listing carries them', async () => {
    const now = new Date();
    const items = await drain(
      clientFor().fetchIncidents({ from: new Date(now.getTime() - 10 * 86_400_000), to: now }),
    );
    expect(items.find((item) => item.id === 'CASE123456')).toMatchObject({
      caseType: 2,
      clientCode: 'ABC',
      reviewed: false,
    });
  });
});
