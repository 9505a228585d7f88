import { type DeliveredPart, DeliveryError, type Redactor } from '@tqalert/core';
import type { NodemailerError } from 'nodemailer';

/** Where a send failed, for a message that says what, where and what to do. */
export interface FailureContext {
  /** The notifier instance, when there is one. */
  notifier: string | undefined;
  /** `host:port`. */
  server: string;
  /** `part 2 of 3`, `the email`. */
  what: string;
  /** The SMTP user, to name in a login failure (never the password). */
  user: string | undefined;
  /** STARTTLS was required only because a password is set (see `authNeedsTls`), not by `requireTLS`. */
  authNeedsTls?: boolean;
  /** Parts of this message already accepted, so a retry resumes after them. */
  delivered: DeliveredPart[];
  /** Scrubs the password (and its base64 forms) from anything the server or the library said. */
  redactor: Redactor;
}

interface Verdict {
  retryable: boolean;
  message: string;
  /**
   * The server or its settings refuse every message (a wrong login, TLS misconfigured): the failure is the
   * lane's. It is kept pending and retried with backoff, not dead-lettered, until someone fixes the config.
   */
  lane?: { auth: boolean };
}

const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);

const TIMEOUT_OPTIONS: Record<string, string> = {
  CONNECT_TIMEOUT: 'timeouts.connectionMs',
  GREETING_TIMEOUT: 'timeouts.greetingMs',
  SOCKET_TIMEOUT: 'timeouts.socketMs',
  UPGRADE_TIMEOUT: 'timeouts.connectionMs',
};

/** What the server refused, by the SMTP command it answered. */
function refusedWhat(error: NodemailerError, what: string): string {
  switch (error.command) {
    case 'MAIL FROM':
      return `the sender of ${what} (MAIL FROM)`;
    case 'RCPT TO':
      return `every recipient of ${what}${error.rejected?.length ? ` (${error.rejected.join(', ')})` : ''}`;
    case 'DATA':
      return `${what} after receiving it (DATA)`;
    default:
      return error.command ? `${what} (${error.command})` : what;
  }
}

function reply(error: NodemailerError): string {
  return (error.response ?? `${error.responseCode}`).trim();
}

