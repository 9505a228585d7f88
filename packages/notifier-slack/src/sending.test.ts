import {
  type Alert,
  createAlert,
  DeliveryError,
  type DeliveryRecord,
  NotificationTypes,
} from '@tqalert/core';
import { SLACK_TOKEN, type SlackFake } from '@tqalert/fixtures';
import { type SlackBlock, SlackFormatter, type SlackMessage, visibleText } from '@tqalert/formatter-slack';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SlackNotifierOptions } from './notifier-options.js';
import { SlackNotifier } from './slack-notifier.js';
import { recordingLogger, rejectionOf, useSlackFake, VirtualClock } from './test-slack-env.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const formatter = new SlackFormatter({ type: NotificationTypes.WATCHLIST });

function alerts(count: number): Alert[] {
  return Array.from({ length: count }, (_, i) =>
    createAlert({
      id: `watchlist:${i}`,
      type: 'WATCHLIST',
      service: 'watchlist',
      object: { collection: 'indicators', id: i, value: `host${i}.evil.example`, type: 'FQDN' },
      title: `Score raised for alert-${String(i).padStart(4, '0')}-token`,
      summary: 'The score rose.',
      severity: 'high',
      changes: [{ field: 'score', before: 5, after: 8 }],
      occurredAt: '2026-11-01T10:00:00Z',
    }),
  );
}

/** A message of exactly `parts` parts (a digest whose size makes the formatter split it that far). */
function messageOf(parts: number): SlackMessage {
  const message = { parts: [] as SlackMessage['parts'] };
  for (let i = 0; i < parts; i++) {
    message.parts.push({
      text: `part ${i}`,
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `body of part ${i}` } }],
      unfurl_links: false,
      unfurl_media: false,
    });
  }
  return message;
}

interface Setup {
  slack: SlackFake;
  clock: VirtualClock;
  notifier: SlackNotifier;
  logs: string[];
}

function setup(options: Partial<SlackNotifierOptions> = {}, fakeRate: number | false = 1): Setup {
  const clock = new VirtualClock();
  const slack = useSlackFake(server, clock, { rateLimitPerChannelPerSecond: fakeRate });
  const logs: string[] = [];
  const notifier = new SlackNotifier({
    token: SLACK_TOKEN,
    slackApiUrl: slack.baseUrl,
    channelNames: ['general'],
    clock,
    logger: recordingLogger(logs),
    ...options,
  });
  return { slack, clock, notifier, logs };
}

async function deliveryError(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await rejectionOf(promise);
  if (!DeliveryError.isInstance(error)) throw new Error(`expected a DeliveryError, got ${String(error)}`);
  return error;
}

const posts = (slack: SlackFake) => slack.requests.filter((r) => r.apiMethod === 'chat.postMessage');

describe('delivering', () => {
  it('posts one alert to every destination with unfurls off and returns a record for each', async () => {
    const { slack, notifier, clock } = setup({ channelNames: ['general', 'tq-alerts'], userNames: ['zach'] });
    const message = formatter.format(alerts(1), 'WATCHLIST');
    const records = await notifier.sendAlert(message);

    expect(records.map((r) => r.destination)).toEqual(['C0GENERAL01', 'C0TQALERTS1', 'D0ZACH00001']);
    for (const record of records) {
      const [stored] = slack.state.messagesIn(record.destination);
      expect(record).toEqual({
        notifier: 'slack',
        destination: record.destination,
        parts: [
          { destination: record.destination, part: 0, ref: { channel: record.destination, ts: stored?.ts } },
        ],
        sentAt: new Date(clock.time).toISOString(),
      });
      expect(stored).toMatchObject({
        text: message.parts[0]?.text,
        blocks: message.parts[0]?.blocks,
        thread_ts: undefined,
      });
      expect(stored).toMatchObject({ unfurl_links: false, unfurl_media: false });
    }
  });

  it('gets a 500-alert digest to Slack complete: parent, then every continuation in its thread, each title once', async () => {
    const { slack, notifier } = setup();
    const message = formatter.format(alerts(500), 'WATCHLIST');
    const [record] = await notifier.sendAlert(message);

    const stored = slack.state.messagesIn('general');
    expect(stored).toHaveLength(message.parts.length);
    const [parent, ...replies] = stored;
    expect(parent?.thread_ts).toBeUndefined();
    expect(replies.every((m) => m.thread_ts === parent?.ts)).toBe(true);
    expect(record?.parts.map((p) => p.part)).toEqual(message.parts.map((_, i) => i));
    expect(record?.parts[1]?.ref).toEqual({
      channel: 'C0GENERAL01',
      ts: replies[0]?.ts,
      thread_ts: parent?.ts,
    });
    const text = stored.map((m) => visibleText(m.blocks as SlackBlock[])).join('\n');
    for (let i = 0; i < 500; i++)
      expect(text.split(`alert-${String(i).padStart(4, '0')}-token`)).toHaveLength(2);
  });
});

