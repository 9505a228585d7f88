import { describe, expect, it } from 'vitest';
import { IZoologicError } from './errors.js';
import { apiRequests, clientFor, failureOf, useFake } from './test-fake.js';

const fake = useFake();

describe('sendCaseMessage', () => {
  it("sends CaseID, Subject, Message and ClientCode as the guide's query string, with no body", async () => {
    const result = await clientFor().sendCaseMessage({
      caseId: 'INC100001',
      subject: 'Urgent Follow-up',
      message: 'Please provide status update on this phishing case',
      clientCode: 'ACME',
    });
    expect(result).toEqual({ caseIds: ['INC100001'], message: 'Message sent successfully' });
    const [request] = apiRequests(fake);
    expect(request?.path).toBe('/api/ThreatManagement/SendCaseMessage');
    expect(request?.method).toBe('POST');
    expect(request?.query).toEqual({
      CaseID: 'INC100001',
      Subject: 'Urgent Follow-up',
      Message: 'Please provide status update on this phishing case',
      ClientCode: 'ACME',
    });
    expect(request?.body).toBeUndefined();
    expect(fake.state.cases.get('INC100001')?.history).toMatchObject([
      { action: 'message', detail: { subject: 'Urgent Follow-up' } },
    ]);
  });

  it('encodes spaces as %20 in the guide order and leaves out what was not given', async () => {
    let seenUrl = '';
    const client = clientFor({
      fetch: (input, init) => {
        if (input instanceof Request && input.url.includes('SendCaseMessage')) seenUrl = input.url;
        return fetch(input, init);
      },
    });
    await client.sendCaseMessage({ caseId: ' INC100001 ', message: 'a b&c=d' });
    expect(seenUrl).toBe(
      'https://izoologic.test/api/ThreatManagement/SendCaseMessage?CaseID=INC100001&Message=a%20b%26c%3Dd',
    );
  });
});

describe('approveCaseTakedown and markAsReviewed', () => {
  it('posts {ids, clientCode, remark} with several ids joined by commas, and the case goes Pending → Open', async () => {
    const result = await clientFor().approveCaseTakedown({
      ids: ['INC100001', 'INC100003'],
      clientCode: undefined,
      remark: 'Approved for immediate takedown',
    });
    expect(result).toEqual({
      caseIds: ['INC100001', 'INC100003'],
      message: 'Incidents approved for takedown',
    });
    const [request] = apiRequests(fake);
    expect(request).toMatchObject({
      path: '/api/ThreatManagement/ApproveCaseTakedown',
      query: {},
      body: { ids: 'INC100001,INC100003', remark: 'Approved for immediate takedown' },
    });
    expect(request?.headers['content-type']).toMatch(/^application\/json/);
    expect(fake.state.cases.get('INC100001')?.status).toBe('Open');
    expect(fake.state.cases.get('INC100003')?.status).toBe('Open');
  });

  it('marks cases reviewed with the exact body', async () => {
    const result = await clientFor().markAsReviewed({
      ids: 'MON200002',
      clientCode: 'ACME',
      remark: 'checked',
    });
    expect(result.message).toBe('Cases Marked as Reviewed');
    expect(apiRequests(fake)[0]).toMatchObject({
      path: '/api/ThreatManagement/MarkAsReviewed',
      body: { ids: 'MON200002', clientCode: 'ACME', remark: 'checked' },
    });
    expect(fake.state.cases.get('MON200002')?.reviewed).toBe(true);
  });

  it("turns the server's success:false into an IZoologicError carrying its iZOO code and message", async () => {
    const error = await failureOf(clientFor().approveCaseTakedown({ ids: 'MON200001' }));
    expect(IZoologicError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'IZOOLOGIC_REJECTED',
      errorCode: 'iZOO2006',
      status: 200,
      maybeApplied: false,
    });
    expect(error.message).toContain('iZoologic refused approveCaseTakedown (iZOO2006: Case MON200001');
  });
});

describe('moveCase', () => {
  it('posts {clientCode, caseID, moveToCaseType, comment} and the case changes type', async () => {
    const result = await clientFor().moveCase({
      caseId: 'MON200002',
      toCaseType: 'incident',
      clientCode: 'ACME',
      comment: 'Moving case to incident for further investigation',
    });
    expect(result).toEqual({ caseIds: ['MON200002'], message: 'Case moved successfully', toCaseType: 6 });
    expect(apiRequests(fake)[0]).toMatchObject({
      path: '/api/ThreatManagement/MoveCase',
      body: {
        clientCode: 'ACME',
        caseID: 'MON200002',
        moveToCaseType: 6,
        comment: 'Moving case to incident for further investigation',
      },
    });
    expect(fake.state.cases.get('MON200002')?.caseType).toBe(6);
  });

  it('reports the nested Success:false refusal with the server reason when the current type is unknown', async () => {
    const error = await failureOf(clientFor().moveCase({ caseId: 'MON200002', toCaseType: 'domain' }));
    expect(error).toMatchObject({ code: 'IZOOLOGIC_MOVE_REFUSED', status: 200, maybeApplied: false });
    expect(error.message).toMatch(
      /^iZoologic refused to move case MON200002 to Domain Monitoring\(1\): .*Allowed:/,
    );
    expect(error.message).toContain('The case was not moved.');
    expect(fake.state.cases.get('MON200002')?.caseType).toBe(2);
  });

  it('lets the server decide moves out of types the guide has no row for', async () => {
    const error = await failureOf(
      clientFor().moveCase({ caseId: 'WHT400001', toCaseType: 6, fromCaseType: 10 }),
    );
    expect(error).toMatchObject({ code: 'IZOOLOGIC_MOVE_REFUSED' });
    expect(apiRequests(fake)).toHaveLength(1);
  });
});
