import { TQAlertError } from '@tqalert/core';
import type { ConnectionTarget } from './connection-target.js';

/** What the store knows about where a failure happened, for the message. */
export interface FailureSite {
  target: ConnectionTarget;
  schema: string;
}

interface PgFailure extends Error {
  /** SQLSTATE from the server, or a Node error code (ECONNREFUSED…) from the socket. */
  code?: string;
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** The message text with the password taken out, in case a driver or server ever echoes it. */
function scrub(text: string, target: ConnectionTarget): string {
  return target.password ? text.split(target.password).join('***') : text;
}

function explain(error: PgFailure, where: string, site: FailureSite): [code: string, message: string] {
  const { target } = site;
  const detail = scrub(error.message, target);
  const code = error.code ?? '';
  // A five-character code is the server's SQLSTATE; anything else came from the socket, TLS or the driver.
  const fromServer = /^[0-9A-Z]{5}$/.test(code);
  if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return [
      'STORE_CONNECTION_REFUSED',
      `${where}: nothing accepts connections at ${target.host}:${target.port} (${code}). Start PostgreSQL there, or fix the host and port in the store's url.`,
    ];
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return [
      'STORE_CONNECTION_REFUSED',
      `${where}: the host name "${target.host}" does not resolve (${code}). Fix the host in the store's url.`,
    ];
  }
  if (!fromServer && /timeout/i.test(error.message)) {
    return [
      'STORE_CONNECTION_TIMEOUT',
      `${where}: no answer from ${target.host}:${target.port} within connectTimeoutMs. Check that the host is reachable (firewall, VPN) or raise connectTimeoutMs.`,
    ];
  }
  if (code === '28P01' || code === '28000') {
    return [
      'STORE_AUTH_FAILED',
      `${where}: the server refused user "${target.user}" (${detail}). Check the user name and password in the store's url (the password is not shown here), and that pg_hba.conf lets this user connect from this host.`,
    ];
  }
  if (code === '3D000') {
    return [
      'STORE_DATABASE_MISSING',
      `${where}: database "${target.database}" does not exist. Create it (CREATE DATABASE "${target.database}") or fix the database name in the store's url.`,
    ];
  }
  if (TLS_CODES.has(code) || (!fromServer && /SSL|TLS|certificate/i.test(error.message))) {
    return [
      'STORE_TLS_FAILED',
      `${where}: TLS failed with ssl.mode "${target.sslMode}" (${detail}). Give the CA that signed the server's certificate in ssl.caFile, enable TLS on the server, or choose ssl.mode "disable" for a server on a trusted network.`,
    ];
  }
  if (code === '42501') {
    return [
      'STORE_PERMISSION_DENIED',
      `${where}: user "${target.user}" may not do this (${detail}). Grant it CREATE and USAGE on schema "${site.schema}" (or CREATE on the database, to create the schema).`,
    ];
  }
  if (code === '57P01' || code === '57P03' || code === '08006' || code === '08003' || code === '08001') {
    return [
      'STORE_CONNECTION_LOST',
      `${where}: the connection to the server was lost or refused (${detail}). The server may be restarting; the call can be retried.`,
    ];
  }
  return ['STORE_FAILED', `${where} failed: ${detail}${code ? ` (SQLSTATE ${code})` : ''}`];
}

/**
 * Turns a `pg` or socket error into a {@link TQAlertError} naming the server (never the password), the schema,
 * the operation, and what to do. TQ Alert errors pass through unchanged.
 */
export function explainPgError(error: unknown, site: FailureSite, operation: string): Error {
  if (TQAlertError.isInstance(error)) return error;
  if (!(error instanceof Error)) return new Error(String(error));
  const where = `PostgreSQL store ${site.target.display} (schema "${site.schema}", ${operation})`;
  const [code, message] = explain(error as PgFailure, where, site);
  // The cause is kept for debugging but could carry connection details: give it only its code and scrubbed text.
  const cause = { code: (error as PgFailure).code, message: scrub(error.message, site.target) };
  return new TQAlertError(code, message, { cause });
}
