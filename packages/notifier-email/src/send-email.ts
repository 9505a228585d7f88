import type { Redactor } from '@tqalert/core';
import nodemailer from 'nodemailer';
import { type FreeFormEmail, type FreeFormResult, freeFormResult, prepareFreeForm } from './free-form.js';
import { type EmailSenderOptions, EmailSenderOptionsSchema, resolveOptions } from './notifier-options.js';
import { deliveryErrorFrom } from './smtp-failure.js';
import { smtpRedactor } from './smtp-secrets.js';
import { effectivePort, singleTransportOptions } from './transport-options.js';

/**
 * Sends one free-form email without a notifier: connects, sends, disconnects. For scripts and the CLI.
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
  settings: { signal?: AbortSignal; redactor?: Redactor } = {},
): Promise<FreeFormResult> {
  const resolved = resolveOptions(EmailSenderOptionsSchema, options, 'sendEmail() options');
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
      delivered: [],
      redactor: smtpRedactor(resolved.auth, settings.redactor),
    });
  } finally {
    transport.close();
  }
}
