/**
 * Turns what went wrong on the wire into an `UpstreamHttpError` a person can act on: ThreatQ's own error text,
 * the request (`GET /api/indicators/4711`, never a query string), and what to check.
 */
import { type Redactor, UpstreamHttpError } from '@tqalert/core';
import { HTTPError, NetworkError, TimeoutError } from 'ky';
import { errorDetail } from './error-detail.js';

const HINTS: Record<number, string> = {
  400: 'ThreatQ rejected the request as invalid.',
  401: 'The token was refused.',
  403: 'The ThreatQ account lacks permission for this; ask an administrator to grant it.',
  404: 'ThreatQ has no such object or route: check the collection name and id (or the data collection hash).',
  409: 'ThreatQ reports a conflict with the current state of the object.',
  422: 'ThreatQ rejected the data as invalid.',
  429: 'ThreatQ is rate-limiting this client; it will accept requests again after Retry-After.',
};

/** Seconds from a Retry-After header (seconds or an HTTP date), when present. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|SSL/;

function networkMessage(
  code: string | undefined,
  request: string,
  origin: string,
): { code: string; message: string } {
  if (code !== undefined && TLS_CODES.test(code)) {
    return {
      code: 'THREATQ_TLS',
      message: `TLS verification of ThreatQ's certificate failed for ${request} at ${origin} (${code}). If ThreatQ uses a private CA, set tls.caFile to that CA's PEM file.`,
    };
  }
  const reason =
    code === 'ECONNREFUSED'
      ? 'connection refused: nothing is listening there'
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? 'the host name does not resolve'
        : code === 'ECONNRESET' || code === 'UND_ERR_SOCKET'
          ? 'the connection was closed before an answer arrived'
          : 'the request did not get through';
  return {
    code: 'THREATQ_UNREACHABLE',
    message: `Could not reach ThreatQ at ${origin} for ${request}: ${reason}${code ? ` (${code})` : ''}. Check baseUrl, the network path and that ThreatQ is up.`,
  };
}

/** Context of the failed request. */
export interface FailureContext {
  request: string;
  origin: string;
  timeoutMs: number;
  redactor: Redactor;
}

/** The `UpstreamHttpError` for any error ky (or fetch) threw. */
export function toUpstreamError(error: unknown, ctx: FailureContext): UpstreamHttpError {
  if (UpstreamHttpError.isInstance(error)) return error;
  if (error instanceof HTTPError) {
    const status = error.response.status;
    const detail = (() => {
      const text = errorDetail(error.data);
      return text === undefined ? undefined : ctx.redactor.text(text);
    })();
    const retryAfter = retryAfterSeconds(error.response.headers.get('retry-after'));
    const location = error.response.headers.get('location');
    const hint =
      status >= 300 && status < 400
        ? `ThreatQ redirected to ${location ?? 'another address'}; set baseUrl to the final address.`
        : status >= 500
          ? 'ThreatQ had a server-side problem; try again later.'
          : (HINTS[status] ?? '');
    const wait = retryAfter === undefined ? '' : ` Retry after ${retryAfter} s.`;
    return new UpstreamHttpError({
      upstream: 'threatq',
      status,
      request: ctx.request,
      message:
        `ThreatQ answered ${ctx.request} with ${status}${detail ? `: ${detail}` : ''}. ${hint}${wait}`.trim(),
      detail,
      retryAfter,
      code: status === 429 ? 'THREATQ_RATE_LIMITED' : 'UPSTREAM_HTTP',
      cause: error,
    });
  }
  if (error instanceof TimeoutError) {
    return new UpstreamHttpError({
      upstream: 'threatq',
      status: 0,
      request: ctx.request,
      message: `ThreatQ did not answer ${ctx.request} within ${ctx.timeoutMs} ms (timeoutMs). Check that ${ctx.origin} is reachable, or raise timeoutMs for a slow instance.`,
      code: 'THREATQ_TIMEOUT',
      cause: error,
    });
  }
  const code = causeCode(error instanceof NetworkError ? error.cause : error);
  const described = networkMessage(code, ctx.request, ctx.origin);
  return new UpstreamHttpError({
    upstream: 'threatq',
    status: 0,
    request: ctx.request,
    message: described.message,
    code: described.code,
    cause: error,
  });
}