describe('rate limits', () => {
  it('spaces posts to a channel about one per second, so Slack never answers 429', async () => {
    const { slack, notifier, clock } = setup();
    await notifier.sendAlert(messageOf(5));

    expect(slack.requests.filter((r) => r.status === 429)).toEqual([]);
    const times = posts(slack).map((r) => Date.parse(r.at));
    expect(times.slice(1).map((t, i) => t - (times[i] ?? 0))).toEqual([1000, 1000, 1000, 1000]);
    expect(clock.sleeps).toEqual([1000, 1000, 1000, 1000]);
  });

  it('follows a configured rate and burst', async () => {
    const { slack, notifier } = setup({ ratePerChannelPerSecond: 4, burstPerChannel: 2 }, false);
    await notifier.sendAlert(messageOf(6));
    const times = posts(slack).map((r) => Date.parse(r.at));
    expect(times.slice(1).map((t, i) => t - (times[i] ?? 0))).toEqual([0, 250, 250, 250, 250]);
  });

  it('does not make one channel wait for another', async () => {
    const { slack, notifier, clock } = setup({ channelNames: ['general', 'tq-alerts'] });
    await notifier.sendAlert(messageOf(1));
    expect(clock.sleeps).toEqual([]);
    expect(slack.state.messages).toHaveLength(2);
  });

  it('waits out 429 Retry-After within the send, losing and doubling nothing', async () => {
    const { slack, notifier, clock, logs } = setup();
    slack.faults.rateLimit(2, 3, { method: 'chat.postMessage' });
    const message = messageOf(3);
    const [record] = await notifier.sendAlert(message);

    expect(slack.requests.filter((r) => r.status === 429)).toHaveLength(2);
    expect(clock.sleeps.filter((ms) => ms === 3000)).toHaveLength(2);
    expect(slack.state.messages.map((m) => m.text)).toEqual(['part 0', 'part 1', 'part 2']);
    expect(record?.parts).toHaveLength(3);
    expect(logs.some((line) => line.includes('"retryAfterSeconds":3'))).toBe(true);
  });

  it('treats a "ratelimited" answer in the body like a 429', async () => {
    const { slack, notifier } = setup();
    slack.faults.slackError(1, 'ratelimited', { method: 'chat.postMessage' });
    await notifier.sendAlert(messageOf(1));
    expect(slack.state.messages).toHaveLength(1);
  });

  it('gives up on a Retry-After above maxRetryAfterSeconds with a retryable error listing what arrived; the retry completes it', async () => {
    // The notifier posts faster than the fake allows, and may not wait at all: the second part meets a 429.
    const { slack, notifier, clock } = setup({ ratePerChannelPerSecond: 50, maxRetryAfterSeconds: 0 });
    const message = messageOf(3);
    const error = await deliveryError(notifier.sendAlert(message));

    expect(error).toMatchObject({ retryable: true, retryAfter: 1, code: 'SLACK_RATE_LIMITED' });
    expect(error.message).toMatch(
      /part 2 of 3 to #general \(C0GENERAL01\).*1 of 3 parts delivered, retry after 1s/,
    );
    expect(error.delivered.map((p) => p.part)).toEqual([0]);
    expect(slack.state.messages.map((m) => m.text)).toEqual(['part 0']);

    clock.time += 1000;
    const retried = await deliveryError(notifier.sendAlert(message, { alreadyDelivered: error.delivered }));
    expect(retried.delivered.map((p) => p.part)).toEqual([0, 1]);
    clock.time += 1000;
    const [record] = await notifier.sendAlert(message, { alreadyDelivered: retried.delivered });

    expect(slack.state.messages.map((m) => m.text)).toEqual(['part 0', 'part 1', 'part 2']);
    const parentTs = slack.state.messages[0]?.ts;
    expect(slack.state.messages.slice(1).every((m) => m.thread_ts === parentTs)).toBe(true);
    expect(record?.parts.map((p) => p.part)).toEqual([0, 1, 2]);
  });

  it('gives up after maxRateLimitRetries 429s in a row', async () => {
    const { slack, notifier } = setup({ maxRateLimitRetries: 2 });
    slack.faults.rateLimit(5, 1, { method: 'chat.postMessage' });
    const error = await deliveryError(notifier.sendAlert(messageOf(1)));
    expect(error).toMatchObject({ retryable: true, retryAfter: 1 });
    expect(posts(slack)).toHaveLength(3);
    expect(slack.state.messages).toEqual([]);
  });
});