/** Decides whether a failure is worth retrying, and says what happened and how to fix it. */
function judge(error: NodemailerError, context: FailureContext): Verdict {
  const at = `SMTP server ${context.server}`;
  const original = error.originalCode ?? '';
  if (error.code === 'EAUTH' || (error.responseCode === 530 && error.command !== 'STARTTLS')) {
    const temporary = error.permanent === false;
    return {
      retryable: true,
      lane: { auth: true },
      message: context.user
        ? `${at} refused the login of user "${context.user}" (${reply(error)}): check auth.user and auth.pass${temporary ? '; will retry' : '; deliveries wait until the login works'}`
        : `${at} requires authentication (${reply(error)}): set auth.user and auth.pass`,
    };
  }
  if (error.code === 'ENOAUTH') {
    return {
      retryable: true,
      lane: { auth: true },
      message: `${at} needs credentials but none are complete: set auth.user and auth.pass`,
    };
  }
  if ((error.command === 'STARTTLS' || error.code === 'EREQUIRETLS') && context.authNeedsTls) {
    return {
      retryable: false,
      message: `${at} does not offer STARTTLS (${error.response ? reply(error) : error.message}), and the SMTP password is sent only over TLS: set secure: true for an implicit-TLS port (465) or use a server that offers STARTTLS; for a trusted lab server only, allowInsecureAuth: true sends it in clear text`,
    };
  }
  if (error.command === 'STARTTLS' || error.code === 'EREQUIRETLS') {
    return {
      retryable: true,
      lane: { auth: false },
      message: `${at} does not offer STARTTLS (${error.response ? reply(error) : error.message}) but requireTLS is set: use a server or port that supports TLS (465 with secure: true), or drop requireTLS only if plain SMTP is acceptable`,
    };
  }
  if (CERTIFICATE_CODES.has(original) || CERTIFICATE_CODES.has(error.code ?? '')) {
    return {
      retryable: true,
      lane: { auth: false },
      message: `TLS certificate of ${at} was not accepted (${original || error.code}: ${error.message}): give the CA that signed it as tls.ca (PEM), set tls.servername when connecting by IP, or, for a test server only, tls.rejectUnauthorized: false`,
    };
  }
  if (original === 'ERR_SSL_WRONG_VERSION_NUMBER' || /wrong version number/i.test(error.message)) {
    return {
      retryable: true,
      lane: { auth: false },
      message: `TLS handshake with ${at} failed: the server does not speak TLS on connect. Use secure: true only for implicit-TLS ports (465); for 587 or 25 set secure: false and requireTLS: true`,
    };
  }
  if (typeof error.responseCode === 'number' && error.responseCode >= 400) {
    const permanent = error.permanent ?? error.responseCode >= 500;
    const refused = refusedWhat(error, context.what);
    return {
      retryable: !permanent,
      message: permanent
        ? `${at} permanently refused ${refused} with "${reply(error)}": not retried; check the recipients, sender and content`
        : `${at} temporarily refused ${refused} with "${reply(error)}": will retry`,
    };
  }
  if (error.code === 'ETIMEDOUT') {
    const option = TIMEOUT_OPTIONS[error.timeoutType ?? ''] ?? 'timeouts';
    return {
      retryable: true,
      message: `${at} did not answer in time (${error.timeoutType ?? 'timeout'}: ${error.message}) while sending ${context.what}: will retry; raise ${option} if the server is just slow`,
    };
  }
  if (error.code === 'EDNS') {
    return {
      retryable: true,
      message: `Could not resolve the SMTP host of ${context.server} (${original || error.message}): check host; will retry in case DNS is down`,
    };
  }
  if (error.code === 'EABORT')
    return { retryable: true, message: `Sending ${context.what} to ${at} was aborted` };
  if (error.code === 'ECONNECTION' || error.code === 'ESOCKET' || original.startsWith('ECONN')) {
    return {
      retryable: true,
      message: `Could not deliver ${context.what}: connection to ${at} failed (${original || error.code}: ${error.message}): will retry`,
    };
  }
  if (
    error.code === 'EMESSAGE' ||
    error.code === 'ESTREAM' ||
    error.code === 'EFILEACCESS' ||
    error.code === 'EURLACCESS'
  ) {
    return { retryable: false, message: `Could not build ${context.what} for ${at}: ${error.message}` };
  }
  return {
    retryable: true,
    message: `Sending ${context.what} to ${at} failed (${error.code ?? 'error'}: ${error.message}): will retry`,
  };
}

/**
 * Turns what nodemailer threw into a {@link DeliveryError}: SMTP 5xx, a refused login or certificate, and wrong TLS
 * settings are permanent; 4xx, refused connections, timeouts and DNS failures are retryable. The message and the
 * attached cause are scrubbed of the password.
 */
export function deliveryErrorFrom(thrown: unknown, context: FailureContext): DeliveryError {
  const error = (thrown instanceof Error ? thrown : new Error(String(thrown))) as NodemailerError;
  const verdict = judge(error, context);
  // A copy, not the original: nodemailer's error may hold the AUTH command it sent.
  const cause = Object.assign(new Error(context.redactor.text(error.message)), {
    code: error.code,
    responseCode: error.responseCode,
    command: error.command === undefined ? undefined : context.redactor.text(error.command),
  });
  return new DeliveryError({
    message: context.redactor.text(verdict.message),
    retryable: verdict.retryable,
    notifier: context.notifier,
    delivered: context.delivered,
    cause,
    ...(verdict.lane ? { scope: 'lane' as const, auth: verdict.lane.auth } : {}),
  });
}
