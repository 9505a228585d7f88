import { replicaName, ValidationError } from '@tqalert/core';
import { headerSafe } from '@tqalert/formatter-email';

const HEADER_NAME = /^[A-Za-z0-9][A-Za-z0-9-]{0,75}$/;
// Set by the notifier from its own options; a formatter must not redirect or spoof the mail through headers.
const RESERVED = new Set([
  'from',
  'to',
  'cc',
  'bcc',
  'sender',
  'reply-to',
  'subject',
  'message-id',
  'date',
  'return-path',
]);

/**
 * Checks a formatter's extra headers: names must be plain tokens and not ones the notifier controls; values are
 * made header-safe (no CR/LF), so a third-party formatter cannot inject headers either.
 */
export function safeExtraHeaders(
  headers: Record<string, string> | undefined,
  where: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!HEADER_NAME.test(name) || RESERVED.has(name.toLowerCase())) {
      throw new ValidationError(
        `${where}.headers: ${JSON.stringify(name)} cannot be set by a formatter: use a plain name such as X-My-Header (not From, To, Subject, Message-ID, …)`,
        [{ path: `${where}.headers.${name}`, message: 'not an allowed header name' }],
        { code: 'EMAIL_HEADER_INVALID' },
      );
    }
    out[name] = headerSafe(String(value));
  }
  return out;
}

/** `X-TQAlert-Replica: <name>` when the worker runs as one of several replicas (see `replicaName` in core). */
export function replicaHeader(): Record<string, string> {
  const name = replicaName();
  return name ? { 'X-TQAlert-Replica': name } : {};
}