describe('failures', () => {
  it.each([
    ['HTTP 503', (s: SlackFake) => s.faults.serverError(1, 503), 'SLACK_HTTP_503'],
    ['internal_error', (s: SlackFake) => s.faults.slackError(1, 'internal_error'), 'SLACK_INTERNAL_ERROR'],
    ['fatal_error', (s: SlackFake) => s.faults.slackError(1, 'fatal_error'), 'SLACK_FATAL_ERROR'],
    ['a body that is not JSON', (s: SlackFake) => s.faults.malformedJson(1), 'SLACK_BAD_RESPONSE'],
  ])(
    '%s is retryable and is not retried within the send (it may have been posted)',
    async (_what, arm, code) => {
      const { slack, notifier } = setup();
      await notifier.destinations();
      arm(slack);
      const error = await deliveryError(notifier.sendAlert(messageOf(2)));
      expect(error).toMatchObject({ retryable: true, code, delivered: [] });
      expect(posts(slack)).toHaveLength(1);
      await notifier.sendAlert(messageOf(2));
      expect(slack.state.messages).toHaveLength(2);
    },
  );

  it('a hung request times out as retryable', async () => {
    const { slack, notifier } = setup({ timeoutMs: 50 });
    await notifier.destinations();
    slack.faults.hang(1);
    const error = await deliveryError(notifier.sendAlert(messageOf(1)));
    expect(error).toMatchObject({ retryable: true, code: 'SLACK_TIMEOUT' });
    expect(error.message).toMatch(/may or may not have been posted/);
  });

  it.each([
    ['not_in_channel', 'random', undefined, /invite it with "\/invite @<your bot>"/, false],
    ['is_archived', 'old-alerts', undefined, /is archived: unarchive it/, false],
    ['channel_not_found', 'general', 'channel_not_found', /does not exist or the bot cannot see it/, false],
    ['invalid_auth', 'general', 'invalid_auth', /create a new bot token/, true],
    ['account_inactive', 'general', 'account_inactive', /create a new bot token/, true],
    ['missing_scope', 'general', 'missing_scope', /lacks the scope.*reinstall/, true],
  ])(
    '%s holds the lane (kept pending, no attempt spent), with what to do',
    async (slackError, channel, fault, advice, auth) => {
      const { slack, notifier } = setup({ channelNames: [channel] });
      await notifier.destinations();
      if (fault) slack.faults.slackError(1, fault);
      const error = await deliveryError(notifier.sendAlert(messageOf(1)));
      expect(error).toMatchObject({ retryable: true, scope: 'lane', auth });
      expect(error.code).toBe(`SLACK_${slackError.toUpperCase()}`);
      expect(error.message).toMatch(advice);
      expect(error.message).not.toContain(SLACK_TOKEN);
    },
  );

  it.each([
    ['invalid_blocks', /formatter bug/],
    ['msg_too_long', /formatter bug/],
  ])('%s is permanent for that message only, with what to do', async (slackError, advice) => {
    const { slack, notifier } = setup({ channelNames: ['general'] });
    await notifier.destinations();
    slack.faults.slackError(1, slackError);
    const error = await deliveryError(notifier.sendAlert(messageOf(1)));
    expect(error).toMatchObject({ retryable: false, scope: 'delivery' });
    expect(error.code).toBe(`SLACK_${slackError.toUpperCase()}`);
    expect(error.message).toMatch(advice);
  });

  it('reports each failing destination and keeps what reached the others', async () => {
    const { slack, notifier } = setup({ channelNames: ['general', 'random'] });
    const error = await deliveryError(notifier.sendAlert(messageOf(2)));
    // #random does not have the bot: kept for a retry once someone invites it.
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/^1 of 2 Slack destinations failed: .*#random/);
    expect(error.delivered.map((p) => `${p.destination}#${p.part}`)).toEqual([
      'C0GENERAL01#0',
      'C0GENERAL01#1',
    ]);
    expect(slack.state.messagesIn('general')).toHaveLength(2);
  });

  it('stops when the caller aborts, posting nothing, as retryable', async () => {
    const { slack, notifier } = setup();
    const stop = new AbortController();
    stop.abort();
    const error = await deliveryError(
      notifier.sendAlert(messageOf(2), { destinations: ['C0GENERAL01'], signal: stop.signal }),
    );
    expect(error).toMatchObject({ retryable: true, code: 'SLACK_ABORTED', delivered: [] });
    expect(slack.requests).toEqual([]);
  });

  it('refuses a message that is not a formatted Slack message', async () => {
    const { notifier } = setup();
    const error = await deliveryError(notifier.sendAlert({ parts: [] }));
    expect(error).toMatchObject({ retryable: false, code: 'SLACK_MESSAGE_INVALID' });
    expect(error.message).toMatch(/formatAlert/);
  });

  it('never writes the token into logs, errors or records', async () => {
    const { slack, notifier, logs } = setup({ channelNames: ['general', 'random'] });
    slack.faults.rateLimit(1, 1);
    const error = await deliveryError(notifier.sendAlert(messageOf(2)));
    const records = await notifier.sendAlert(messageOf(1), { destinations: ['C0GENERAL01'] });
    const everything = JSON.stringify({
      logs,
      message: error.message,
      stack: error.stack,
      delivered: error.delivered,
      records,
    });
    expect(logs.length).toBeGreaterThan(0);
    expect(everything).not.toContain(SLACK_TOKEN);
  });
});

