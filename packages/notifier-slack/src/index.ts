/**
 * `@tqalert/notifier-slack`: delivers Slack messages with `@slack/web-api`: names resolved to ids, DMs,
 * per-channel rate limits, Retry-After honoured, thread continuations, nothing lost or sent twice.
 */
import { slackNotifierPlugin } from './plugin.js';

export { type Clock, systemClock } from './clock.js';
export type { Destination } from './name-resolver.js';
export {
  type SlackNotifierGuideOptions,
  type SlackNotifierOptions,
  type SlackNotifierPluginOptions,
  SlackNotifierPluginOptionsSchema,
  type ThreadUpdates,
} from './notifier-options.js';
export { slackNotifierPlugin } from './plugin.js';
export { SlackNotifier } from './slack-notifier.js';

export default slackNotifierPlugin;
