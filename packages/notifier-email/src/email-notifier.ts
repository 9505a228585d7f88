import {
  type BaseFormatter,
  BaseNotifier,
  type DeliveredPart,
  DeliveryError,
  type DeliveryRecord,
  type Logger,
  type Redactor,
  type SendOptions,
  silentLogger,
  ValidationError,
} from '@tqalert/core';
import { type EmailMessage, headerSafe } from '@tqalert/formatter-email';
import nodemailer, { type SendMailOptions, type SMTPPoolSentMessageInfo, type Transporter } from 'nodemailer';
import type { MailAddress } from './email-address.js';
import {
  addressesOf,
  type FreeFormEmail,
  type FreeFormResult,
  freeFormResult,
  prepareFreeForm,
} from './free-form.js';
import { warnInsecureSmtp } from './insecure-smtp.js';
import { replicaHeader, safeExtraHeaders } from './message-headers.js';
import { stableMessageId } from './message-id.js';
import {
  type EmailNotifierOptions,
  EmailNotifierOptionsSchema,
  type ResolvedEmailNotifierOptions,
  resolveOptions,
} from './notifier-options.js';
import { deliveryErrorFrom, type FailureContext } from './smtp-failure.js';
import { smtpRedactor } from './smtp-secrets.js';
import { authNeedsTls, effectivePort, poolTransportOptions } from './transport-options.js';

/** How the host wires an {@link EmailNotifier} in; everything is optional for library use. */
export interface EmailNotifierSettings {
  /** Instance name, the notifier's id in the worker config. Default `email`. */
  id?: string;
  /**
   * Where warnings go (TLS verification off, `allowInsecureAuth`, recipients refused). Default: silent, except that
   * unsafe TLS settings are also emitted as process warnings.
   */
  logger?: Logger;
  /** The host's redactor; the SMTP password is added to it. */
  redactor?: Redactor;
  /**
   * Shapes alerts into emails. Default: none, as for every notifier (call `setFormatter()`); the plugin's `create`
   * sets an `EmailFormatter`.
   */
  formatter?: BaseFormatter<EmailMessage[]>;
}

function destinationOf(options: ResolvedEmailNotifierOptions): string {
  const list = (addresses: MailAddress[]): string =>
    [...new Set(addresses.map((entry) => entry.address.toLowerCase()))].sort().join(',');
  const parts = [`email:${list(options.to)}`];
  if (options.cc.length) parts.push(`cc:${list(options.cc)}`);
  if (options.bcc.length) parts.push(`bcc:${list(options.bcc)}`);
  return parts.join(';');
}

/**
 * Sends alert emails over SMTP with nodemailer: a connection pool with a shared rate cap, TLS verified by default,
 * one destination for the configured recipient set, each part of a split message sent once (parts already
 * delivered are skipped on a retry). Also sends free-form emails ({@link EmailNotifier.sendFreeForm}).
 *
 * @example
 * const notifier = new EmailNotifier({ host: 'smtp.example.com', requireTLS: true,
 *   auth: { user: 'alerts', pass: process.env.SMTP_PASSWORD ?? '' },
 *   from: 'TQ Alert <alerts@example.com>', to: ['soc@example.com'] });
 * notifier.setFormatter(new EmailFormatter(NotificationTypes.WATCHLIST));
 * await notifier.sendAlert(notifier.formatAlert(alerts));
 */
export class EmailNotifier extends BaseNotifier<EmailMessage[]> {
  /** The validated options, defaults filled in and addresses parsed. */
  readonly options: ResolvedEmailNotifierOptions;
  private readonly destination: string;
  private readonly logger: Logger;
  private readonly redactor: Redactor;
  private transport: Transporter<SMTPPoolSentMessageInfo> | undefined;

  /**
   * @throws ConfigError naming every invalid option (`to[1]: "bob@" is not a valid email address: …`).
   */
  constructor(options: EmailNotifierOptions, settings: EmailNotifierSettings = {}) {
    const resolved = resolveOptions(EmailNotifierOptionsSchema, options, '@tqalert/notifier-email options');
    super(settings.id ?? 'email');
    this.options = resolved;
    this.destination = destinationOf(resolved);
    this.logger = settings.logger ?? silentLogger;
    this.redactor = smtpRedactor(resolved.auth, settings.redactor);
    if (settings.formatter) this.setFormatter(settings.formatter);
    warnInsecureSmtp(resolved, `Email notifier "${this.name}"`, settings.logger);
  }

  /** One destination: the recipient set (`email:a@x.com,b@x.com;cc:…;bcc:…`). */
  override async destinations(): Promise<string[]> {
    return [this.destination];
  }

