/** The notifier as a TQ Alert plugin, so the worker can load it by name (`use: slack`). */
import { defineNotifier, NotificationTypes } from '@tqalert/core';
import { SlackFormatter } from '@tqalert/formatter-slack';
import { SlackNotifierPluginOptionsSchema } from './notifier-options.js';
import { SlackNotifier } from './slack-notifier.js';

/**
 * `@tqalert/notifier-slack` plugin definition. `create` registers the token with the worker's redactor and
 * returns a {@link SlackNotifier} named after the config id, with a {@link SlackFormatter} already set.
 */
export const slackNotifierPlugin = defineNotifier({
  name: '@tqalert/notifier-slack',
  description: 'Slack via @slack/web-api: names to ids, DMs, per-channel rate limits, Retry-After, threads.',
  options: SlackNotifierPluginOptionsSchema,
  create(options, context) {
    context.redactor.add(options.token);
    const notifier = new SlackNotifier({ ...options, name: context.id, logger: context.logger });
    return notifier.setFormatter(new SlackFormatter({ type: NotificationTypes.WATCHLIST }));
  },
});
