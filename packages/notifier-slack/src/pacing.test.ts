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

/** A notifier and a 1/s fake that sees every request `jitterMs` late in every other second (network jitter). */
function jittery(options: Partial<SlackNotifierOptions>, jitterMs: number) {
  const clock = new VirtualClock();
  const slack = useSlackFake(server, clock, {
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

describe('workspace-wide method limits', () => {
  it('share chat.postMessage across channels: workspacePostsPerMinute holds the third channel', async () => {
    const { slack, clock, notifier } = jittery(
      { channelNames: ['general', 'tq-alerts', 'secops-private'], workspacePostsPerMinute: 12 },
      0,
    );
    await notifier.sendAlert(message(1));
    // 12 a minute allows a burst of 2; the third post waits one token at 12/min paced 3% under (5155 ms).
    expect(clock.sleeps).toEqual([5155]);
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
