import { IZOOLOGIC_MALFORMED_SAMPLE } from '@tqalert/fixtures';
import { describe, expect, it } from 'vitest';
import { decodeEnvelope } from './envelope.js';
import { IZoologicError } from './errors.js';
import { apiRequests, clientFor, drain, failureOf, memoryLogger, useFake } from './test-fake.js';

const fake = useFake();
const oneDay = { from: new Date('2026-01-05T00:00:00Z'), to: new Date('2026-01-05T23:59:59Z') };

describe('rate limiting (429 + Retry-After)', () => {
  it('is not retried for a case action: one request, an error with retryAfter, nothing applied', async () => {
    fake.faults.rateLimit(1, 30);
    const error = await failureOf(clientFor().approveCaseTakedown({ ids: 'INC100001' }));
    expect(error).toMatchObject({
      code: 'IZOOLOGIC_RATE_LIMITED',
      status: 429,
      retryAfter: 30,
      maybeApplied: false,
    });
    expect(error.message).toBe(
      'iZoologic is rate-limiting requests (HTTP 429 on approveCaseTakedown) and asks to wait 30 s. ' +
        'Case actions are not retried automatically; the action was not applied: run it again later.',
    );
    expect(apiRequests(fake)).toHaveLength(1);
    expect(fake.state.cases.get('INC100001')?.status).toBe('Pending');
  });

  it('is retried for FetchIncidents after the Retry-After wait', async () => {
    fake.faults.rateLimit(1, 1);
    const logger = memoryLogger();
    const started = Date.now();
    await drain(clientFor({ logger }).fetchIncidents(oneDay));
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(apiRequests(fake)).toHaveLength(2);
    expect(logger.lines).toContainEqual({
      level: 'warn',
      message: 'iZoologic request failed; retrying',
      fields: { request: 'POST /api/ThreatManagement/FetchIncidents', retry: 1, reason: 'HTTP 429' },
    });
  });

  it('gives up on FetchIncidents after two retries', async () => {
    fake.faults.rateLimit(3, 0);
    const error = await failureOf(drain(clientFor().fetchIncidents(oneDay)));
    expect(error).toMatchObject({ code: 'IZOOLOGIC_RATE_LIMITED', retryAfter: 0 });
    expect(error.message).toContain('Retries were used up; try again later.');
    expect(apiRequests(fake)).toHaveLength(3);
  });
});

describe('server errors', () => {
  it('HTTP 500 on an action: not retried, and the error warns it may have been applied', async () => {
    fake.faults.serverError(1);
    const error = await failureOf(clientFor().moveCase({ caseId: 'INC100002', toCaseType: 8 }));
    expect(error).toMatchObject({
      code: 'IZOOLOGIC_HTTP',
      status: 500,
      maybeApplied: true,
      detail: 'An error has occurred.',
    });
    expect(error.message).toMatch(
      /^iZoologic answered moveCase with HTTP 500 Internal Server Error: An error has occurred\. The action may have been applied: check the case/,
    );
    expect(apiRequests(fake)).toHaveLength(1);
  });

  it('HTTP 500 on FetchIncidents is not retried either (only 429 and 503 are)', async () => {
    fake.faults.serverError(1);
    const error = await failureOf(drain(clientFor().fetchIncidents(oneDay)));
    expect(error).toMatchObject({ code: 'IZOOLOGIC_HTTP', status: 500, maybeApplied: false });
    expect(apiRequests(fake)).toHaveLength(1);
  });
});

describe('malformed answers', () => {
  it("reads the guide's own invalid-JSON Approve Case Takedown sample as the success it reports", async () => {
    fake.faults.malformedJson(1);
    const logger = memoryLogger();
    const result = await clientFor({ logger }).approveCaseTakedown({ ids: 'INC100001' });
    expect(result).toEqual({ caseIds: ['INC100001'], message: 'Incidents approved for takedown' });
    expect(logger.lines).toContainEqual({
      level: 'warn',
      message: 'iZoologic answered with a body that is not valid JSON; read as the success it reports',
      fields: {
        request: 'POST /api/ThreatManagement/ApproveCaseTakedown',
        body: `"${IZOOLOGIC_MALFORMED_SAMPLE.replace(/\s+/g, ' ').trim()}"`,
      },
    });
  });

  it('still refuses an unparseable body that does not plainly report success, quoting its start', async () => {
    for (const body of [
      '<html>Bad gateway</html>',
      '{"success": true, "errorCode": "iZOO2004", "message": }',
    ]) {
      const decoded = decodeEnvelope(body);
      expect(decoded.ok).toBe(false);
      if (!decoded.ok) expect(decoded.problem).toContain(`a body that is not valid JSON: "${body}"`);
    }
    const nested = decodeEnvelope('{"result": {"Success": false,}, "success": true}');
    expect(nested.ok).toBe(false);
  });

  it('success:false with any code becomes an error with that code and message', async () => {
    fake.faults.successFalse(1, 'iZOO3001', 'Client code is suspended');
    const error = await failureOf(clientFor().sendCaseMessage({ caseId: 'INC100001', message: 'hi' }));
    expect(IZoologicError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'IZOOLOGIC_REJECTED',
      errorCode: 'iZOO3001',
      detail: 'Client code is suspended',
    });
    expect(error.message).toBe('iZoologic refused sendCaseMessage (iZOO3001: Client code is suspended).');
  });

  it('nested Success:false on MoveCase is a failure even though the outer success is true', async () => {
    fake.faults.nestedSuccessFalse(1, 'Case is locked');
    const error = await failureOf(
      clientFor().moveCase({ caseId: 'INC100002', toCaseType: 'whitelist', fromCaseType: 6 }),
    );
    expect(error).toMatchObject({ code: 'IZOOLOGIC_MOVE_REFUSED', detail: 'Case is locked' });
    expect(error.message).toBe(
      'iZoologic refused to move case INC100002 to Whitelist(10): Case is locked. The case was not moved.',
    );
    expect(fake.state.cases.get('INC100002')?.caseType).toBe(6);
  });
});

describe('hanging server', () => {
  it('times out after timeoutMs, without retrying an action, and says it may have been applied', async () => {
    fake.faults.hang(1);
    const error = await failureOf(clientFor({ timeoutMs: 200 }).markAsReviewed({ ids: 'INC100002' }));
    expect(error).toMatchObject({ code: 'IZOOLOGIC_TIMEOUT', status: 0, maybeApplied: true });
    expect(error.message).toMatch(
      /did not answer markAsReviewed within 200 ms \(raise timeoutMs if it is just slow\)\./,
    );
    expect(apiRequests(fake)).toHaveLength(1);
  });
});
