import type { Logger, Redactor } from '@tqalert/core';
import nodemailer from 'nodemailer';
import { type FreeFormEmail, type FreeFormResult, freeFormResult, prepareFreeForm } from './free-form.js';
import { warnInsecureSmtp } from './insecure-smtp.js';
import { type EmailSenderOptions, EmailSenderOptionsSchema, resolveOptions } from './notifier-options.js';
import { deliveryErrorFrom } from './smtp-failure.js';
import { smtpRedactor } from './smtp-secrets.js';
import { authNeedsTls, effectivePort, singleTransportOptions } from './transport-options.js';

/**
 * Sends one free-form email without a notifier: connects, sends, disconnects. For scripts and the CLI. With `auth`
 * and without `secure`, STARTTLS is required unless `allowInsecureAuth` is set; that and `tls.rejectUnauthorized:
 * false` are warned about through `settings.logger` and as process warnings.
 *
 * @example
 * await sendEmail(
 *   { host: 'smtp.example.com', requireTLS: true, auth: { user: 'alerts', pass }, from: 'alerts@example.com' },
 *   { to: 'soc@example.com', subject: 'Weekly IOC export', text: 'Attached.', attachments: [{ path: './iocs.csv' }] },
 * );
 * @throws ConfigError for bad transport options, ValidationError for a bad email or a missing attachment,
 *   DeliveryError (with `retryable`) when the server or the connection fails.
 */
export async function sendEmail(
  options: EmailSenderOptions,
  email: FreeFormEmail,
  settings: { signal?: AbortSignal; redactor?: Redactor; logger?: Logger } = {},
): Promise<FreeFormResult> {
  const resolved = resolveOptions(EmailSenderOptionsSchema, options, 'sendEmail() options');
  warnInsecureSmtp(resolved, 'sendEmail()', settings.logger);
  const mail = await prepareFreeForm(email, resolved.from);
  const transport = nodemailer.createTransport(singleTransportOptions(resolved));
  try {
    const info = await transport.sendMail({
      ...mail,
      ...(settings.signal ? { signal: settings.signal } : {}),
    });
    return freeFormResult(info);
  } catch (error) {
    throw deliveryErrorFrom(error, {
      notifier: undefined,
      server: `${resolved.host}:${effectivePort(resolved)}`,
      what: 'the email',
      user: resolved.auth?.user,
      authNeedsTls: authNeedsTls(resolved),
      delivered: [],
      redactor: smtpRedactor(resolved.auth, settings.redactor),
    });
  } finally {
    transport.close();
  }
}
