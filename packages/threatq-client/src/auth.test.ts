import { type Logger, TQAlertError } from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import { ThreatQClient } from './client.js';
import { clientFor, requestsTo, upstreamFailure, useThreatQFake } from './test-fake.js';

const fake = useThreatQFake({ objectCount: 20 });

describe('password grant', () => {
  it('logs in the way the SDK does and sends a capitalised Bearer token', async () => {
    const client = clientFor(fake);
    const object = await client.getObject('indicators', 1);
    expect(object.id).toBe(1);
    const [token] = requestsTo(fake, '/api/token');
    expect(token?.query).toEqual({ grant_type: 'password', client_id: fake.credentials.clientId });
    expect(token?.body).toEqual({ email: fake.credentials.email, password: fake.credentials.password });
    const [read] = requestsTo(fake, '/api/indicators/1');
    expect(read?.headers.authorization).toMatch(/^Bearer tq-at-/);
  });

  it('names the grant and the fields to check on bad credentials, without the password', async () => {
    const client = clientFor(fake, {
      auth: {
        type: 'password',
        email: fake.credentials.email,
        password: 'wrong-password-123',
        clientId: fake.credentials.clientId,
      },
    });
    const error = await upstreamFailure(client.getObject('indicators', 1));
    expect(error.code).toBe('THREATQ_AUTH_FAILED');
    expect(error.status).toBe(400);
    expect(error.message).toContain('password grant');
    expect(error.message).toContain('The user credentials were incorrect.');
    expect(error.message).toMatch(/auth\.email, auth\.password and auth\.clientId/);
    expect(JSON.stringify({ message: error.message, detail: error.detail })).not.toContain(
      'wrong-password-123',
    );
    // Bad credentials are not retried: one token request, no API call.
    expect(requestsTo(fake, '/api/token')).toHaveLength(1);
    expect(fake.requests).toHaveLength(1);
  });
});

describe('client_credentials grant', () => {
  it('authenticates with HTTP Basic', async () => {
    const client = clientFor(fake, {
      auth: {
        type: 'client_credentials',
        clientId: fake.credentials.privateClientId,
        clientSecret: fake.credentials.clientSecret,
      },
    });
    await client.getObject('indicators', 2);
    const [token] = requestsTo(fake, '/api/token');
    expect(token?.query.grant_type).toBe('client_credentials');
    const expected = Buffer.from(
      `${fake.credentials.privateClientId}:${fake.credentials.clientSecret}`,
    ).toString('base64');
    expect(token?.headers.authorization).toBe(`Basic ${expected}`);
  });

  it('reports a wrong secret with the fields to check, and never the secret', async () => {
    const client = clientFor(fake, {
      auth: {
        type: 'client_credentials',
        clientId: fake.credentials.privateClientId,
        clientSecret: 'not-the-secret-456',
      },
    });
    const error = await upstreamFailure(client.getObject('indicators', 2));
    expect(error.code).toBe('THREATQ_AUTH_FAILED');
    expect(error.message).toContain('client_credentials grant');
    expect(error.message).toContain('auth.clientId and auth.clientSecret');
    expect(error.message).not.toContain('not-the-secret-456');
  });
});

describe('token cache', () => {
  it('reuses one token across calls and shares one login between concurrent callers', async () => {
    const client = clientFor(fake);
    await Promise.all([1, 2, 3, 4, 5].map((id) => client.getObject('indicators', id)));
    await client.getObject('indicators', 6);
    expect(requestsTo(fake, '/api/token')).toHaveLength(1);
  });

  it('logs in again once and repeats the call when a token is refused (401)', async () => {
    const client = clientFor(fake);
    await client.getObject('indicators', 1);
    fake.faults.expireTokenOnce();
    const object = await client.getObject('indicators', 3);
    expect(object.id).toBe(3);
    expect(requestsTo(fake, '/api/token')).toHaveLength(2);
    expect(requestsTo(fake, '/api/indicators/3')).toHaveLength(2);
  });
});

describe('options', () => {
  it('rejects wrong options with every path named and no secret echoed', () => {
    let error: unknown;
    try {
      new ThreatQClient({
        baseUrl: 'https://threatq.example.com',
        auth: { type: 'client_credentials', clientId: '', clientSecret: 'super-secret-789' },
        retry: { limit: -1 },
      });
    } catch (e) {
      error = e;
    }
    expect(TQAlertError.isInstance(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain('auth.clientId');
    expect(message).toContain('retry.limit');
    expect(message).not.toContain('super-secret-789');
  });

  it('refuses plain http to a remote host, and a base URL with a path', () => {
    const auth = { type: 'password', email: 'a@b.test', password: 'pw-123456', clientId: 'c' } as const;
    expect(() => new ThreatQClient({ baseUrl: 'http://threatq.example.com', auth })).toThrow(
      /baseUrl: uses http:\/\/ for threatq\.example\.com/,
    );
    expect(() => new ThreatQClient({ baseUrl: 'https://threatq.example.com/ui', auth })).toThrow(
      /without a path/,
    );
    expect(new ThreatQClient({ baseUrl: 'https://threatq.example.com/api/', auth }).origin).toBe(
      'https://threatq.example.com',
    );
  });
});

describe('secrets', () => {
  it('never writes a password, secret or token to the log, even through retries and renewals', async () => {
    const lines: unknown[] = [];
    const record =
      (level: string) =>
      (message: string, fields?: Record<string, unknown>): void => {
        lines.push({ level, message, fields });
      };
    const logger: Logger = {
      debug: record('debug'),
      info: record('info'),
      warn: record('warn'),
      error: record('error'),
      child: () => logger,
    };
    const client = clientFor(fake, { logger });
    await client.getObject('indicators', 1);
    fake.faults.serverError(1);
    fake.faults.expireTokenOnce();
    await client.getObject('indicators', 2);
    const log = JSON.stringify(lines);
    expect(lines.length).toBeGreaterThan(3);
    expect(log).not.toContain(fake.credentials.password);
    const tokens = fake.requests.map((r) => r.headers.authorization?.replace('Bearer ', '')).filter(Boolean);
    expect(tokens.length).toBeGreaterThan(0);
    for (const token of tokens) expect(log).not.toContain(token);
  });
});
