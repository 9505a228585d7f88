import { type Redactor, UpstreamHttpError } from '@tqalert/core';
import { parseRetryAfter } from './retry-after.js';
import { displayUrl } from './webhook-url.js';

/** Where and how to POST. */
export interface PostTarget {
  url: URL;
  headers: Record<string, string>;
  timeoutMs: number;
  /** Scrubs the notifier's secrets from anything the receiver sends back. */
  redactor: Redactor;
}

/** A body the receiver accepted. */
export interface PostAccepted {
  ok: true;
  status: number;
  /** The receiver's request id, when it sent one (for support tickets). */
  requestId: string | undefined;
}

/** Why a body was not accepted, already classified for the dispatcher. */
export interface PostRefused {
  ok: false;
  retryable: boolean;
  code: string;
  /** What happened and what to do, without secrets. */
  reason: string;
  retryAfter: number | undefined;
  cause: UpstreamHttpError;
}

const DETAIL_LIMIT = 300;
const REQUEST_ID_HEADERS = ['x-request-id', 'x-ms-request-id', 'request-id', 'x-github-request-id'];

function classify(status: number): { retryable: boolean; code: string; hint: string } {
  if (status === 429)
    return { retryable: true, code: 'WEBHOOK_RATE_LIMITED', hint: 'rate limited (retryable)' };
  if (status >= 500 || status === 408 || status === 425) {
    return { retryable: true, code: 'WEBHOOK_SERVER_ERROR', hint: 'the receiver failed (retryable)' };
  }
  if (status >= 300 && status < 400) {
    return {
      retryable: false,
      code: 'WEBHOOK_REDIRECT',
      hint: 'redirects are not followed (they would carry the signature and headers elsewhere): set url to the final address',
    };
  }
  if (status === 401 || status === 403) {
    return {
      retryable: false,
      code: 'WEBHOOK_UNAUTHORIZED',
      hint: 'check the Authorization header or signing secret in the notifier options',
    };
  }
  if (status === 404 || status === 410) {
    return {
      retryable: false,
      code: 'WEBHOOK_NOT_FOUND',
      hint: 'the webhook does not exist (any more): check url',
    };
  }
  if (status === 413) {
    return {
      retryable: false,
      code: 'WEBHOOK_TOO_LARGE',
      hint: 'the body is too large for this receiver: lower format.maxBytes',
    };
  }
  return {
    retryable: false,
    code: 'WEBHOOK_REJECTED',
    hint: 'the receiver refused the body (permanent: sending it again would fail the same way)',
  };
}

async function detailOf(response: Response, redactor: Redactor): Promise<string | undefined> {
  const text = (await response.text().catch(() => '')).replace(/\s+/g, ' ').trim();
  if (!text) return undefined;
  const clipped =
    text.length > DETAIL_LIMIT ? `${text.slice(0, DETAIL_LIMIT)}… (${text.length} characters)` : text;
  return redactor.text(clipped);
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  const message = typeof cause?.message === 'string' ? cause.message : (error as Error).message;
  return code ? `${code} (${message})` : String(message);
}

interface RefusalExtra {
  detail?: string;
  retryAfter?: number;
}

/** A refusal, with an `UpstreamHttpError` as its cause so logs keep the status and the request. */
function refusal(
  where: string,
  r: { status: number; code: string; reason: string; retryable: boolean } & RefusalExtra,
): PostRefused {
  return {
    ok: false,
    retryable: r.retryable,
    code: r.code,
    reason: r.reason,
    retryAfter: r.retryAfter,
    cause: new UpstreamHttpError({
      upstream: 'webhook',
      status: r.status,
      request: where,
      message: r.reason,
      detail: r.detail,
      retryAfter: r.retryAfter,
      code: r.code,
    }),
  };
}

/**
 * POSTs one JSON body and classifies the outcome: 2xx accepted; 429, 408, 425, 5xx, network errors and timeouts
 * retryable (with `Retry-After`); anything else permanent. Redirects are not followed.
 */
export async function postJson(
  target: PostTarget,
  body: string,
  signal?: AbortSignal,
): Promise<PostAccepted | PostRefused> {
  const where = `POST ${displayUrl(target.url)}`;
  const timeout = AbortSignal.timeout(target.timeoutMs);
  const combined = signal ? AbortSignal.any([timeout, signal]) : timeout;
  const refused = (
    status: number,
    code: string,
    reason: string,
    retryable: boolean,
    extra: RefusalExtra = {},
  ) => refusal(where, { status, code, reason, retryable, ...extra });
  try {
    const response = await fetch(target.url, {
      method: 'POST',
      headers: target.headers,
      body,
      signal: combined,
      redirect: 'manual',
    });
    if (response.ok) {
      await response.body?.cancel();
      const requestId = REQUEST_ID_HEADERS.map((h) => response.headers.get(h)).find((v) => v) ?? undefined;
      return { ok: true, status: response.status, requestId };
    }
    const detail = await detailOf(response, target.redactor);
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    const { retryable, code, hint } = classify(response.status);
    const said = detail ? `: ${detail}` : '';
    const wait = retryAfter === undefined ? '' : ` (Retry-After ${retryAfter} s)`;
    const reason = `${where} answered ${response.status} ${response.statusText}${said}${wait}; ${hint}`;
    return refused(response.status, code, reason, retryable, {
      ...(detail && { detail }),
      ...(retryAfter !== undefined && { retryAfter }),
    });
  } catch (error) {
    if (timeout.aborted) {
      return refused(
        0,
        'WEBHOOK_TIMEOUT',
        `${where} did not answer within ${target.timeoutMs} ms (retryable; raise timeoutMs if the receiver is slow)`,
        true,
      );
    }
    if (signal?.aborted)
      return refused(0, 'WEBHOOK_ABORTED', `${where} was cancelled before it finished (retryable)`, true);
    return refused(
      0,
      'WEBHOOK_NETWORK',
      `${where} failed before an answer: ${target.redactor.text(networkReason(error))} (retryable)`,
      true,
    );
  }
}
