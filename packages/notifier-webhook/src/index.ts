import { webhookNotifierDefinition } from './definition.js';

export { webhookNotifierDefinition } from './definition.js';
export {
  webhookFormatterOptionsSchema,
  webhookNotifierOptionsSchema,
  webhookPluginOptionsSchema,
} from './options-schema.js';
export { parseRetryAfter } from './retry-after.js';
export {
  DEFAULT_REPLAY_WINDOW_SECONDS,
  type SignatureCheck,
  type SignedParts,
  signDelivery,
  signedString,
  TIMESTAMP_HEADER,
  verifyWebhookSignature,
} from './signature.js';
export { WebhookFormatter, type WebhookFormatterOptions, type WebhookStyle } from './webhook-formatter.js';
export { WebhookNotifier, type WebhookNotifierOptions } from './webhook-notifier.js';
export type { TeamsMessageBody, WebhookBody, WebhookJsonBody, WebhookPayload } from './webhook-payload.js';

/** The plugin definition: `notifiers: [{ id: teams-soc, use: '@tqalert/notifier-webhook', options: { url } }]`. */
export default webhookNotifierDefinition;
