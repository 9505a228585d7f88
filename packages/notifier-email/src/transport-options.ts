import type { SMTPPoolOptions, SMTPTransportOptions } from 'nodemailer';
import type { ResolvedEmailSenderOptions } from './notifier-options.js';

/** The port nodemailer would pick, spelled out so that errors can name it. */
export function effectivePort(options: Pick<ResolvedEmailSenderOptions, 'port' | 'secure'>): number {
  return options.port ?? (options.secure ? 465 : 587);
}

/**
 * Whether STARTTLS is required because a password is to be sent: SMTP AUTH never goes over plain text (where a
 * server without STARTTLS, or anyone stripping it on the path, would see the password) unless the caller allowed
 * it with `allowInsecureAuth`.
 */
export function authNeedsTls(
  options: Pick<ResolvedEmailSenderOptions, 'auth' | 'secure' | 'requireTLS' | 'allowInsecureAuth'>,
): boolean {
  return options.auth !== undefined && !options.secure && !options.requireTLS && !options.allowInsecureAuth;
}

/** nodemailer settings shared by the pooled and the one-shot transport. */
function connectionSettings(options: ResolvedEmailSenderOptions): SMTPTransportOptions {
  return {
    host: options.host,
    port: effectivePort(options),
    secure: options.secure,
    requireTLS: options.requireTLS || authNeedsTls(options),
    ...(options.auth ? { auth: { user: options.auth.user, pass: options.auth.pass } } : {}),
    connectionTimeout: options.timeouts.connectionMs,
    greetingTimeout: options.timeouts.greetingMs,
    socketTimeout: options.timeouts.socketMs,
    tls: {
      rejectUnauthorized: options.tls.rejectUnauthorized,
      ...(options.tls.ca ? { ca: options.tls.ca } : {}),
      ...(options.tls.servername ? { servername: options.tls.servername } : {}),
    },
    ...(options.name ? { name: options.name } : {}),
    // nodemailer's own logging would print SMTP traffic; errors reach the caller instead.
    logger: false,
    debug: false,
  };
}

/** A pooled transport for a long-running notifier: reused connections, and the rate cap shared by the pool. */
export function poolTransportOptions(options: ResolvedEmailSenderOptions): SMTPPoolOptions & { pool: true } {
  const perSecond = options.rateLimit?.perSecond;
  // nodemailer counts whole messages per window: below 1/s, widen the window instead.
  const rate =
    perSecond === undefined
      ? {}
      : perSecond >= 1
        ? { rateLimit: Math.floor(perSecond), rateDelta: 1_000 }
        : { rateLimit: 1, rateDelta: Math.round(1_000 / perSecond) };
  return {
    ...connectionSettings(options),
    pool: true,
    maxConnections: options.pool.maxConnections,
    maxMessages: options.pool.maxMessages,
    ...rate,
  };
}

/** A transport for one message, closed right after (used by {@link sendEmail}). */
export function singleTransportOptions(options: ResolvedEmailSenderOptions): SMTPTransportOptions {
  return connectionSettings(options);
}
