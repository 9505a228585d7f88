/**
 * Turns each way a call can fail into an `IZoologicError` whose message says what happened, where, and what
 * to do, and whether a case action may have taken effect.
 */
import type { Redactor } from '@tqalert/core';
import type { CallSpec } from './call-spec.js';
import { describeRefusal, type Envelope, quoteBody } from './envelope.js';
import { IZoologicError, type IZoologicErrorInit } from './errors.js';
import type { NetworkFailure } from './network-failure.js';

/**
 * The guide's one known issue: "ThreatQ system egress IP Address may need to be whitelisted with iZoologic". A
 * host that is not allow-listed may see a refusal, silence (a timeout), a reset during the TLS handshake or an
 * HTTP 403, so each of those says so.
 */
export const ALLOW_LIST_HINT =
  "iZoologic may need to allow-list this machine's egress IP address (the ThreatQ host's, or wherever this runs): " +
  'ask iZoologic support.';

const MAYBE_APPLIED =
  ' The action may have been applied: check the case in iZoologic before trying again, because actions are not idempotent.';

/** Shared inputs of every failure message. */
export interface FailureContext {
  spec: CallSpec;
  /** The origin (and path prefix) the client talks to. */
  baseUrl: string;
  redactor: Redactor;
}

function build(context: FailureContext, fields: Omit<IZoologicErrorInit, 'request'>): IZoologicError {
  const scrub = (text: string | undefined) => (text === undefined ? undefined : context.redactor.text(text));
  return new IZoologicError({
    ...fields,
    message: context.redactor.text(fields.message),
    detail: scrub(fields.detail),
    request: `POST ${context.spec.path}`,
  });
}

/** `success:false` inside HTTP 200. Nothing was applied. */
export function refusedFailure(context: FailureContext, envelope: Envelope): IZoologicError {
  return build(context, {
    code: 'IZOOLOGIC_REJECTED',
    status: 200,
    message: `iZoologic refused ${context.spec.action} (${describeRefusal(envelope)}).`,
    detail: envelope.message ?? undefined,
    errorCode: envelope.errorCode ?? undefined,
  });
}

/** A body that is not JSON or not an envelope. */
export function badBodyFailure(context: FailureContext, status: number, problem: string): IZoologicError {
  const maybe = context.spec.kind === 'action';
  return build(context, {
    code: 'IZOOLOGIC_BAD_RESPONSE',
    status,
    message: `iZoologic answered ${context.spec.action} (HTTP ${status}) with ${problem}.${maybe ? MAYBE_APPLIED : ''}`,
    maybeApplied: maybe,
  });
}

/** The server's words from an error body: the envelope's or ASP.NET's `message`, else the body's start. */
function errorDetail(body: unknown): string | undefined {
  if (typeof body === 'object' && body !== null) {
    const message = (body as { message?: unknown }).message;
    if (typeof message === 'string' && message.trim() !== '') return message.trim();
    return quoteBody(JSON.stringify(body));
  }
  return typeof body === 'string' && body.trim() !== '' ? quoteBody(body) : undefined;
}

const STATUS_HINTS: Record<number, string> = {
  400: ' The request was malformed; this is likely a client bug: please report it with the request line above.',
  403: ` The API key may not be allowed to do this, or not for this client code: check with iZoologic. If the keys are right, ${ALLOW_LIST_HINT}`,
  404: ' Check host/baseUrl: it may not point at the iZoologic client API.',
};

