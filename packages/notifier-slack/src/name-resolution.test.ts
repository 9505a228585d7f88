import { WebClient } from '@slack/web-api';
import { ConfigError, DeliveryError } from '@tqalert/core';
import { SLACK_TOKEN } from '@tqalert/fixtures';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SlackNotifier } from './slack-notifier.js';
import { rejectionOf, useSlackFake, VirtualClock } from './test-slack-env.js';

const server = setupServer();
const API = 'https://slack.test/api/';

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function notifier(channelNames: string[], userNames: string[] = [], extra: Record<string, unknown> = {}) {
  return new SlackNotifier({
    token: SLACK_TOKEN,
    slackApiUrl: API,
    channelNames,
    userNames,
    clock: new VirtualClock(),
    ...extra,
  });
}

async function configError(promise: Promise<unknown>): Promise<ConfigError> {
  const error = await rejectionOf(promise);
  if (!ConfigError.isInstance(error)) throw new Error(`expected a ConfigError, got ${String(error)}`);
  return error;
}

describe('channel names', () => {
  it('resolves names, #names and ids, public and private, once, without duplicates', async () => {
    const slack = useSlackFake(server, new VirtualClock());
    const subject = notifier(['general', '#tq-alerts', 'C0GENERAL01', 'secops-private', '#General']);

    expect(await subject.destinations()).toEqual(['C0GENERAL01', 'C0TQALERTS1', 'G0SECOPS001']);
    const listed = slack.requests.filter((r) => r.apiMethod === 'conversations.list');
    expect(listed).toHaveLength(1);
    expect(listed[0]?.params.types).toBe('public_channel,private_channel');

    await subject.destinations();
    expect(slack.requests).toHaveLength(1);
  });

  it('pages through conversations.list with cursors to find channels past the first page', async () => {
    const channels = Array.from({ length: 450 }, (_, i) => ({ name: `team-${i}`, isPrivate: i % 2 === 1 }));
    const slack = useSlackFake(server, new VirtualClock(), { channels });

    expect(await notifier(['team-449', 'team-0']).destinations()).toHaveLength(2);
    const pages = slack.requests.filter((r) => r.apiMethod === 'conversations.list');
    expect(pages.map((r) => r.params.limit)).toEqual(['200', '200', '200']);
    expect(pages[0]?.params.cursor).toBeUndefined();
    expect(pages[1]?.params.cursor).toEqual(expect.any(String));
  });

  it('needs no lookup at all when given only ids', async () => {
    const slack = useSlackFake(server, new VirtualClock());
    expect(await notifier(['C0GENERAL01', 'G0SECOPS001']).destinations()).toEqual([
      'C0GENERAL01',
      'G0SECOPS001',
    ]);
    expect(slack.requests).toEqual([]);
  });
});

describe('users and DMs', () => {
  it('opens a DM with users named by handle, real name, email or id', async () => {
    const slack = useSlackFake(server, new VirtualClock());
    const subject = notifier([], ['zach', 'User Two', 'user1@example.com', 'U0ZACH00001', '@user2']);

    expect(await subject.destinations()).toEqual(['D0ZACH00001', 'D0USER00002', 'D0USER00001']);
    expect(
      slack.requests.filter((r) => r.apiMethod === 'users.lookupByEmail').map((r) => r.params.email),
    ).toEqual(['user1@example.com']);
    expect(slack.requests.filter((r) => r.apiMethod === 'conversations.open')).toHaveLength(5);
  });

  it('delivers to a DM channel', async () => {
    const slack = useSlackFake(server, new VirtualClock());
    const subject = notifier(['general'], ['zach']);
    const message = {
      parts: [{ text: 'hello', blocks: [], unfurl_links: false as const, unfurl_media: false as const }],
    };

    const records = await subject.sendAlert(message);
    expect(records.map((r) => r.destination)).toEqual(['C0GENERAL01', 'D0ZACH00001']);
    expect(slack.state.messagesIn('D0ZACH00001').map((m) => m.text)).toEqual(['hello']);
  });
});

