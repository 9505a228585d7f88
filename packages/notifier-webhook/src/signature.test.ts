import { createHmac } from 'node:crypto';
import { alertBatch } from '@tqalert/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { type RecordingServer, startRecordingServer } from './__tests__/recording-server.js';
import { verifyWebhookSignature } from './signature.js';
import { WebhookFormatter } from './webhook-formatter.js';
import { WebhookNotifier } from './webhook-notifier.js';

const SECRET = 'whsec-0123456789abcdef-signing';

let server: RecordingServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Sends two alerts through a signing notifier to a real receiver; returns what the receiver got. */
async function signedDelivery(idempotencyKey?: string) {
  server = await startRecordingServer();
  const notifier = new WebhookNotifier({
    url: `${server.url}/hook`,
    secretHeader: { secret: SECRET },
  }).setFormatter(new WebhookFormatter('WATCHLIST'));
  const before = Math.floor(Date.now() / 1000);
  await notifier.sendAlert(notifier.formatAlert(alertBatch(2)), idempotencyKey ? { idempotencyKey } : {});
  const after = Math.floor(Date.now() / 1000);
  const request = server.requests[0];
  if (!request) throw new Error('the receiver got no request');
  const header = (name: string) => request.headers[name] as string | undefined;
  return {
    before,
    after,
    body: request.body,
    signature: header('x-tqalert-signature-256'),
    timestamp: header('x-tqalert-timestamp'),
    idempotencyKey: header('idempotency-key'),
  };
}

describe('webhook signatures', () => {
  it('11.21 sign v1:<timestamp>:<idempotencyKey>:<body>, with the timestamp and key sent in headers', async () => {
    const got = await signedDelivery('watch|42|ops');
    const timestamp = Number(got.timestamp);
    expect(timestamp).toBeGreaterThanOrEqual(got.before);
    expect(timestamp).toBeLessThanOrEqual(got.after);
    expect(got.idempotencyKey).toBe('watch|42|ops:webhook:0');
    const hmac = createHmac('sha256', SECRET)
      .update(`v1:${got.timestamp}:watch|42|ops:webhook:0:${got.body}`)
      .digest('hex');
    expect(got.signature).toBe(`v1=${hmac}`);
  });

  it('11.21 sign an empty key when the caller gives no idempotency key', async () => {
    const got = await signedDelivery();
    expect(got.idempotencyKey).toBeUndefined();
    const hmac = createHmac('sha256', SECRET).update(`v1:${got.timestamp}::${got.body}`).digest('hex');
    expect(got.signature).toBe(`v1=${hmac}`);
  });

  it('11.21 let a receiver accept a fresh request and refuse a replay, a moved key or an edited body', async () => {
    const got = await signedDelivery('watch|42|ops');
    const fresh = { secret: SECRET, ...got, now: Number(got.timestamp) * 1000 + 1_000 };
    expect(verifyWebhookSignature(fresh)).toEqual({ ok: true });
    expect(verifyWebhookSignature({ ...fresh, now: fresh.now + 10 * 60_000 })).toEqual({
      ok: false,
      reason: 'the request was signed 601 s ago, outside the 300 s window',
    });
    expect(verifyWebhookSignature({ ...fresh, idempotencyKey: 'watch|43|ops:webhook:0' })).toEqual({
      ok: false,
      reason: 'the signature does not match',
    });
    // A replay with a new timestamp header to get inside the window no longer matches the signature.
    const restamped = String(Number(got.timestamp) + 60);
    expect(verifyWebhookSignature({ ...fresh, timestamp: restamped }).ok).toBe(false);
    expect(verifyWebhookSignature({ ...fresh, body: got.body.replace('WATCHLIST', 'DATA') }).ok).toBe(false);
    expect(verifyWebhookSignature({ ...fresh, secret: 'another-secret-of-16+chars' }).ok).toBe(false);
    expect(verifyWebhookSignature({ ...fresh, timestamp: undefined })).toEqual({
      ok: false,
      reason: 'the signature or timestamp header is missing',
    });
  });
});
