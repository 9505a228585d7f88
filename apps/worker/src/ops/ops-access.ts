import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isLoopbackHost } from './loopback-host.js';

/** What the ops server may bind and who may read `/metrics`. */
export interface OpsAccess {
  host: string;
  /** When set, `/metrics` answers only `Authorization: Bearer <metricsToken>`. */
  metricsToken?: string | undefined;
}

/**
 * Warnings for a bind that exposes the ops server beyond this machine. `/healthz` and `/readyz` stay open on
 * purpose (probes carry no credentials); `/metrics` names services and notifiers, so it wants a token there.
 */
export function opsBindWarnings(access: OpsAccess): string[] {
  if (isLoopbackHost(access.host)) return [];
  const warnings = [
    `ops server binds ${access.host}, not loopback: /healthz, /readyz and /metrics are reachable from the network; bind 127.0.0.1 unless a probe or scraper elsewhere needs them`,
  ];
  if (!access.metricsToken) {
    warnings.push(
      'ops server: /metrics has no token on a non-loopback address: set server.metricsToken (from the environment or a secret file) and give the scraper that bearer token',
    );
  }
  return warnings;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** True when the request may read `/metrics`: no token configured, or the right bearer token (compared in constant time). */
export function metricsAllowed(req: IncomingMessage, metricsToken: string | undefined): boolean {
  if (!metricsToken) return true;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match !== null && timingSafeEqual(digest(match[1] as string), digest(metricsToken));
}

/**
 * On a loopback bind, only requests addressed to a loopback name: a web page that rebinds its own DNS name to
 * 127.0.0.1 sends its own name as Host, and is refused.
 */
export function hostAllowed(req: IncomingMessage, boundHost: string): boolean {
  if (!isLoopbackHost(boundHost)) return true;
  const host = req.headers.host;
  if (!host) return true;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
  return isLoopbackHost(name);
}
