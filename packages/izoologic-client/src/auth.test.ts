import { inspect } from 'node:util';
import { IZOOLOGIC_CREDENTIALS } from '@tqalert/fixtures';
import { describe, expect, it } from 'vitest';
import { apiRequests, clientFor, failureOf, memoryLogger, useFake } from './test-fake.js';

const fake = useFake();
const move = { caseId: 'INC100002', toCaseType: 'whitelist' } as const;

describe('token exchange', () => {
  it('exchanges the keys once, as JSON {apikey, secretkey}, and reuses the bearer token', async () => {
    const client = clientFor();
    await Promise.all([
      client.markAsReviewed({ ids: 'INC100002' }),
      client.markAsReviewed({ ids: 'MON200001' }),
      client.sendCaseMessage({ caseId: 'INC100002', message: 'hello' }),
    ]);
    const exchanges = fake.requests.filter((request) => request.path === '/api/Token/Authenticate');
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]?.body).toEqual(IZOOLOGIC_CREDENTIALS);
    const [token] = [...fake.state.tokens];
    for (const request of apiRequests(fake)) expect(request.headers.authorization).toBe(`Bearer ${token}`);
  });

  it('explains wrong keys without quoting them, and sends nothing else', async () => {
    const error = await failureOf(clientFor({ secretKey: 'wrong-secret-value' }).moveCase(move));
    expect(error).toMatchObject({ code: 'IZOOLOGIC_AUTH_FAILED', errorCode: 'iZOO1001', status: 200 });
    expect(error.message).toBe(
      'iZoologic did not accept the API key and secret key (iZOO1001: Invalid API key or secret key.). ' +
        'Check apiKey and secretKey (iZoologic: Account > Profile > API Key).',
    );
    expect(apiRequests(fake)).toEqual([]);
  });

  it('tries the exchange again on the next call after a failed one', async () => {
    fake.faults.serverError(1, { route: 'Authenticate' });
    const client = clientFor();
    expect(await failureOf(client.moveCase(move))).toMatchObject({ code: 'IZOOLOGIC_HTTP', status: 500 });
    await expect(client.moveCase(move)).resolves.toMatchObject({ toCaseType: 10 });
  });

  it('re-authenticates once on 401 and repeats the call once', async () => {
    const logger = memoryLogger();
    const client = clientFor({ logger });
    await client.markAsReviewed({ ids: 'INC100002' });
    fake.faults.expireTokenOnce();
    await expect(client.moveCase(move)).resolves.toMatchObject({ message: 'Case moved successfully' });
    expect(fake.state.tokensIssued).toBe(2);
    expect(fake.requests.map((request) => request.path.split('/').at(-1))).toEqual([
      'Authenticate',
      'MarkAsReviewed',
      'MoveCase',
      'Authenticate',
      'MoveCase',
    ]);
    expect(fake.state.cases.get('INC100002')?.caseType).toBe(10);
    expect(logger.lines.some((line) => line.level === 'info' && line.message.includes('HTTP 401'))).toBe(
      true,
    );
  });

  it('gives up after a second 401 with a fresh token, saying so', async () => {
    const client = clientFor();
    fake.faults.expireTokenOnce();
    fake.faults.expireTokenOnce();
    const error = await failureOf(client.markAsReviewed({ ids: 'INC100002' }));
    expect(error).toMatchObject({ code: 'IZOOLOGIC_UNAUTHORIZED', status: 401 });
    expect(error.message).toContain('HTTP 401 Unauthorized even with a freshly issued token');
    expect(apiRequests(fake)).toHaveLength(2);
  });

  it("passes on the server's code and reason when the exchange is refused for another cause", async () => {
    fake.faults.successFalse(1, 'iZOO1999', 'Keys suspended', { route: 'Authenticate' });
    const error = await failureOf(clientFor().moveCase(move));
    expect(error).toMatchObject({ code: 'IZOOLOGIC_AUTH_FAILED', errorCode: 'iZOO1999' });
    expect(error.message).toContain('(iZOO1999: Keys suspended)');
  });
});

describe('secrets', () => {
  it('never appear in error messages, details or serialised errors, even when the server echoes them', async () => {
    const { apikey, secretkey } = IZOOLOGIC_CREDENTIALS;
    const client = clientFor();
    await client.markAsReviewed({ ids: 'INC100002' });
    const [token] = [...fake.state.tokens];
    fake.faults.successFalse(1, 'iZOO2999', `Bad request from ${apikey}/${secretkey} with Bearer ${token}`);
    const refused = await failureOf(client.markAsReviewed({ ids: 'INC100002' }));
    fake.faults.serverError(1);
    const http = await failureOf(client.markAsReviewed({ ids: 'INC100002' }));
    const wrongKeys = await failureOf(
      clientFor({ apiKey: 'some-other-key-1234' }).markAsReviewed({ ids: 'X' }),
    );
    for (const error of [refused, http, wrongKeys]) {
      const text = [error.message, JSON.stringify(error), inspect(error, { depth: 5 })].join('\n');
      for (const secret of [apikey, secretkey, token ?? 'no-token', 'some-other-key-1234'])
        expect(text).not.toContain(secret);
    }
    expect(refused.message).toContain('[REDACTED]');
  });

  it('stay out of the client when it is logged or inspected', () => {
    const client = clientFor();
    const shown = `${inspect(client, { depth: 10, showHidden: true })}${JSON.stringify(client)}`;
    expect(shown).not.toContain(IZOOLOGIC_CREDENTIALS.apikey);
    expect(shown).not.toContain(IZOOLOGIC_CREDENTIALS.secretkey);
  });
});
