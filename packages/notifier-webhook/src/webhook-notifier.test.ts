import { createHmac, timingSafeEqual } from 'node:crypto';
import { DeliveryError, type DeliveryRecord, UpstreamHttpError } from '@tqalert/core';
import { alertBatch, watchlistAlert } from '@tqalert/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { type RecordingServer, type Reply, startRecordingServer } from './__tests__/recording-server.js';
import { WebhookFormatter } from './webhook-formatter.js';
import { WebhookNotifier } from './webhook-notifier.js';
import type { WebhookJsonBody } from './webhook-payload.js';

const SIGNING_SECRET = 'whsec-0123456789abcdef-signing';
const AUTH = 'Bearer tok-supersecret-9f8e7d';
const URL_SIG = 'sig-QUERYSECRET-4242';

let server: RecordingServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(...script: Reply[]): Promise<RecordingServer> {
  server = await startRecordingServer(script);
  return server;
}

function notifierFor(s: RecordingServer, extra: Record<string, unknown> = {}): WebhookNotifier {
  return new WebhookNotifier({
    name: 'ops-hook',
    url: `${s.url}/hooks/tqalert?api-version=1&sig=${URL_SIG}`,
    headers: { Authorization: AUTH },
    secretHeader: { secret: SIGNING_SECRET },
    timeoutMs: 2000,
    ...extra,
  }).setFormatter(new WebhookFormatter('WATCHLIST'));
}

/** Everything an error could show a user or a log: message, JSON form, and the cause's fields. */
function everythingShown(error: unknown): string {
  const e = error as DeliveryError;
  return [
    e.message,
    JSON.stringify(e),
    e.cause instanceof Error ? e.cause.message : '',
    JSON.stringify(e.cause),
  ].join('\n');
}

function expectNoSecrets(error: unknown) {
  const shown = everythingShown(error);
  for (const secret of [SIGNING_SECRET, 'tok-supersecret-9f8e7d', URL_SIG, '/hooks/tqalert']) {
    expect(shown).not.toContain(secret);
  }
}

/** Formats one watchlist alert and sends it. */
function sendOne(notifier: WebhookNotifier): Promise<DeliveryRecord[]> {
  return notifier.sendAlert(notifier.formatAlert([watchlistAlert()]));
}

async function failure(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(DeliveryError.isInstance(error)).toBe(true);
  return error as DeliveryError;
}

