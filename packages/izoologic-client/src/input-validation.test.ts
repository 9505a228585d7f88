import { describe, expect, it } from 'vitest';
import type { CaseIdsInput, MoveCaseInput, SendCaseMessageInput } from './case-action-inputs.js';
import { validateMoveCase, validateSendCaseMessage } from './case-action-inputs.js';
import { IZoologicInputError } from './errors.js';
import type { FetchIncidentsInput, ReportNewIncidentInput } from './incident-inputs.js';
import { validateFetchIncidents, validateReportNewIncident } from './incident-inputs.js';
import { clientFor, failureOf, useFake } from './test-fake.js';

const fake = useFake();
const client = clientFor();

/** Runs a call that must be refused locally: returns its issues and checks the fake saw no request at all. */
async function refusedLocally(call: () => Promise<unknown>): Promise<IZoologicInputError> {
  const error = await failureOf(call());
  expect(IZoologicInputError.isInstance(error)).toBe(true);
  expect(fake.requests).toEqual([]);
  return error as IZoologicInputError;
}

describe('sendCaseMessage input', () => {
  const valid: SendCaseMessageInput = { caseId: 'INC100001', subject: 'Hi', message: 'Status?' };
  it.each<
    [
      string,
      Partial<SendCaseMessageInput> | Record<string, unknown>,
      { field: string; limit?: number; message: RegExp },
    ]
  >([
    [
      'a subject over 120',
      { subject: 's'.repeat(121) },
      {
        field: 'subject',
        limit: 120,
        message: /subject is 121 characters; iZoologic allows at most 120\. Shorten it by 1\./,
      },
    ],
    [
      'a missing message',
      { message: undefined },
      { field: 'message', message: /message is required: the text to send/ },
    ],
    ['a blank message', { message: '  \n ' }, { field: 'message', message: /message is required/ }],
    [
      'a message over 2,500',
      { message: 'm'.repeat(2_501) },
      { field: 'message', limit: 2_500, message: /at most 2500/ },
    ],
    ['a missing case id', { caseId: '' }, { field: 'caseId', message: /caseId is required/ }],
    [
      'a subject that is not text',
      { subject: 42 },
      { field: 'subject', message: /subject must be text, got a number/ },
    ],
  ])('refuses %s before any request', async (_name, change, expected) => {
    const input = { ...valid, ...change } as SendCaseMessageInput;
    const error = await refusedLocally(() => client.sendCaseMessage(input));
    expect(error.inputIssues).toEqual([
      expected.limit === undefined
        ? { field: expected.field, message: expect.stringMatching(expected.message) }
        : { field: expected.field, limit: expected.limit, message: expect.stringMatching(expected.message) },
    ]);
    expect(error.message).toMatch(
      /^Invalid sendCaseMessage\(\) input; nothing was sent to iZoologic \(1 problem\):/,
    );
    expect(error.issues).toEqual([{ path: expected.field, message: error.inputIssues[0]?.message }]);
    expect(validateSendCaseMessage(input)).toEqual(error.inputIssues);
  });

  it('reports every problem at once and accepts the exact limits', async () => {
    const error = await refusedLocally(() =>
      client.sendCaseMessage({ caseId: '', subject: 'x'.repeat(200), message: '' }),
    );
    expect(error.inputIssues.map((issue) => issue.field)).toEqual(['caseId', 'subject', 'message']);
    expect(
      validateSendCaseMessage({ caseId: 'C', subject: 'x'.repeat(120), message: 'y'.repeat(2_500) }),
    ).toEqual([]);
  });
});

describe('approveCaseTakedown / markAsReviewed input', () => {
  it.each<[string, CaseIdsInput | Record<string, unknown>, string, RegExp]>([
    ['no ids', { ids: '' }, 'ids', /ids is required: at least one case id/],
    ['only commas', { ids: ' , ,' }, 'ids', /ids is required/],
    ['an empty list', { ids: [] }, 'ids', /ids is required/],
    [
      'a list item with a comma',
      { ids: ['A', 'B,C'] },
      'ids[1]',
      /ids\[1\] \("B,C"\) contains a comma; give each id as its own item/,
    ],
    ['a blank list item', { ids: ['A', ' '] }, 'ids[1]', /ids\[1\] must be a case id/],
    [
      'ids that are a number',
      { ids: 123 },
      'ids',
      /ids must be a case id, comma-separated case ids, or a list/,
    ],
    ['a remark that is not text', { ids: 'A', remark: true }, 'remark', /remark must be text, got a boolean/],
  ])('refuses %s', async (_name, input, field, message) => {
    for (const call of [
      () => client.approveCaseTakedown(input as CaseIdsInput),
      () => client.markAsReviewed(input as CaseIdsInput),
    ]) {
      const error = await refusedLocally(call);
      expect(error.inputIssues).toEqual([{ field, message: expect.stringMatching(message) }]);
    }
  });
});