  /**
   * Sends every part of `messages` to the recipients, in order, skipping parts in `options.alreadyDelivered`.
   * Resolves with one record whose parts carry each email's Message-ID.
   *
   * @throws DeliveryError `retryable: false` for SMTP 5xx, a refused login or certificate, or wrong TLS settings;
   *   `retryable: true` for 4xx, refused connections and timeouts. `delivered` lists the parts sent so far.
   * @throws ValidationError when a message has no subject or body, or sets a header it must not.
   */
  async sendAlert(messages: EmailMessage[], options: SendOptions = {}): Promise<DeliveryRecord[]> {
    // Nothing to say, or not for this destination: no email, so no record either.
    if (messages.length === 0) return [];
    if (options.destinations && !options.destinations.includes(this.destination)) return [];
    for (const [i, message] of messages.entries()) checkMessage(message, `messages[${i}]`);
    const delivered: DeliveredPart[] = (options.alreadyDelivered ?? []).filter(
      (part) => part.destination === this.destination && part.part < messages.length,
    );
    const done = new Set(delivered.map((part) => part.part));
    const thread = (options.thread?.parts ?? [])
      .map((part) => part.ref.messageId)
      .filter((id): id is string => !!id);

    for (const [index, message] of messages.entries()) {
      if (done.has(index)) continue;
      const what = messages.length > 1 ? `part ${index + 1} of ${messages.length}` : 'the email';
      if (options.signal?.aborted) {
        throw new DeliveryError({
          message: `Sending ${what} to ${this.server()} was aborted before it started`,
          retryable: true,
          notifier: this.name,
          delivered: [...delivered],
        });
      }
      const mail: SendMailOptions = {
        from: this.options.from,
        to: this.options.to,
        cc: this.options.cc,
        bcc: this.options.bcc,
        subject: headerSafe(message.subject),
        text: message.text,
        html: message.html,
        headers: { ...safeExtraHeaders(message.headers, `messages[${index}]`), ...replicaHeader() },
        ...(options.idempotencyKey
          ? { messageId: stableMessageId(options.idempotencyKey, index, this.options.from.address) }
          : {}),
        ...(thread.length ? { inReplyTo: thread[0], references: thread } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      };
      const info = await this.send(mail, what, delivered);
      delivered.push({ destination: this.destination, part: index, ref: this.ref(info) });
    }
    delivered.sort((a, b) => a.part - b.part);
    return [
      {
        notifier: this.name,
        destination: this.destination,
        parts: delivered,
        sentAt: new Date().toISOString(),
      },
    ];
  }

  /**
   * Sends a free-form email (the guide's 1.5.0 feature) through this notifier's server and pool, from its `from`
   * unless the email names another sender.
   *
   * @throws ValidationError naming each bad field, or a missing attachment file.
   * @throws DeliveryError as {@link EmailNotifier.sendAlert} does.
   */
  async sendFreeForm(email: FreeFormEmail, options: { signal?: AbortSignal } = {}): Promise<FreeFormResult> {
    const mail = await prepareFreeForm(email, this.options.from);
    const info = await this.send(
      { ...mail, ...(options.signal ? { signal: options.signal } : {}) },
      'the email',
      [],
    );
    return freeFormResult(info);
  }

  /** Connects and logs in once, to check the settings. Throws the same {@link DeliveryError}s as a send. */
  override async verify(): Promise<void> {
    try {
      await this.pool().verify();
    } catch (error) {
      throw deliveryErrorFrom(error, this.failureContext('a test connection', []));
    }
  }

  /** Closes the pooled connections. A later send opens new ones. */
  override async close(): Promise<void> {
    const transport = this.transport;
    this.transport = undefined;
    transport?.close();
  }

  private pool(): Transporter<SMTPPoolSentMessageInfo> {
    this.transport ??= nodemailer.createTransport(poolTransportOptions(this.options));
    return this.transport;
  }

  private async send(mail: SendMailOptions, what: string, delivered: DeliveredPart[]) {
    try {
      const info = await this.pool().sendMail(mail);
      const rejected = addressesOf(info.rejected);
      if (rejected.length) {
        this.logger.warn(
          `Email notifier "${this.name}": ${this.server()} refused some recipients of ${what}`,
          {
            notifier: this.name,
            rejected,
          },
        );
      }
      return info;
    } catch (error) {
      throw deliveryErrorFrom(error, this.failureContext(what, [...delivered]));
    }
  }

  private ref(info: { messageId: string; rejected?: unknown }): Record<string, string> {
    const rejected = addressesOf(info.rejected);
    return rejected.length
      ? { messageId: info.messageId, rejected: rejected.join(',') }
      : { messageId: info.messageId };
  }

  private failureContext(what: string, delivered: DeliveredPart[]): FailureContext {
    return {
      notifier: this.name,
      server: this.server(),
      what,
      user: this.options.auth?.user,
      authNeedsTls: authNeedsTls(this.options),
      delivered,
      redactor: this.redactor,
    };
  }

  private server(): string {
    return `${this.options.host}:${effectivePort(this.options)}`;
  }
}

function checkMessage(message: EmailMessage, where: string): void {
  const problems: { path: string; message: string }[] = [];
  if (typeof message?.subject !== 'string' || !headerSafe(message.subject)) {
    problems.push({ path: `${where}.subject`, message: 'is missing or empty' });
  }
  if (typeof message?.text !== 'string' && typeof message?.html !== 'string') {
    problems.push({ path: `${where}.text`, message: 'a message needs text, html or both' });
  }
  if (problems.length) {
    throw new ValidationError(
      `Email notifier got a message it cannot send: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}. Is the formatter an email formatter?`,
      problems,
      { code: 'EMAIL_MESSAGE_INVALID' },
    );
  }
}
