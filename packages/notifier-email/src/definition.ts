import { defineNotifier } from '@tqalert/core';
import { EmailFormatter } from '@tqalert/formatter-email';
import { EmailNotifier } from './email-notifier.js';
import { EmailNotifierOptionsSchema } from './notifier-options.js';

/**
 * The `@tqalert/notifier-email` plugin, as the worker loads it by package name. `create` registers the SMTP
 * password with the host's redactor and gives the notifier an `EmailFormatter`.
 */
export const emailNotifierDefinition = defineNotifier({
  name: '@tqalert/notifier-email',
  description: 'Email over SMTP (nodemailer): pooled, TLS verified, alert mail and free-form mail.',
  options: EmailNotifierOptionsSchema,
  create: (options, context) =>
    new EmailNotifier(options, {
      id: context.id,
      logger: context.logger,
      redactor: context.redactor,
      formatter: new EmailFormatter(),
    }),
});
