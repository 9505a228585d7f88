// The inbox acting as the sandbox user in Slack, over HTTP as the page does it: a click becomes the block_actions
// payload Slack sends (over Socket Mode, to a connected app), the modal the app opens appears in the snapshot as a
// form, a submission carries view.state.values and shows the app's inline errors, and ephemeral messages show up
// in their channel. Only the page itself may act.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InboxSnapshot } from './inbox/inbox-snapshot.js';
import { type Sandbox, startSandbox } from './sandbox.js';
import { postSlackMessage } from './test-deliveries.js';
import {
  callSlack,
  connectTestApp,
  reviewButtonBlocks,
  reviewModal,
  type TestSocketApp,
} from './test-socket-app.js';

let sandbox: Sandbox;
let app: TestSocketApp | undefined;

beforeAll(async () => {
  sandbox = await startSandbox({
    activityEverySeconds: false,
    slack: { rateLimitPerChannelPerSecond: false, socketMode: { ackTimeoutMs: 200, maxRetries: 1 } },
  });
});
afterEach(() => {
  app?.close();
  app = undefined;
});
afterAll(async () => {
  await sandbox?.stop();
});

function act(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${sandbox.inbox.url}/api/slack/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: sandbox.inbox.url, ...headers },
    body: JSON.stringify(body),
  });
}

async function snapshot(): Promise<InboxSnapshot> {
  return (await (await fetch(`${sandbox.inbox.url}/api/messages`)).json()) as InboxSnapshot;
}

async function postCase(): Promise<string> {
  return postSlackMessage(sandbox, {
    channel: 'tq-alerts',
    text: 'Case CASE123456',
    blocks: reviewButtonBlocks(),
  });
}

describe('the inbox acting in Slack', () => {
  it('clicks as the sandbox user, shows the modal the app opens, and its inline errors, until it closes', async () => {
    app = await connectTestApp(sandbox, async (payload) => {
      if (payload.type === 'block_actions') {
        await callSlack(sandbox, 'views.open', { trigger_id: payload.trigger_id, view: reviewModal() });
        return undefined;
      }
      const values = (payload.view as { state: { values: { remark: { value: { value: string } } } } }).state
        .values;
      return values.remark.value.value === 'no'
        ? { response_action: 'errors', errors: { remark: 'Say why.' } }
        : undefined;
    });
    const ts = await postCase();

    const clicked = await act('click', { channel: 'C0TQALERTS1', ts, actionId: 'review' });
    expect(clicked.status).toBe(200);
    expect(await clicked.json()).toEqual({ ok: true });
    expect(app.payloads[0]).toMatchObject({
      type: 'block_actions',
      user: { id: 'U0ZACH00001', name: 'zach' },
      container: { message_ts: ts, channel_id: 'C0TQALERTS1' },
      actions: [{ action_id: 'review', block_id: 'case', value: 'CASE123456' }],
    });

    await expect.poll(async () => (await snapshot()).slackUser?.modal).toBeDefined();
    const modal = (await snapshot()).slackUser?.modal;
    expect(modal?.card).toContain(
      '<input type="text" id="in-remark-value" data-block-id="remark" data-action-id="value" maxlength="120" required',
    );
    const viewId = /data-view-id="([^"]+)"/.exec(modal?.card ?? '')?.[1] ?? '';

    const refused = await act(`views/${viewId}/submit`, { values: { remark: { value: 'no' } } });
    expect(await refused.json()).toEqual({ ok: false, errors: { remark: 'Say why.' } });
    expect((await snapshot()).slackUser?.modal?.card).toContain(
      '<div class="modal-error" role="alert">Say why.</div>',
    );

    const tooLong = await act(`views/${viewId}/submit`, { values: { remark: { value: 'x'.repeat(121) } } });
    expect(await tooLong.json()).toEqual({
      ok: false,
      errors: { remark: 'Must be 120 characters or fewer (now 121).' },
    });
    expect(app.payloads).toHaveLength(2);

    const accepted = await act(`views/${viewId}/submit`, {
      values: { remark: { value: 'Checked the site.' } },
    });
    expect(await accepted.json()).toEqual({ ok: true });
    expect((await snapshot()).slackUser).toEqual({ id: 'U0ZACH00001', name: 'zach', modal: undefined });
  });

  it('says so when no app answers the click', async () => {
    const ts = await postCase();
    const clicked = await act('click', { channel: 'tq-alerts', ts, actionId: 'review' });
    const body = (await clicked.json()) as { ok: boolean; message: string };
    expect(body.ok).toBe(false);
    expect(body.message).toContain('tqalert did not respond: no Socket Mode connection is open');
  });

  it('shows ephemeral messages to the sandbox user in their channel, and no one else’s', async () => {
    await callSlack(sandbox, 'chat.postEphemeral', {
      channel: 'general',
      user: 'U0ZACH00001',
      text: 'You may not move cases.',
    });
    await callSlack(sandbox, 'chat.postEphemeral', {
      channel: 'general',
      user: 'U0USER00001',
      text: 'For user1 only',
    });
    const general = (await snapshot()).slack.find((channel) => channel.label === '#general');
    const cards = general?.threads.filter((thread) => thread.ephemeral) ?? [];
    expect(cards.map((card) => card.text)).toEqual(['You may not move cases.']);
    expect(cards[0]?.card).toContain('Only visible to you');
  });

  it('acts as another workspace user with ?as=, and shows that user their own ephemeral messages', async () => {
    app = await connectTestApp(sandbox, () => undefined);
    const ts = await postCase();
    const clicked = await act('click?as=U0USER00002', { channel: 'tq-alerts', ts, actionId: 'review' });
    expect(await clicked.json()).toEqual({ ok: true });
    expect(app.payloads[0]).toMatchObject({ user: { id: 'U0USER00002', name: 'user2' } });

    await callSlack(sandbox, 'chat.postEphemeral', {
      channel: 'tq-alerts',
      user: 'U0USER00002',
      text: 'Not for zach',
    });
    const as = async (query: string) =>
      ((await (await fetch(`${sandbox.inbox.url}/api/messages${query}`)).json()) as InboxSnapshot).slack
        .flatMap((channel) => channel.threads)
        .filter((thread) => thread.ephemeral)
        .map((thread) => thread.text);
    expect(await as('?as=U0USER00002')).toContain('Not for zach');
    expect(await as('')).not.toContain('Not for zach');
    const page = await (await fetch(`${sandbox.inbox.url}/?as=U0USER00002`)).text();
    expect(page).toContain('<option value="U0USER00002" selected>@user2</option>');

    const unknown = await fetch(`${sandbox.inbox.url}/api/messages?as=U0FORMER001`);
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: string }).error).toContain(
      'is no Slack user the inbox can act as',
    );
  });

  it.each([
    ['another origin', { origin: 'http://evil.example' }, 403],
    ['a form post', { 'content-type': 'application/x-www-form-urlencoded' }, 403],
  ])('refuses a request from %s', async (_what, headers, status) => {
    const ts = await postCase();
    const response = await act('click', { channel: 'tq-alerts', ts, actionId: 'review' }, headers);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: string }).error).toContain(
      'only the inbox page itself can act',
    );
  });

  it('answers 400 naming what is missing for a button that is not there', async () => {
    const ts = await postCase();
    const response = await act('click', { channel: 'tq-alerts', ts, actionId: 'nope' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain(
      'no element with action_id "nope" (it has: review)',
    );
  });
});
