import { NotificationTypes } from '@tqalert/core';
import { createSlackFake, SLACK_TOKEN } from '@tqalert/fixtures';
import { type SlackBlock, SlackFormatter, visibleText } from '@tqalert/formatter-slack';
import { testNotifier } from '@tqalert/testkit';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll } from 'vitest';
import { SlackNotifier } from './slack-notifier.js';
import { VirtualClock } from './test-slack-env.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());

for (const type of [
  NotificationTypes.WATCHLIST,
  NotificationTypes.DATA_COLLECTION,
  NotificationTypes.FREE_FORM,
]) {
  testNotifier(`SlackNotifier (${type})`, () => {
    const clock = new VirtualClock();
    const slack = createSlackFake({ baseUrl: 'https://slack.test/api/', now: clock.now });
    const broken = createSlackFake({ baseUrl: 'https://broken-slack.test/api/', now: clock.now });
    broken.faults.serverError(1000, 503);
    server.resetHandlers(...slack.handlers, ...broken.handlers);
    const options = {
      token: SLACK_TOKEN,
      channelNames: ['general', '#tq-alerts'],
      userNames: ['zach'],
      clock,
    };
    return {
      notifier: new SlackNotifier({ ...options, slackApiUrl: slack.baseUrl }),
      formatter: new SlackFormatter(undefined, undefined, type),
      inspect: () =>
        slack.state.messages.map((m) => ({
          destination: m.channel,
          text: `${m.text}\n${visibleText(m.blocks as SlackBlock[])}`,
        })),
      failing: () =>
        new SlackNotifier({
          ...options,
          channelNames: ['C0GENERAL01'],
          userNames: [],
          slackApiUrl: broken.baseUrl,
        }),
      secrets: [SLACK_TOKEN],
      dispose: () => server.resetHandlers(),
    };
  });
}
