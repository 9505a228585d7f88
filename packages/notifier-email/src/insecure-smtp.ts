import type { Logger } from '@tqalert/core';
import type { ResolvedEmailSenderOptions } from './notifier-options.js';
import { effectivePort } from './transport-options.js';

/** One loud warning: what is unsafe, where, and how to fix it; its code names it for `process.on('warning')`. */
interface InsecureSetting {
  code: string;
  message: string;
}

function insecureSettings(options: ResolvedEmailSenderOptions, where: string): InsecureSetting[] {
  const server = `${options.host}:${effectivePort(options)}`;
  const found: InsecureSetting[] = [];
  if (options.auth && options.allowInsecureAuth && !options.secure && !options.requireTLS) {
    found.push({
      code: 'TQALERT_SMTP_INSECURE_AUTH',
      message: `${where}: allowInsecureAuth is set, so the SMTP password of user "${options.auth.user}" is sent in clear text to ${server} whenever it offers no STARTTLS (or someone on the path strips it). Remove allowInsecureAuth and set requireTLS: true (port 587) or secure: true (port 465).`,
    });
  }
  if (!options.tls.rejectUnauthorized) {
    found.push({
      code: 'TQALERT_SMTP_TLS_UNVERIFIED',
      message: `${where}: TLS certificate verification is OFF for ${server}; anyone on the path can read the mail and the SMTP password. Set tls.ca instead.`,
    });
  }
  return found;
}

/**
 * Says loudly when SMTP settings put the password or the mail at risk (`allowInsecureAuth`, or certificate checks
 * off): to the logger, and as a process warning too, so that library use without a logger is not silent either.
 */
export function warnInsecureSmtp(options: ResolvedEmailSenderOptions, where: string, logger?: Logger): void {
  for (const { code, message } of insecureSettings(options, where)) {
    logger?.warn(message, { code });
    process.emitWarning(message, { code });
  }
}
