/**
 * Pacing just under Slack's limits: per channel a few percent below the configured rate (so jitter does not
 * provoke 429s), and workspace-wide per Web API method (Slack's tiers), shared by every channel.
 */
import { SLACK_TOKEN } from '@tqalert/fixtures';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { methodLimit } from './method-tiers.js';
import type { SlackNotifierOptions } from './notifier-options.js';
import { SlackNotifier } from './slack-notifier.js';
import { useSlackFake, VirtualClock } from './test-slack-env.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const message = (parts: number) => ({
  parts: Array.from({ length: parts }, (_, i) => ({
    text: `part ${i}`,
    blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: `body ${i}` } }],
    unfurl_links: false as const,
    unfurl_media: false as const,
  })),
});

/** A notifier and a fake (1/s per channel unless `fakeRate`) that sees every request `jitterMs` late in every other second (network jitter). */
function jittery(options: Partial<SlackNotifierOptions>, jitterMs: number, fakeRate = 1) {
  const clock = new VirtualClock();
  const slack = useSlackFake(server, clock, {
    rateLimitPerChannelPerSecond: fakeRate,
    now: () => clock.time + (Math.floor(clock.time / 1000) % 2 === 0 ? jitterMs : 0),
  });
  const notifier = new SlackNotifier({
    token: SLACK_TOKEN,
    slackApiUrl: slack.baseUrl,
    channelNames: ['general'],
    clock,
    ...options,
  });
  return { slack, clock, notifier };
}

const rateLimited = (requests: { status: number | undefined }[]) => requests.filter((r) => r.status === 429);

describe('pacing per channel', () => {
  it('stays clear of 429s under 25 ms of jitter, where pacing exactly at the rate meets them', async () => {
    const exact = jittery({ paceMargin: 0 }, 25);
    await exact.notifier.sendAlert(message(6));
    expect(rateLimited(exact.slack.requests).length).toBeGreaterThan(0);

    const paced = jittery({}, 25);
    await paced.notifier.sendAlert(message(6));
    expect(rateLimited(paced.slack.requests)).toEqual([]);
    expect(paced.slack.state.messages.map((m) => m.text)).toEqual(
      Array.from({ length: 6 }, (_, i) => `part ${i}`),
    );
  });
});

describe('catching up within the window', () => {
  it('lets a channel that fell behind use its unused slots, never more than the window allows', async () => {
    const { slack, clock, notifier } = jittery({ ratePerChannelPerSecond: 4 }, 0, 4);
    // Default burst: the whole per-second allowance (4). Four go at once, then the window is 4 per 1,031 ms.
    await notifier.sendAlert(message(6));
    expect(clock.sleeps).toEqual([1031]);
    clock.time += 5000; // a slow spell: nothing sent
    await notifier.sendAlert(message(4));
    expect(clock.sleeps).toEqual([1031]);
    expect(rateLimited(slack.requests)).toEqual([]);
  });
});

describe('workspace-wide method limits', () => {
  it('share chat.postMessage across channels: workspacePostsPerMinute holds the third channel', async () => {
    const { slack, clock, notifier } = jittery(
      { channelNames: ['general', 'tq-alerts', 'secops-private'], workspacePostsPerMinute: 12 },
      0,
    );
    await notifier.sendAlert(message(1));
    // 12 a minute: at most 2 in any 10 s (3% longer: 10,310 ms), so the third post waits that window out.
    expect(clock.sleeps).toEqual([10_310]);
    expect(slack.state.messages).toHaveLength(3);
    expect(rateLimited(slack.requests)).toEqual([]);
  });

  it('follow Slack tiers: conversations.list tier 2, users.lookupByEmail tier 3, users.info tier 4', () => {
    expect(methodLimit('conversations.list', 600)).toEqual({ perSecond: 20 / 60, burst: 3 });
    expect(methodLimit('users.lookupByEmail', 600)).toEqual({ perSecond: 50 / 60, burst: 8 });
    expect(methodLimit('users.info', 600)).toEqual({ perSecond: 100 / 60, burst: 16 });
    expect(methodLimit('conversations.members', 600)).toEqual({ perSecond: 20 / 60, burst: 3 });
    expect(methodLimit('chat.postMessage', 600)).toEqual({ perSecond: 10, burst: 100 });
  });
});
