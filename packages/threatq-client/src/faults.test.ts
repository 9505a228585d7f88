import { type UpstreamHttpError, ValidationError } from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import { clientFor, rejectionOf, requestsTo, useThreatQFake } from './test-fake.js';

const fake = useThreatQFake({ objectCount: 20 });

describe('rate limits', () => {
  it('waits for Retry-After, then succeeds', async () => {
    const client = clientFor(fake);
    await client.getObject('indicators', 1);
    fake.faults.rateLimit(1, 1);
    const started = Date.now();
    const object = await client.getObject('indicators', 2);
    expect(object.id).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(requestsTo(fake, '/api/indicators/2')).toHaveLength(2);
  });

  it('gives up at once when Retry-After is longer than retry.maxDelayMs, and says how long to wait', async () => {
    const client = clientFor(fake, { retry: { limit: 3, maxDelayMs: 500, baseDelayMs: 5 } });
    await client.getObject('indicators', 1);
    fake.faults.rateLimit(1, 120);
    const error = (await rejectionOf(client.getObject('indicators', 2))) as UpstreamHttpError;
    expect(error.code).toBe('THREATQ_RATE_LIMITED');
    expect(error.retryAfter).toBe(120);
    expect(error.message).toContain('Retry after 120 s');
    expect(requestsTo(fake, '/api/indicators/2')).toHaveLength(1);
  });
});

describe('server errors', () => {
  it('retries a read through transient 503s', async () => {
    fake.faults.serverError(2);
    const object = await clientFor(fake).getObject('indicators', 4);
    expect(object.id).toBe(4);
    expect(requestsTo(fake, '/api/indicators/4')).toHaveLength(3);
  });

  it('retries a query (a read sent as POST)', async () => {
    const client = clientFor(fake);
    await client.getObject('indicators', 1);
    fake.faults.serverError(1, 502);
    const first = await client.query('indicators', {}, { pageSize: 5 }).next();
    expect(first.value?.id).toBe(1);
    expect(requestsTo(fake, '/api/indicators/query')).toHaveLength(2);
  });

  it('reports the status once retries run out', async () => {
    const client = clientFor(fake, { retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 50 } });
    await client.getObject('indicators', 1);
    fake.faults.serverError(5, 500);
    const error = (await rejectionOf(client.getObject('indicators', 4))) as UpstreamHttpError;
    expect(error.status).toBe(500);
    expect(error.message).toMatch(
      /ThreatQ answered GET \/api\/indicators\/4 with 500: Service Unavailable.*try again later/,
    );
    expect(requestsTo(fake, '/api/indicators/4')).toHaveLength(3);
  });

  it('never retries a write, so a comment is never posted twice', async () => {
    const client = clientFor(fake);
    await client.getObject('indicators', 1);
    fake.faults.serverError(1);
    const error = (await rejectionOf(client.addComment('indicators', 4, 'once only'))) as UpstreamHttpError;
    expect(error.status).toBe(503);
    expect(requestsTo(fake, '/api/indicators/4/comments')).toHaveLength(1);
  });
});

describe('hanging and broken answers', () => {
  it('times out a hung read and retries it', async () => {
    const client = clientFor(fake, { timeoutMs: 300 });
    await client.getObject('indicators', 1);
    fake.faults.hang(1);
    const object = await client.getObject('indicators', 6);
    expect(object.id).toBe(6);
    expect(requestsTo(fake, '/api/indicators/6')).toHaveLength(2);
  });

  it('reports a hung write as a timeout, without retrying it', async () => {
    const client = clientFor(fake, { timeoutMs: 300 });
    await client.getObject('indicators', 1);
    fake.faults.hang(1);
    const error = (await rejectionOf(
      client.addAttribute('indicators', 6, 'Severity', 'High'),
    )) as UpstreamHttpError;
    expect(error.code).toBe('THREATQ_TIMEOUT');
    expect(error.status).toBe(0);
    expect(error.message).toContain('did not answer POST /api/indicators/6/attributes within 300 ms');
    expect(requestsTo(fake, '/api/indicators/6/attributes')).toHaveLength(1);
  });

  it('reports a truncated JSON body as a ValidationError naming the request', async () => {
    const client = clientFor(fake);
    await client.getObject('indicators', 1);
    fake.faults.malformedJson(1);
    const error = await rejectionOf(client.getObject('indicators', 9));
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).code).toBe('THREATQ_MALFORMED_JSON');
    expect((error as Error).message).toContain('GET /api/indicators/9');
  });
});