describe('moveCase input', () => {
  it.each<[string, Partial<MoveCaseInput> | Record<string, unknown>, RegExp]>([
    ['target 9', { toCaseType: 9 }, /Reported Incident\(9\) is never a move target/],
    ['target "reported"', { toCaseType: 'reported' }, /Reported Incident\(9\) is never a move target/],
    [
      'an unknown id',
      { toCaseType: 7 },
      /toCaseType 7 is not a case type\. Use an id or a name: 1 \(Domain Monitoring\)/,
    ],
    ['an unknown name', { toCaseType: 'blocklist' }, /toCaseType "blocklist" is not a case type/],
    ['a missing target', { toCaseType: undefined }, /toCaseType is required/],
    [
      'monitoring → monitoring',
      { fromCaseType: 2, toCaseType: 'domain' },
      /A Brand Abuse Monitoring\(2\) case cannot be moved to Domain Monitoring\(1\)\. From Brand Abuse Monitoring\(2\) the operation guide allows: AuthorisedList\(8\), Whitelist\(10\), Incident\(6\)\./,
    ],
    [
      'incident → incident',
      { fromCaseType: 'incident', toCaseType: 6 },
      /allows: Domain Monitoring\(1\), Brand Abuse Monitoring\(2\), Mobile App Monitoring\(3\), Social Media Monitoring\(4\), Executive Monitoring\(5\), AuthorisedList\(8\), Whitelist\(10\)\./,
    ],
  ])('refuses %s before any request, naming toCaseType', async (_name, change, message) => {
    const input = { caseId: 'INC100001', toCaseType: 6, ...change } as MoveCaseInput;
    const error = await refusedLocally(() => client.moveCase(input));
    expect(error.inputIssues).toEqual([{ field: 'toCaseType', message: expect.stringMatching(message) }]);
  });

  it('names fromCaseType when the current type is not a case type', async () => {
    const error = await refusedLocally(() =>
      client.moveCase({ caseId: 'X', toCaseType: 6, fromCaseType: 11 }),
    );
    expect(error.inputIssues).toEqual([
      { field: 'fromCaseType', message: expect.stringMatching(/fromCaseType 11 is not a case type/) },
    ]);
  });

  it('allows every move of the guide table when the current type is known', () => {
    const monitoringTargets = ['authorised-list', 'whitelist', 'incident'];
    for (const from of [1, 2, 3, 4, 5]) {
      for (const to of monitoringTargets)
        expect(validateMoveCase({ caseId: 'C', fromCaseType: from, toCaseType: to })).toEqual([]);
    }
    for (const to of ['domain', 'brand-abuse', 'mobile-app', 'social-media', 'executive', 8, 10]) {
      expect(validateMoveCase({ caseId: 'C', fromCaseType: 6, toCaseType: to })).toEqual([]);
    }
  });
});

describe('fetchIncidents input', () => {
  const valid: FetchIncidentsInput = {
    from: new Date('2026-01-01T00:00:00Z'),
    to: new Date('2026-01-02T00:00:00Z'),
  };
  it.each<[string, Partial<FetchIncidentsInput> | Record<string, unknown>, string, RegExp]>([
    [
      'to before from',
      { to: new Date('2025-12-31T00:00:00Z') },
      'to',
      /to \(2025-12-31T00:00:00\.000Z\) is before from \(2026-01-01T00:00:00\.000Z\); swap them/,
    ],
    ['an invalid date', { from: new Date('nope') }, 'from', /from must be a valid Date, got an invalid Date/],
    ['a string date', { to: '2026-01-02' }, 'to', /to must be a valid Date, got string/],
    [
      'an unknown incident type',
      { incidentType: 'spam' },
      'incidentType',
      /incidentType "spam" is not known\. Use one of: 1 \(brand abuse\), 2 \(phishing\)/,
    ],
    [
      'an unknown threat level',
      { threatType: 15 },
      'threatType',
      /threatType 15 is not known\. Use one of: 10 \(low\)/,
    ],
    ['an executive name over 100', { executiveName: 'e'.repeat(101) }, 'executiveName', /at most 100/],
  ])('refuses %s at once, before iterating', (_name, change, field, message) => {
    const input = { ...valid, ...change } as FetchIncidentsInput;
    expect(() => client.fetchIncidents(input)).toThrow(IZoologicInputError);
    expect(validateFetchIncidents(input)).toEqual([
      expect.objectContaining({ field, message: expect.stringMatching(message) }),
    ]);
    expect(fake.requests).toEqual([]);
  });
});

describe('reportNewIncident input', () => {
  const valid: ReportNewIncidentInput = {
    incidentUrl: 'https://phish.example',
    incidentType: 'phishing',
    brandCode: 'ACMEBANK',
  };
  it.each<[string, Partial<ReportNewIncidentInput> | Record<string, unknown>, string, RegExp]>([
    ['a missing URL', { incidentUrl: undefined }, 'incidentUrl', /incidentUrl is required/],
    [
      'a URL over 1,000',
      { incidentUrl: `https://x.example/${'a'.repeat(1_000)}` },
      'incidentUrl',
      /at most 1000/,
    ],
    [
      'a missing incident type',
      { incidentType: undefined },
      'incidentType',
      /incidentType is required: one of 1 \(brand abuse\)/,
    ],
    ['an unknown incident type', { incidentType: 4242 }, 'incidentType', /incidentType 4242 is not known/],
    ['a missing brand code', { brandCode: ' ' }, 'brandCode', /brandCode is required/],
    [
      'case type 8',
      { caseType: 'whitelist' },
      'caseType',
      /caseType must be a monitoring type \(1-5\) or Incident \(6\), got 10/,
    ],
    ['a comment over 2,500', { comment: 'c'.repeat(2_501) }, 'comment', /at most 2500/],
    ['an executive name over 2,500', { executiveName: 'e'.repeat(2_501) }, 'executiveName', /at most 2500/],
  ])('refuses %s before any request', async (_name, change, field, message) => {
    const input = { ...valid, ...change } as ReportNewIncidentInput;
    const error = await refusedLocally(() => client.reportNewIncident(input));
    expect(error.inputIssues).toEqual([
      expect.objectContaining({ field, message: expect.stringMatching(message) }),
    ]);
    expect(validateReportNewIncident(input)).toEqual(error.inputIssues);
  });
});
