import { createHmac } from 'node:crypto';
import { silentLogger } from '@tqalert/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { interactionsSchema } from './interactions-config.js';
import { type InteractionsReceiver, startHttpReceiver } from './receivers.js';
import {
  clickPayload,
  interactionsFor,
  postCaseAlert,
  submitPayload,
  USER1,
  useInteractionFakes,
  ZACH,
} from './test-interactions.js';

const fakes = useInteractionFakes();
const { iz, extras } = fakes;
const SECRET = 'test-signing-secret-0123456789abcdef';
const izooActions = () =>
  iz.requests.filter((r) => /ThreatManagement\/(Approve|Mark|Move|Send)/.test(r.path)).length;

let receiver: InteractionsReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

/** A request signed as Slack signs it: `v0=` HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the signing secret. */
function signed(payload: unknown, options: { secret?: string; at?: number } = {}) {
  const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const timestamp = String(Math.floor((options.at ?? Date.now()) / 1000));
  const signature = `v0=${createHmac('sha256', options.secret ?? SECRET)
    .update(`v0:${timestamp}:${body}`)
    .digest('hex')}`;
  return {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': signature,
    },
    body,
  };
}

async function start(allow = { approveCaseTakedown: [ZACH.id], markAsReviewed: [ZACH.id] }) {
  const wired = interactionsFor(fakes, allow);
  const config = interactionsSchema.parse({
    mode: 'http',
    botToken: 'xoxb-test',
    signingSecret: SECRET,
    port: 0,
    allow,
  });
  receiver = await startHttpReceiver(config, (p) => wired.interactions.handle(p), silentLogger);
  const message = await postCaseAlert(wired.slackClient, {
    caseId: 'INC123456',
    caseType: 'Incident(6)',
    clientCode: 'ABC',
  });
  return { url: receiver.where, message };
}

describe('HTTP request URL mode (signed requests on 127.0.0.1)', () => {
  it('serves the request URL on loopback and acts on a correctly signed click and submission', async () => {
    const { url, message } = await start();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/slack\/events$/);
    const clicked = await fetch(url, signed(clickPayload(message, 'approveCaseTakedown', ZACH)));
    expect(clicked.status).toBe(200);
    await vi.waitFor(() => expect(extras.viewsOpened).toHaveLength(1));
    const submission = signed(submitPayload(extras.viewsOpened[0] as never, ZACH, {}, 'V-http'));
    expect((await fetch(url, submission)).status).toBe(200);
    await vi.waitFor(() => expect(iz.state.cases.get('INC123456')?.status).toBe('Open'));
    expect(izooActions()).toBe(1);
  });

  it('a replayed request (same body, same signature, within the window) does not act twice', async () => {
    const { url, message } = await start();
    await fetch(url, signed(clickPayload(message, 'markAsReviewed', ZACH)));
    await vi.waitFor(() => expect(extras.viewsOpened).toHaveLength(1));
    const submission = signed(submitPayload(extras.viewsOpened[0] as never, ZACH, {}, 'V-replay'));
    expect((await fetch(url, submission)).status).toBe(200);
    expect((await fetch(url, submission)).status).toBe(200);
    await receiver?.close(); // waits for the work both requests started
    receiver = undefined;
    expect(izooActions()).toBe(1);
  });

  it('answers invalid dialog input inline with response_action: errors', async () => {
    const { url, message } = await start({
      approveCaseTakedown: [],
      markAsReviewed: [],
      sendCaseMessage: [ZACH.id],
    } as never);
    await fetch(url, signed(clickPayload(message, 'sendCaseMessage', ZACH)));
    await vi.waitFor(() => expect(extras.viewsOpened).toHaveLength(1));
    const answer = await fetch(
      url,
      signed(submitPayload(extras.viewsOpened[0] as never, ZACH, { subject: 'no message' })),
    );
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({
      response_action: 'errors',
      errors: { message: expect.any(String) },
    });
  });

  it.each([
    ['a bad signature', { secret: 'not-the-signing-secret-at-all!!' }],
    ['a stale timestamp (6 minutes old, correctly signed)', { at: Date.now() - 6 * 60_000 }],
  ])('refuses %s with 401, and nothing runs', async (_name, options) => {
    const { url, message } = await start();
    const answer = await fetch(url, signed(clickPayload(message, 'approveCaseTakedown', ZACH), options));
    expect(answer.status).toBe(401);
    await receiver?.close();
    receiver = undefined;
    expect(extras.viewsOpened).toEqual([]);
    expect(extras.ephemerals).toEqual([]);
  });

  it('refuses an unsigned request with 401', async () => {
    const { url, message } = await start();
    const body = `payload=${encodeURIComponent(JSON.stringify(clickPayload(message, 'approveCaseTakedown', USER1)))}`;
    const answer = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    expect(answer.status).toBe(401);
  });
});
