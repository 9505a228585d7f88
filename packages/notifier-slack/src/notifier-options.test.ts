import { WebClient } from '@slack/web-api';
import { ConfigError, validateWithSchema } from '@tqalert/core';
import { SLACK_TOKEN } from '@tqalert/fixtures';
import { describe, expect, it } from 'vitest';
import { SlackNotifierPluginOptionsSchema } from './notifier-options.js';
import { SlackNotifier } from './slack-notifier.js';

function configError(build: () => unknown): ConfigError {
  try {
    build();
  } catch (error) {
    if (ConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const withUrl = (slackApiUrl: string) => () =>
  new SlackNotifier({ token: SLACK_TOKEN, slackApiUrl, channelNames: ['tq-alerts'] });

describe('slackApiUrl: https only, http only to loopback', () => {
  it('11.11 refuses plain http:// to a remote host, naming the option and the fix', () => {
    const error = configError(withUrl('http://slack-proxy.example/api/'));
    expect(error.issues).toEqual([
      {
        path: 'slackApiUrl',
        message: expect.stringContaining('slackApiUrl must use https:// (e.g. https://slack.com/api/)'),
      },
    ]);
    expect(error.message).toContain('allowed only to a loopback address');
    expect(error.message).not.toContain(SLACK_TOKEN);
    // Looks local, is not: the host is parsed, not prefix-matched.
    expect(configError(withUrl('http://127.0.0.1.nip.io/api/')).issues[0]?.path).toBe('slackApiUrl');
  });

  it('11.11 refuses schemes other than https and http', () => {
    for (const url of ['ftp://slack.example/api/', 'file:///tmp/slack', 'ws://127.0.0.1/api/']) {
      expect(configError(withUrl(url)).message, url).toMatch(
        /slackApiUrl must be an https:\/\/ URL .*got a \w+: URL/,
      );
    }
  });

  it('11.11 allows https:// anywhere and http:// to a loopback fake', () => {
    for (const url of ['https://slack.com/api/', 'http://127.0.0.1:3000/api/', 'http://[::1]:3000/api/'])
      expect(withUrl(url)().name, url).toBe('slack');
  });

  it('11.11 checks the address of a WebClient passed in as client too', () => {
    const client = new WebClient(SLACK_TOKEN, { slackApiUrl: 'http://slack-proxy.example/api/' });
    const error = configError(() => new SlackNotifier({ client, channelNames: ['tq-alerts'] }));
    expect(error.issues[0]?.path).toBe('client');
    expect(error.message).toContain("the WebClient's slackApiUrl must use https://");
  });

  it('11.11 is checked when the worker validates the plugin options', async () => {
    const parsed = await validateWithSchema(SlackNotifierPluginOptionsSchema, {
      token: SLACK_TOKEN,
      channelNames: ['tq-alerts'],
      slackApiUrl: 'ftp://slack.example/api/',
    });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues.map((issue) => issue.path)).toEqual(['slackApiUrl']);
  });
});
