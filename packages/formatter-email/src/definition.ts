import { defineFormatter, threatqAddressOf } from '@tqalert/core';
import { EmailFormatter } from './email-formatter.js';
import { EmailFormatterOptionsSchema } from './formatter-options.js';

/** The `@tqalert/formatter-email` plugin, as the worker loads it by package name. */
export const emailFormatterDefinition = defineFormatter({
  name: '@tqalert/formatter-email',
  description:
    'Email: header-safe subject, HTML and plain-text alternatives, escaped and defanged, split to size.',
  options: EmailFormatterOptionsSchema,
  // Links are checked against the worker's ThreatQ unless the options name another address.
  create: (options, context) => {
    const threatqUrl = options.threatqUrl ?? threatqAddressOf(context?.clients?.threatq);
    return new EmailFormatter(threatqUrl === undefined ? options : { ...options, threatqUrl });
  },
});
