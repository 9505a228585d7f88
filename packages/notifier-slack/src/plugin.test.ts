import {
  assertPluginDefinition,
  type PluginContext,
  Redactor,
  silentLogger,
  validateWithSchema,
} from '@tqalert/core';
import { SLACK_TOKEN } from '@tqalert/fixtures';
import { SlackFormatter } from '@tqalert/formatter-slack';
import { describe, expect, it } from 'vitest';
import * as moduleNamespace from './index.js';
import { SlackNotifier } from './slack-notifier.js';

const plugin = assertPluginDefinition(moduleNamespace, 'notifier', {
  path: 'notifiers[0].use',
  packageName: '@tqalert/notifier-slack',
});

describe('default export', () => {
  it('is the @tqalert/notifier-slack notifier plugin', () => {
    expect(plugin).toMatchObject({ kind: 'notifier', name: '@tqalert/notifier-slack', apiVersion: 1 });
  });

  it('creates a SlackNotifier named after the config id, with a SlackFormatter, and registers the token as a secret', async () => {
    const parsed = await validateWithSchema(plugin.options, {
      token: SLACK_TOKEN,
      channelNames: ['tq-alerts'],
      threadUpdates: 'update',
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const redactor = new Redactor();
    const context: PluginContext = {
      id: 'slack-soc',
      logger: silentLogger,
      configDir: '.',
      clients: {},
      redactor,
    };
    const notifier = await plugin.create(parsed.value, context);

    expect(notifier).toBeInstanceOf(SlackNotifier);
    expect(notifier.name).toBe('slack-soc');
    expect((notifier as SlackNotifier).threadUpdates).toBe('update');
    expect(notifier.getFormatter()).toBeInstanceOf(SlackFormatter);
    expect(redactor.text(`token=${SLACK_TOKEN}`)).toBe('token=[REDACTED]');
  });

  it('names every bad option, and never echoes the token', async () => {
    const parsed = await validateWithSchema(
      plugin.options,
      {
        token: SLACK_TOKEN,
        channelNames: [],
        ratePerChannelPerSecond: 0,
        threadUpdates: 'reply-all',
        chanelNames: ['x'],
      },
      'notifiers[0].options',
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.map((i) => i.path).sort()).toEqual([
      'notifiers[0].options',
      'notifiers[0].options.ratePerChannelPerSecond',
      'notifiers[0].options.threadUpdates',
    ]);
    expect(JSON.stringify(parsed.issues)).not.toContain(SLACK_TOKEN);
  });
});

describe('constructor options', () => {
  it('names every wrong option in one ConfigError without the token', () => {
    const attempt = () =>
      new SlackNotifier({
        token: SLACK_TOKEN,
        channelNames: [''],
        maxRetryAfterSeconds: -1,
        threadUpdates: 'x',
      } as never);
    expect(attempt).toThrow(/channelNames\.0: each channel name must be a non-empty name/);
    expect(attempt).toThrow(/maxRetryAfterSeconds/);
    expect(attempt).toThrow(/threadUpdates/);
    try {
      attempt();
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(SLACK_TOKEN);
    }
  });

  it('asks for a destination and a token', () => {
    expect(() => new SlackNotifier({ token: SLACK_TOKEN })).toThrow(
      /at least one destination in channelNames or userNames/,
    );
    expect(() => new SlackNotifier({ channelNames: ['general'] })).toThrow(/bot token as token/);
  });

  it('explains the guide form when its second argument is wrong', () => {
    expect(() => new SlackNotifier({}, 42 as never, { channelNames: ['general'] })).toThrow(
      /second argument must be a WebClient from @slack\/web-api or the bot token/,
    );
  });
});