describe('WebhookNotifier delivering', () => {
  it('POSTs the JSON body with its headers and a signature the receiver can verify', async () => {
    const s = await serve({ status: 202, headers: { 'x-request-id': 'req-77' } });
    const notifier = notifierFor(s);
    const alerts = alertBatch(2);
    const records = await notifier.sendAlert(notifier.formatAlert(alerts), {
      idempotencyKey: 'watch|1|ops-hook',
    });

    expect(s.requests).toHaveLength(1);
    const [request] = s.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe(`/hooks/tqalert?api-version=1&sig=${URL_SIG}`);
    expect(request?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(request?.headers.authorization).toBe(AUTH);
    expect(request?.headers['idempotency-key']).toBe('watch|1|ops-hook:ops-hook:0');
    const timestamp = String(request?.headers['x-tqalert-timestamp']);
    const expected = createHmac('sha256', SIGNING_SECRET)
      .update(`v1:${timestamp}:watch|1|ops-hook:ops-hook:0:${request?.body ?? ''}`)
      .digest();
    const signature = String(request?.headers['x-tqalert-signature-256']);
    expect(signature.startsWith('v1=')).toBe(true);
    expect(timingSafeEqual(Buffer.from(signature.slice(3), 'hex'), expected)).toBe(true);

    const body = JSON.parse(request?.body ?? '{}') as WebhookJsonBody;
    expect([body.type, body.count]).toEqual(['WATCHLIST', 2]);
    expect(body.alerts).toEqual(alerts);
    expect(records).toEqual([
      {
        notifier: 'ops-hook',
        destination: 'ops-hook',
        parts: [{ destination: 'ops-hook', part: 0, ref: { status: '202', requestId: 'req-77' } }],
        sentAt: expect.any(String),
      },
    ]);
  });

  it('sends without a signature header when no secret is configured', async () => {
    const s = await serve();
    const notifier = new WebhookNotifier({ url: `${s.url}/x` }).setFormatter(
      new WebhookFormatter('WATCHLIST'),
    );
    await sendOne(notifier);
    expect(Object.keys(s.requests[0]?.headers ?? {})).not.toContain('x-tqalert-signature-256');
  });

  it('refuses to format without a formatter, saying so', () => {
    const notifier = new WebhookNotifier({ url: 'https://hooks.example.com/x' });
    expect(() => notifier.formatAlert([watchlistAlert()])).toThrow(/no formatter: call setFormatter\(\)/);
  });

  it('sends nothing when the retry is for other destinations', async () => {
    const s = await serve();
    const notifier = notifierFor(s);
    expect(
      await notifier.sendAlert(notifier.formatAlert([watchlistAlert()]), { destinations: ['other'] }),
    ).toEqual([]);
    expect(s.requests).toHaveLength(0);
    expect(await notifier.destinations()).toEqual(['ops-hook']);
  });
});

describe('WebhookNotifier failures', () => {
  it('turns 429 into a retryable error carrying Retry-After seconds', async () => {
    const s = await serve({ status: 429, headers: { 'retry-after': '7' }, body: 'slow down' });
    const notifier = notifierFor(s);
    const error = await failure(sendOne(notifier));
    expect(error).toMatchObject({
      retryable: true,
      retryAfter: 7,
      code: 'WEBHOOK_RATE_LIMITED',
      notifier: 'ops-hook',
    });
    expect(error.message).toContain('answered 429');
    expect(UpstreamHttpError.isInstance(error.cause) && error.cause.status).toBe(429);
    expectNoSecrets(error);
  });

  it('reads an HTTP-date Retry-After as seconds from now', async () => {
    const inOneMinute = new Date(Date.now() + 60_000).toUTCString();
    const s = await serve({ status: 503, headers: { 'retry-after': inOneMinute } });
    const notifier = notifierFor(s);
    const error = await failure(sendOne(notifier));
    expect(error.retryable).toBe(true);
    expect(error.retryAfter).toBeGreaterThanOrEqual(58);
    expect(error.retryAfter).toBeLessThanOrEqual(61);
  });

  it('turns 500 into a retryable error that says what the receiver answered', async () => {
    const s = await serve({ status: 500, body: 'database down' });
    const notifier = notifierFor(s);
    const error = await failure(sendOne(notifier));
    expect(error).toMatchObject({ retryable: true, code: 'WEBHOOK_SERVER_ERROR', retryAfter: undefined });
    expect(error.message).toMatch(
      /POST http:\/\/127\.0\.0\.1:\d+\/… answered 500 Internal Server Error: database down/,
    );
    expectNoSecrets(error);
  });

  it('turns 400 into a permanent error, scrubbing secrets the receiver echoes back', async () => {
    const s = await serve({
      status: 400,
      body: `bad payload; you sent Authorization: ${AUTH} and sig=${URL_SIG}`,
    });
    const notifier = notifierFor(s);
    const error = await failure(sendOne(notifier));
    expect(error).toMatchObject({ retryable: false, code: 'WEBHOOK_REJECTED' });
    expect(error.message).toContain('answered 400 Bad Request: bad payload');
    expect(error.message).toContain('[REDACTED]');
    expectNoSecrets(error);
  });

  it('explains 401 and 404 with what to check', async () => {
    const s = await serve({ status: 401 }, { status: 404 });
    const notifier = notifierFor(s);
    const unauthorized = await failure(sendOne(notifier));
    expect(unauthorized).toMatchObject({ retryable: false, code: 'WEBHOOK_UNAUTHORIZED' });
    expect(unauthorized.message).toContain('check the Authorization header or signing secret');
    const missing = await failure(sendOne(notifier));
    expect(missing).toMatchObject({ retryable: false, code: 'WEBHOOK_NOT_FOUND' });
  });

  it('does not follow a redirect, which would carry the signature and headers elsewhere', async () => {
    const s = await serve({ status: 302, headers: { location: 'http://127.0.0.1:1/elsewhere' } });
    const notifier = notifierFor(s);
    const error = await failure(sendOne(notifier));
    expect(error).toMatchObject({ retryable: false, code: 'WEBHOOK_REDIRECT' });
    expect(s.requests).toHaveLength(1);
  });

  it('gives up on a hanging receiver after timeoutMs with a retryable error', async () => {
    const s = await serve('hang');
    const notifier = notifierFor(s, { timeoutMs: 200 });
    const started = performance.now();
    const error = await failure(sendOne(notifier));
    expect(error).toMatchObject({ retryable: true, code: 'WEBHOOK_TIMEOUT' });
    expect(error.message).toContain('did not answer within 200 ms');
    // Bounded by the timeout, not by the test runner's: far below the 2 s default of this notifier.
    expect(performance.now() - started).toBeLessThan(1900);
    expectNoSecrets(error);
  });

  it('treats a refused connection as retryable', async () => {
    const closed = await startRecordingServer();
    const url = closed.url;
    await closed.close();
    const notifier = new WebhookNotifier({
      url: `${url}/x?sig=${URL_SIG}`,
      headers: { Authorization: AUTH },
    }).setFormatter(new WebhookFormatter('WATCHLIST'));
    const error = await failure(sendOne(notifier));
    expect(error).toMatchObject({ retryable: true, code: 'WEBHOOK_NETWORK' });
    expect(error.message).toContain('ECONNREFUSED');
    expectNoSecrets(error);
  });

  it('refuses a message that is not a WebhookPayload, permanently and clearly', async () => {
    const s = await serve();
    const notifier = notifierFor(s);
    const error = await failure(notifier.sendAlert({ text: 'hi' } as never));
    expect(error).toMatchObject({ retryable: false, code: 'WEBHOOK_BAD_MESSAGE' });
    expect(s.requests).toHaveLength(0);
  });
});

describe('WebhookNotifier with several webhooks', () => {
  it('posts to each named webhook, and one refusing does not stop the others', async () => {
    const s = await serve(
      { status: 200 },
      { status: 503, headers: { 'retry-after': '30' } },
      { status: 200 },
    );
    const notifier = new WebhookNotifier({
      name: 'teams',
      urls: { soc: `${s.url}/soc?sig=${URL_SIG}`, noc: `${s.url}/noc`, cert: `${s.url}/cert` },
    }).setFormatter(new WebhookFormatter('WATCHLIST'));
    expect(await notifier.destinations()).toEqual(['soc', 'noc', 'cert']);

    const error = await failure(sendOne(notifier));
    expect(s.requests.map((r) => r.path.split('?')[0])).toEqual(['/soc', '/noc', '/cert']);
    expect(error).toMatchObject({ retryable: true, retryAfter: 30, code: 'WEBHOOK_SERVER_ERROR' });
    expect(error.message).toMatch(/could not deliver to noc: POST/);
    expect(error.delivered.map((p) => p.destination)).toEqual(['soc', 'cert']);
    expectNoSecrets(error);

    const records = await notifier.sendAlert(notifier.formatAlert([watchlistAlert()]), {
      alreadyDelivered: error.delivered,
    });
    expect(s.requests.map((r) => r.path.split('?')[0])).toEqual(['/soc', '/noc', '/cert', '/noc']);
    expect(records.map((r) => r.destination)).toEqual(['soc', 'noc', 'cert']);
  });

  it('sends only to the destinations asked for', async () => {
    const s = await serve();
    const notifier = new WebhookNotifier({ urls: { a: `${s.url}/a`, b: `${s.url}/b` } }).setFormatter(
      new WebhookFormatter('WATCHLIST'),
    );
    const records = await notifier.sendAlert(notifier.formatAlert([watchlistAlert()]), {
      destinations: ['b'],
    });
    expect(s.requests.map((r) => r.path)).toEqual(['/b']);
    expect(records.map((r) => r.destination)).toEqual(['b']);
  });
});

describe('WebhookNotifier with split messages', () => {
  it('reports the parts delivered before a failure, and a retry sends only the rest', async () => {
    const s = await serve({ status: 200 }, { status: 503 });
    const notifier = notifierFor(s).setFormatter(new WebhookFormatter('WATCHLIST', { maxAlerts: 2 }));
    const message = notifier.formatAlert(alertBatch(5));
    expect(message.bodies).toHaveLength(3);

    const error = await failure(notifier.sendAlert(message, { idempotencyKey: 'k' }));
    expect(error.message).toContain('ops-hook part 2 of 3: POST');
    expect(error.delivered).toEqual([{ destination: 'ops-hook', part: 0, ref: { status: '200' } }]);

    const records = await notifier.sendAlert(message, {
      idempotencyKey: 'k',
      alreadyDelivered: error.delivered,
    });
    expect(records[0]?.parts.map((p) => p.part)).toEqual([0, 1, 2]);
    const sent = s.requests.map((r) => [
      r.headers['idempotency-key'],
      (JSON.parse(r.body) as WebhookJsonBody).part,
    ]);
    expect(sent).toEqual([
      ['k:ops-hook:0', 1],
      ['k:ops-hook:1', 2],
      ['k:ops-hook:1', 2],
      ['k:ops-hook:2', 3],
    ]);
  });
});
