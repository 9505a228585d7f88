/**
 * One HTTP exchange with iZoologic through ky: the retry policy for the call's kind, then the answer decoded
 * into an envelope, or a failure mapped to an `IZoologicError`. Tokens are the caller's business.
 */
import type { Logger, Redactor } from '@tqalert/core';
import ky, {
  isHTTPError,
  isNetworkError,
  isTimeoutError,
  type KyResponse,
  type Options,
  type RetryOptions,
} from 'ky';
import type { Dispatcher } from 'undici';
import type { CallKind, CallSpec } from './call-spec.js';
import { decodeEnvelope, type Envelope, quoteBody } from './envelope.js';
import {
  badBodyFailure,
  type FailureContext,
  httpFailure,
  networkFailure,
  refusedFailure,
  timeoutFailure,
} from './failure-messages.js';
import { classifyNetworkFailure, neverReachedServer } from './network-failure.js';

/** How the exchange is set up. */
export interface ExchangeSettings {
  baseUrl: string;
  timeoutMs: number;
  fetch: typeof globalThis.fetch | undefined;
  dispatcher: () => Promise<Dispatcher | undefined>;
  logger: Logger;
  redactor: Redactor;
  /** First retry delay; doubles per retry. */
  retryDelayMs: number;
}

/** Sends one call (with `token` as bearer, when given) and returns its envelope. */
export type Exchange = (spec: CallSpec, token: string | undefined) => Promise<Envelope>;

const RETRIES = 2;
// A server asking for a longer pause than this gets it capped: a CLI user should not wait minutes silently.
const MAX_RETRY_AFTER_MS = 60_000;

/** True for a fetch that failed before any byte of the request reached the server. */
function neverSent(error: Error): boolean {
  return isNetworkError(error) && neverReachedServer(classifyNetworkFailure(error.cause));
}

function retryPolicy(kind: CallKind, delayMs: number): RetryOptions {
  const delay = (attempt: number) => delayMs * 2 ** (attempt - 1);
  if (kind === 'action') {
    // Case actions are not idempotent: only a request that provably never left is tried again.
    return { limit: RETRIES, methods: ['post'], delay, shouldRetry: ({ error }) => neverSent(error) };
  }
  return {
    limit: RETRIES,
    methods: ['post'],
    statusCodes: [429, 503],
    afterStatusCodes: [429, 503],
    maxRetryAfter: MAX_RETRY_AFTER_MS,
    delay,
    shouldRetry: ({ error }) => {
      if (isTimeoutError(error)) return false;
      if (isNetworkError(error)) return classifyNetworkFailure(error.cause).kind !== 'tls';
      return undefined; // HTTP errors: ky's status rules above.
    },
  };
}

function retryReason(error: Error): string {
  if (isHTTPError(error)) return `HTTP ${error.response.status}`;
  const failure = classifyNetworkFailure(error.cause);
  return `network error ${failure.code ?? failure.kind}`;
}

/** Creates the exchange function for one client. */
export function createExchange(settings: ExchangeSettings): Exchange {
  return async (spec, token) => {
    const context: FailureContext = { spec, baseUrl: settings.baseUrl, redactor: settings.redactor };
    const url = `${settings.baseUrl}${spec.path}${spec.query ? `?${spec.query}` : ''}`;
    const options: Options & { dispatcher?: Dispatcher } = {
      timeout: settings.timeoutMs,
      // A redirect would carry the keys, the token and the case action to another address (even https → http).
      redirect: 'manual',
      retry: retryPolicy(spec.kind, settings.retryDelayMs),
      headers:
        token === undefined
          ? { accept: 'application/json' }
          : { accept: 'application/json', authorization: `Bearer ${token}` },
      hooks: {
        beforeRetry: [
          ({ error, retryCount }) => {
            settings.logger.warn('iZoologic request failed; retrying', {
              request: `POST ${spec.path}`,
              retry: retryCount,
              reason: retryReason(error),
            });
          },
        ],
      },
    };
    if (spec.json !== undefined) options.json = spec.json;
    if (settings.fetch !== undefined) options.fetch = settings.fetch;
    const dispatcher = await settings.dispatcher();
    if (dispatcher !== undefined) options.dispatcher = dispatcher;

    let response: KyResponse;
    let text: string;
    try {
      const pending = ky.post(url, options);
      // ky's shortcut bounds the body read by the timeout too; the response itself is the same promise.
      text = await pending.text();
      response = await pending;
    } catch (error) {
      if (isHTTPError(error)) throw httpFailure(context, error.response, error.data);
      if (isTimeoutError(error)) throw timeoutFailure(context, settings.timeoutMs);
      if (isNetworkError(error))
        throw networkFailure(context, classifyNetworkFailure(error.cause), error.cause);
      throw error;
    }
    settings.logger.debug('iZoologic answered', { request: `POST ${spec.path}`, status: response.status });
    const decoded = decodeEnvelope(text);
    if (!decoded.ok) throw badBodyFailure(context, response.status, decoded.problem);
    if (decoded.malformed) {
      settings.logger.warn(
        'iZoologic answered with a body that is not valid JSON; read as the success it reports',
        {
          request: `POST ${spec.path}`,
          body: settings.redactor.text(quoteBody(text)),
        },
      );
    }
    const { envelope } = decoded;
    if (!envelope.success && !(envelope.errorCode && spec.acceptedErrorCodes?.includes(envelope.errorCode))) {
      throw refusedFailure(context, envelope);
    }
    return envelope;
  };
}
