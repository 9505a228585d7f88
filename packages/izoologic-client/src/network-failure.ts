/**
 * What a failed fetch means. Node's fetch rejects with `TypeError('fetch failed')` whose `cause` (sometimes an
 * AggregateError, for happy-eyeballs connects) carries a system or TLS error code; the code tells whether the
 * request can have reached iZoologic.
 */

/** How a request failed before any HTTP answer. */
export type NetworkFailureKind = 'refused' | 'unreachable' | 'tls' | 'other';

/** A classified failure, with the low-level code when there was one (`ECONNREFUSED`). */
export interface NetworkFailure {
  kind: NetworkFailureKind;
  code: string | undefined;
}

const REFUSED = new Set(['ECONNREFUSED']);
// Name resolution and routing failures, and undici's connect timeout: no byte of the request left this machine.
const UNREACHABLE = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const TLS_CODE =
  /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)/;

/** Every `code` found along an error's cause chain (and inside AggregateErrors), outermost first. */
function codesOf(error: unknown, depth = 0): string[] {
  if (typeof error !== 'object' || error === null || depth > 8) return [];
  const record = error as { code?: unknown; cause?: unknown; errors?: unknown };
  const own = typeof record.code === 'string' ? [record.code] : [];
  const nested = Array.isArray(record.errors)
    ? record.errors.flatMap((item) => codesOf(item, depth + 1))
    : [];
  return [...own, ...nested, ...codesOf(record.cause, depth + 1)];
}

/** Classifies a rejected fetch. */
export function classifyNetworkFailure(error: unknown): NetworkFailure {
  const codes = codesOf(error);
  const find = (test: (code: string) => boolean): string | undefined => codes.find(test);
  const tls = find((code) => TLS_CODE.test(code));
  if (tls !== undefined) return { kind: 'tls', code: tls };
  const refused = find((code) => REFUSED.has(code));
  if (refused !== undefined) return { kind: 'refused', code: refused };
  const unreachable = find((code) => UNREACHABLE.has(code));
  if (unreachable !== undefined) return { kind: 'unreachable', code: unreachable };
  return { kind: 'other', code: codes[0] };
}

/** True when the request provably never reached the server, so even a non-idempotent action may be retried. */
export function neverReachedServer(failure: NetworkFailure): boolean {
  return failure.kind === 'refused' || failure.kind === 'unreachable';
}
