import { defineFormatter } from '@tqalert/core';
import { EmailFormatter } from './email-formatter.js';
import { EmailFormatterOptionsSchema } from './formatter-options.js';

/** The `@tqalert/formatter-email` plugin, as the worker loads it by package name. */
export const emailFormatterDefinition = defineFormatter({
  name: '@tqalert/formatter-email',
  description:
    'Email: header-safe subject, HTML and plain-text alternatives, escaped and defanged, split to size.',
  options: EmailFormatterOptionsSchema,
  create: (options) => new EmailFormatter(options),
});