describe('names that do not resolve', () => {
  it('lists every unknown name in one ConfigError, with near matches', async () => {
    useSlackFake(server, new VirtualClock());
    const subject = notifier(
      ['generl', 'tq-alerts', 'hr-private', 'xyzzy'],
      ['zack', 'zach@exmaple.com', 'former'],
    );
    const error = await configError(subject.destinations());

    expect(error.issues.map((i) => i.path)).toEqual([
      'channelNames[0]',
      'channelNames[2]',
      'channelNames[3]',
      'userNames[0]',
      'userNames[1]',
      'userNames[2]',
    ]);
    const [generl, hidden, xyzzy, zack, email, former] = error.issues.map((i) => i.message);
    expect(generl).toMatch(/no channel "#generl".*did you mean "#general"\?/);
    expect(hidden).toMatch(/private ones the bot was invited to/);
    expect(xyzzy).not.toMatch(/did you mean/);
    expect(zack).toMatch(/did you mean "zach"\?/);
    expect(email).toMatch(/did you mean "zach@example.com"\?/);
    expect(former).toMatch(/deactivated/);
    expect(error.message).toContain('Slack notifier "slack"');
  });

  it('reports a name that matches several users as ambiguous', async () => {
    useSlackFake(server, new VirtualClock(), {
      users: [
        { name: 'ana.a', realName: 'Ana' },
        { name: 'ana.b', realName: 'Ana' },
      ],
    });
    const error = await configError(notifier([], ['Ana']).destinations());
    expect(error.issues[0]?.message).toMatch(/matches several users.*use the user id or email/);
  });

  it('tries again on the next call once the name exists', async () => {
    const slack = useSlackFake(server, new VirtualClock());
    const subject = notifier(['new-channel']);
    await configError(subject.destinations());
    slack.state.addChannel({ id: 'C0NEWCHAN01', name: 'new-channel' });
    expect(await subject.destinations()).toEqual(['C0NEWCHAN01']);
  });
});

describe('Slack refusing or failing during resolution', () => {
  it('turns a refused token into a ConfigError about the token that never shows it', async () => {
    useSlackFake(server, new VirtualClock());
    const badToken = 'xoxb-0000-not-the-right-one';
    const subject = new SlackNotifier({ token: badToken, slackApiUrl: API, channelNames: ['general'] });
    const error = await configError(subject.destinations());
    expect(error.issues[0]).toMatchObject({ path: 'token' });
    expect(error.message).toMatch(/invalid_auth.*new bot token/);
    expect(
      JSON.stringify({ message: error.message, issues: error.issues, stack: error.stack }),
    ).not.toContain(badToken);
  });

  it('reports an unreachable Slack as a retryable DeliveryError and recovers', async () => {
    const slack = useSlackFake(server, new VirtualClock());
    slack.faults.serverError(1, 502, { method: 'conversations.list' });
    const subject = notifier(['general']);
    const error = await rejectionOf(subject.destinations());
    expect(DeliveryError.isInstance(error) && error.retryable).toBe(true);
    expect(await subject.destinations()).toEqual(['C0GENERAL01']);
  });

  it('waits out a rate limit on conversations.list', async () => {
    const clock = new VirtualClock();
    const slack = useSlackFake(server, clock);
    slack.faults.rateLimit(1, 4, { method: 'conversations.list' });
    expect(await notifier(['general'], [], { clock }).destinations()).toEqual(['C0GENERAL01']);
    expect(clock.sleeps).toEqual([4000]);
  });
});

describe('the guide constructor', () => {
  it('takes a WebClient, using its token and API URL', async () => {
    useSlackFake(server, new VirtualClock());
    const client = new WebClient(SLACK_TOKEN, { slackApiUrl: API });
    const subject = new SlackNotifier({ connector: true }, client, {
      channelNames: ['general', 'tq-alerts'],
      userNames: ['zach'],
    });
    expect(await subject.destinations()).toEqual(['C0GENERAL01', 'C0TQALERTS1', 'D0ZACH00001']);
  });

  it('takes the bot token as a string', async () => {
    useSlackFake(server, new VirtualClock());
    const subject = new SlackNotifier(undefined, SLACK_TOKEN, {
      channelNames: ['general'],
      slackApiUrl: API,
    });
    expect(await subject.destinations()).toEqual(['C0GENERAL01']);
  });
});
