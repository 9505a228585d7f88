import { defineNotifier, NotificationTypes, threatqAddressOf } from '@tqalert/core';
import { webhookPluginOptionsSchema } from './options-schema.js';
import { WebhookFormatter } from './webhook-formatter.js';
import { WebhookNotifier } from './webhook-notifier.js';

/**
 * The plugin definition the worker loads by name (`use: '@tqalert/notifier-webhook'`). `create` names the notifier
 * by its config id, gives it a {@link WebhookFormatter} from `format` (the worker renders with the alert's own
 * type), and registers its secrets with the host's redactor before anything can log them.
 */
export const webhookNotifierDefinition = defineNotifier({
  name: '@tqalert/notifier-webhook',
  description:
    'POSTs alerts as JSON to webhooks (generic JSON or Microsoft Teams Workflows cards), optionally signed.',
  options: webhookPluginOptionsSchema,
  create({ format, ...options }, context) {
    const notifier = new WebhookNotifier({ ...options, name: context.id || options.name });
    context.redactor.add(...notifier.secretValues());
    // Links are checked against the worker's ThreatQ unless `format` names another address.
    const threatqUrl = format.threatqUrl ?? threatqAddressOf(context.clients?.threatq);
    return notifier.setFormatter(
      new WebhookFormatter(
        NotificationTypes.WATCHLIST,
        threatqUrl === undefined ? format : { ...format, threatqUrl },
      ),
    );
  },
});
