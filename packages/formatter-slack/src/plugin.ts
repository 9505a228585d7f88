/** The formatter as a TQ Alert plugin, so the worker can load it by name (`use: slack`). */
import { defineFormatter, threatqAddressOf } from '@tqalert/core';
import { type ResolvedSlackFormatterOptions, SlackFormatterOptionsSchema } from './formatter-options.js';
import { SlackFormatter } from './slack-formatter.js';

/** `@tqalert/formatter-slack` plugin definition: options validated by {@link SlackFormatterOptionsSchema}. */
export const slackFormatterPlugin = defineFormatter<ResolvedSlackFormatterOptions>({
  name: '@tqalert/formatter-slack',
  description:
    'Slack Block Kit within Slack limits: escaped, defanged, split into thread continuations, never cut.',
  options: SlackFormatterOptionsSchema,
  // Links are checked against the worker's ThreatQ unless the options name another address.
  create: (options, context) => {
    const threatqUrl = options.threatqUrl ?? threatqAddressOf(context.clients.threatq);
    return new SlackFormatter(threatqUrl === undefined ? options : { ...options, threatqUrl });
  },
});
