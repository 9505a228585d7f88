/**
 * One HTTP exchange with ThreatQ through ky: timeouts, retries for reads only (backoff with jitter, honouring
 * Retry-After up to `retry.maxDelayMs`), JSON parsing, and errors mapped to `UpstreamHttpError`.
 */
import { type Redactor, UpstreamHttpError } from '@tqalert/core';
import ky, { HTTPError, type KyInstance, type RetryOptions } from 'ky';
import { reportedErrors } from './error-detail.js';
import type { ResolvedOptions } from './options.js';
import { parseJsonBody } from './parse-response.js';
import { tlsFetch } from './tls.js';
import { retryAfterSeconds, toUpstreamError } from './upstream-error.js';

/** One request, relative to `<origin>/api/`. */
export interface SendRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path under `/api/`, already encoded, e.g. `indicators/4711`. */
  path: string;
  searchParams?: Record<string, string | number | undefined>;
  json?: unknown;
  /** A form-encoded body. */
  form?: Record<string, string>;
  headers?: Record<string, string>;
  /** Reads may be retried; writes never are, so nothing is done twice. */
  read: boolean;
}

/** What came back. */
export interface SendResult {
  status: number;
  body: unknown;
  /** `METHOD /api/path`, for messages. */
  request: string;
}

export class Transport {
  private readonly http: KyInstance;
  private readonly readRetry: RetryOptions;

  constructor(
    private readonly options: ResolvedOptions,
    private readonly redactor: Redactor,
  ) {
    const { retry, logger } = options;
    const chosen = options.fetch ?? tlsFetch(options.tls, options.origin, logger, options.loggerGiven);
    this.readRetry = {
      limit: retry.limit,
      methods: ['get', 'post'],
      statusCodes: [408, 429, 500, 502, 503, 504],
      afterStatusCodes: [429, 503],
      maxRetryAfter: retry.maxDelayMs,
      backoffLimit: retry.maxDelayMs,
      delay: (attempt) => retry.baseDelayMs * 2 ** (attempt - 1),
      jitter: true,
      retryOnTimeout: true,
      shouldRetry: ({ error }) => {
        // Waiting less than ThreatQ asked would only earn another 429: give up and let the caller schedule.
        if (error instanceof HTTPError) {
          const wait = retryAfterSeconds(error.response.headers.get('retry-after'));
          if (wait !== undefined && wait * 1000 > retry.maxDelayMs) return false;
        }
        return undefined;
      },
    };
    this.http = ky.create({
      timeout: options.timeoutMs,
      redirect: 'manual',
      // Looked up per call, so a fetch patched later (MSW in tests, instrumentation) is used.
      fetch: chosen ?? ((input, init) => globalThis.fetch(input, init)),
      hooks: {
        beforeRetry: [
          ({ request, error, retryCount }) => {
            logger.warn('ThreatQ request failed; retrying', {
              upstream: 'threatq',
              request: `${request.method} ${new URL(request.url).pathname}`,
              attempt: retryCount,
              reason: this.redactor.text(error.message),
            });
          },
        ],
      },
    });
  }

  /** Sends `req`; throws `UpstreamHttpError` (HTTP, timeout, network) or `ValidationError` (bad JSON). */
  async send(req: SendRequest): Promise<SendResult> {
    const url = new URL(`/api/${req.path}`, this.options.origin);
    for (const [name, value] of Object.entries(req.searchParams ?? {}))
      if (value !== undefined) url.searchParams.set(name, String(value));
    const request = `${req.method} ${url.pathname}`;
    const started = Date.now();
    let response: Response;
    try {
      response = await this.http(url, {
        method: req.method,
        headers: { accept: 'application/json', ...req.headers },
        ...(req.json === undefined ? {} : { json: req.json }),
        ...(req.form === undefined ? {} : { body: new URLSearchParams(req.form) }),
        retry: req.read ? this.readRetry : { limit: 0 },
      });
    } catch (error) {
      const mapped = toUpstreamError(error, {
        request,
        origin: this.options.origin,
        timeoutMs: this.options.timeoutMs,
        redactor: this.redactor,
      });
      this.options.logger.debug('ThreatQ request failed', {
        upstream: 'threatq',
        request,
        status: mapped.status,
        code: mapped.code,
        ms: Date.now() - started,
      });
      throw mapped;
    }
    const body = parseJsonBody(await response.text(), request);
    this.options.logger.debug('ThreatQ request', {
      upstream: 'threatq',
      request,
      status: response.status,
      ms: Date.now() - started,
    });
    // The SDK treats `errors` in a 2xx body as a failure too (reference 5).
    const reported = reportedErrors(body);
    if (reported !== undefined) {
      const detail = this.redactor.text(reported);
      throw new UpstreamHttpError({
        upstream: 'threatq',
        status: response.status,
        request,
        message: `ThreatQ answered ${request} with ${response.status} but reported errors: ${detail}`,
        detail,
        code: 'THREATQ_REPORTED_ERROR',
      });
    }
    return { status: response.status, body, request };
  }
}