describe('threads and retries', () => {
  async function firstDelivery(s: Setup): Promise<DeliveryRecord> {
    const [record] = await s.notifier.sendAlert(messageOf(1));
    if (!record) throw new Error('no record');
    return record;
  }

  it('replies in the earlier thread by default', async () => {
    const s = setup();
    const earlier = await firstDelivery(s);
    const [record] = await s.notifier.sendAlert(messageOf(2), { thread: earlier });

    const [parent, ...replies] = s.slack.state.messagesIn('general');
    expect(replies.map((m) => [m.text, m.thread_ts])).toEqual([
      ['part 0', parent?.ts],
      ['part 1', parent?.ts],
    ]);
    expect(record?.parts[0]?.ref.thread_ts).toBe(parent?.ts);
  });

  it('threads on the parent when the earlier record was itself a reply', async () => {
    const s = setup();
    const earlier = await firstDelivery(s);
    const [reply] = await s.notifier.sendAlert(messageOf(1), { thread: earlier });
    await s.notifier.sendAlert(messageOf(1), { thread: reply });
    const parentTs = s.slack.state.messages[0]?.ts;
    expect(s.slack.state.messages.slice(1).map((m) => m.thread_ts)).toEqual([parentTs, parentTs]);
  });

  it('updates the earlier message with threadUpdates "update", keeping its history', async () => {
    const s = setup({ threadUpdates: 'update' });
    const earlier = await firstDelivery(s);
    const update = messageOf(2);
    update.parts[0] = { ...(update.parts[0] as SlackMessage['parts'][number]), text: 'updated' };
    const [record] = await s.notifier.sendAlert(update, { thread: earlier });

    const [parent, reply] = s.slack.state.messagesIn('general');
    expect(parent).toMatchObject({ text: 'updated', ts: earlier.parts[0]?.ref.ts });
    expect(parent?.edits.map((e) => e.text)).toEqual(['part 0']);
    expect(reply).toMatchObject({ text: 'part 1', thread_ts: parent?.ts });
    expect(record?.parts[0]?.ref.ts).toBe(parent?.ts);
  });

  it('posts anew with threadUpdates "new"', async () => {
    const s = setup({ threadUpdates: 'new' });
    const earlier = await firstDelivery(s);
    await s.notifier.sendAlert(messageOf(1), { thread: earlier });
    expect(s.slack.state.messages.map((m) => m.thread_ts)).toEqual([undefined, undefined]);
  });

  it('posts a new message when the earlier one is gone', async () => {
    const s = setup();
    const gone: DeliveryRecord = {
      notifier: 'slack',
      destination: 'C0GENERAL01',
      parts: [{ destination: 'C0GENERAL01', part: 0, ref: { channel: 'C0GENERAL01', ts: '1.000001' } }],
      sentAt: new Date().toISOString(),
    };
    await s.notifier.sendAlert(messageOf(1), { thread: gone });
    expect(s.slack.state.messages.map((m) => m.thread_ts)).toEqual([undefined]);
    expect(s.logs.some((line) => line.includes('earlier Slack message is gone'))).toBe(true);
  });

  it('skips parts listed in alreadyDelivered and threads the rest under the delivered parent', async () => {
    const s = setup();
    const message = messageOf(3);
    const [first] = await s.notifier.sendAlert(message);
    const parent = first?.parts[0];
    if (!parent) throw new Error('no parent');
    s.slack.state.messages.splice(1);

    const [record] = await s.notifier.sendAlert(message, { alreadyDelivered: [parent] });
    expect(s.slack.state.messages.map((m) => [m.text, m.thread_ts])).toEqual([
      ['part 0', undefined],
      ['part 1', parent.ref.ts],
      ['part 2', parent.ref.ts],
    ]);
    expect(record?.parts[0]).toEqual(parent);

    const before = s.slack.requests.length;
    const again = await s.notifier.sendAlert(message, { alreadyDelivered: record?.parts ?? [] });
    expect(s.slack.requests.length).toBe(before);
    expect(again[0]?.parts).toEqual(record?.parts);
  });

  it('sends only to options.destinations', async () => {
    const s = setup({ channelNames: ['general', 'tq-alerts'] });
    const records = await s.notifier.sendAlert(messageOf(1), { destinations: ['C0TQALERTS1'] });
    expect(records.map((r) => r.destination)).toEqual(['C0TQALERTS1']);
    expect(s.slack.state.messagesIn('general')).toEqual([]);
  });
});