/** HTTP 4xx/5xx (401 and 429 included: the caller decides what to do with them). */
export function httpFailure(
  context: FailureContext,
  response: { status: number; statusText: string; headers: Headers },
  body: unknown,
): IZoologicError {
  const { status } = response;
  const detail = errorDetail(body);
  // The detail becomes part of our sentence, so its own closing full stop is dropped.
  const said = detail === undefined ? '' : `: ${detail.replace(/\.+$/, '')}`;
  const isAction = context.spec.kind === 'action';
  if (status >= 300 && status < 400) {
    const location = response.headers.get('location');
    return build(context, {
      code: 'IZOOLOGIC_REDIRECT',
      status,
      detail,
      message:
        `iZoologic answered ${context.spec.action} with HTTP ${status}, a redirect to ${location ? `"${location}"` : 'an address it did not name'}. ` +
        'Redirects are not followed: they would carry the API key, the secret key and the case action to another address. ' +
        'Set host/baseUrl to the final address. Nothing was applied.',
    });
  }
  if (status === 401) {
    return build(context, {
      code: 'IZOOLOGIC_UNAUTHORIZED',
      status,
      detail,
      message:
        `iZoologic answered ${context.spec.action} with HTTP 401 Unauthorized even with a freshly issued token${said}. ` +
        'The API key may lack access to this action: check its permissions with iZoologic.',
    });
  }
  if (status === 429) {
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    const wait = retryAfter === undefined ? '' : ` and asks to wait ${retryAfter} s`;
    const next = isAction
      ? 'Case actions are not retried automatically; the action was not applied: run it again later.'
      : 'Retries were used up; try again later.';
    return build(context, {
      code: 'IZOOLOGIC_RATE_LIMITED',
      status,
      detail,
      retryAfter,
      message: `iZoologic is rate-limiting requests (HTTP 429 on ${context.spec.action})${wait}. ${next}`,
    });
  }
  const maybe = isAction && status >= 500;
  return build(context, {
    code: 'IZOOLOGIC_HTTP',
    status,
    detail,
    maybeApplied: maybe,
    message:
      `iZoologic answered ${context.spec.action} with HTTP ${status}${response.statusText ? ` ${response.statusText}` : ''}${said}.` +
      (maybe ? MAYBE_APPLIED : (STATUS_HINTS[status] ?? '')),
  });
}

/** No answer within the timeout. */
export function timeoutFailure(context: FailureContext, timeoutMs: number): IZoologicError {
  const maybe = context.spec.kind === 'action';
  return build(context, {
    code: 'IZOOLOGIC_TIMEOUT',
    status: 0,
    maybeApplied: maybe,
    message:
      `iZoologic at ${context.baseUrl} did not answer ${context.spec.action} within ${timeoutMs} ms ` +
      `(raise timeoutMs if it is just slow). If it never answers, ${ALLOW_LIST_HINT}${maybe ? MAYBE_APPLIED : ''}`,
  });
}

/** The request failed below HTTP: refused, unreachable, TLS, or a broken connection. */
export function networkFailure(
  context: FailureContext,
  failure: NetworkFailure,
  cause: unknown,
): IZoologicError {
  const where = `iZoologic at ${context.baseUrl}`;
  const code = failure.code === undefined ? '' : ` (${failure.code})`;
  const allowList = ALLOW_LIST_HINT;
  switch (failure.kind) {
    case 'refused':
      return build(context, {
        code: 'IZOOLOGIC_CONNECTION_REFUSED',
        status: 0,
        cause,
        message: `Could not connect to ${where} for ${context.spec.action}: connection refused${code}. ${allowList} Also check host/baseUrl and the port. Nothing was sent.`,
      });
    case 'unreachable':
      return build(context, {
        code: 'IZOOLOGIC_UNREACHABLE',
        status: 0,
        cause,
        message: `Could not reach ${where} for ${context.spec.action}${code}: check host/baseUrl, DNS and the network route. If they are right, ${allowList} Nothing was sent.`,
      });
    case 'tls':
      return build(context, {
        code: 'IZOOLOGIC_TLS',
        status: 0,
        cause,
        message: `The TLS certificate of ${where} could not be verified${code}. If it is signed by a private CA (or a TLS-inspecting proxy), give that CA with caFile; turn verifySsl off only on a network you trust. Nothing was sent.`,
      });
    default: {
      const maybe = context.spec.kind === 'action';
      return build(context, {
        code: 'IZOOLOGIC_NETWORK',
        status: 0,
        cause,
        maybeApplied: maybe,
        message: `The connection to ${where} failed during ${context.spec.action}${code}.${RESET_CODES.has(failure.code ?? '') ? ` It was reset: ${allowList}` : ''}${maybe ? MAYBE_APPLIED : ' Try again.'}`,
      });
    }
  }
}

/** Codes of a connection the other side (or a firewall in between) cut, often during the TLS handshake. */
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ERR_SSL_TLSV1_ALERT_ACCESS_DENIED']);

/** Retry-After as seconds (delay-seconds or an HTTP date), or `undefined`. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}