describe('lanes', () => {
  it('names one lane per configured channel and user without asking Slack', async () => {
    const { slack, notifier } = setup({
      channelNames: ['general', '#Random', 'C0GENERAL01'],
      userNames: ['zach'],
    });
    expect(await notifier.lanes()).toEqual(['#general', '#random', 'C0GENERAL01', '@zach']);
    expect(slack.requests).toEqual([]);
  });

  it('a mistyped channel fails only its own lane, with did-you-mean, while another lane delivers', async () => {
    const { slack, notifier } = setup({ channelNames: ['general', 'generl'] });
    const typo = await deliveryError(notifier.sendAlert(messageOf(1), { destinations: ['#generl'] }));
    expect(typo).toMatchObject({ retryable: true, scope: 'lane', code: 'SLACK_DESTINATION_UNKNOWN' });
    expect(typo.message).toMatch(/#generl.*did you mean "#general"/);
    const [record] = await notifier.sendAlert(messageOf(1), { destinations: ['#general'] });
    expect(record?.destination).toBe('C0GENERAL01');
    expect(slack.state.messagesIn('general')).toHaveLength(1);
  });
});

describe('replica name', () => {
  it('sends X-TQAlert-Replica with each call when TQALERT_REPLICA is set', async () => {
    process.env.TQALERT_REPLICA = 'replica-3';
    try {
      const { slack, notifier } = setup();
      await notifier.sendAlert(messageOf(1));
      const post = slack.requests.find((r) => r.apiMethod === 'chat.postMessage');
      expect(post?.headers['x-tqalert-replica']).toBe('replica-3');
    } finally {
      delete process.env.TQALERT_REPLICA;
    }
  });
});
