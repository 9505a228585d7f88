/**
 * Errors shared by every TQ Alert package. They are recognised with `isInstance()` (a `Symbol.for` marker),
 * not `instanceof`, so an error thrown by a plugin that carries its own copy of core is still recognised.
 */
const MARKER = Symbol.for('tqalert.error');

function hasMarker(value: unknown, marker: symbol): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
}

/**
 * Sets a marker as a non-enumerable own property: `isInstance()` sees it, while spreads, `Object.entries` and
 * JSON leave it out, so a plain copy of an error (`{ ...error }`) is not mistaken for the error itself.
 */
function brand(target: object, marker: symbol): void {
  Object.defineProperty(target, marker, { value: true, enumerable: false });
}

/** Options every TQ Alert error accepts. */
export interface TQAlertErrorOptions {
  /** The underlying error, kept for logs and debugging. */
  cause?: unknown;
}

/** Base class of every error TQ Alert throws on purpose. `code` is stable and machine-readable. */
export class TQAlertError extends Error {
  /** Stable, machine-readable code (`CONFIG_INVALID`, `DELIVERY_RETRYABLE`, …): match on it, not on the message. */
  readonly code: string;

  constructor(code: string, message: string, options: TQAlertErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TQAlertError';
    brand(this, MARKER);
    this.code = code;
  }

  /** True for any TQ Alert error, from any copy of `@tqalert/core`. */
  static isInstance(error: unknown): error is TQAlertError {
    return hasMarker(error, MARKER);
  }
}

/** One problem found in a configuration, with the path of the offending value (`services[1].every`). */
export interface ConfigIssue {
  path: string;
  message: string;
}

const CONFIG_MARKER = Symbol.for('tqalert.error.config');

/** A configuration (file, options, flags) is wrong. Carries every issue at once, each with its path. */
export class ConfigError extends TQAlertError {
  /** Every problem found, each with its path. The message lists them all too. */
  readonly issues: ConfigIssue[];

  constructor(issues: ConfigIssue[] | string, options: TQAlertErrorOptions & { source?: string } = {}) {
    const list = typeof issues === 'string' ? [{ path: '(root)', message: issues }] : issues;
    const where = options.source ? ` in ${options.source}` : '';
    const lines = list.map((issue) => `  - ${issue.path}: ${issue.message}`).join('\n');
    super(
      'CONFIG_INVALID',
      `Invalid configuration${where} (${list.length} problem${list.length === 1 ? '' : 's'}):\n${lines}`,
      options,
    );
    this.name = 'ConfigError';
    brand(this, CONFIG_MARKER);
    this.issues = list;
  }

  /** True for a ConfigError from any copy of `@tqalert/core`. */
  static override isInstance(error: unknown): error is ConfigError {
    return hasMarker(error, CONFIG_MARKER);
  }
}

const HTTP_MARKER = Symbol.for('tqalert.error.upstream-http');

/** An upstream API (ThreatQ, iZoologic, Slack, a webhook) answered with an error. */
export class UpstreamHttpError extends TQAlertError {
  /** HTTP status, or 0 when no response arrived (refused, reset, timeout). */
  readonly status: number;
  /** Which upstream: `threatq`, `izoologic`, `slack`, … */
  readonly upstream: string;
  /** The request, as `METHOD /path` without query string secrets. */
  readonly request: string;
  /** The upstream's own error text, when it sent one. */
  readonly detail: string | undefined;
  /** Seconds the upstream asked us to wait (Retry-After), when it did. */
  readonly retryAfter: number | undefined;

  constructor(input: {
    upstream: string;
    status: number;
    request: string;
    message: string;
    detail?: string | undefined;
    retryAfter?: number | undefined;
    code?: string;
    cause?: unknown;
  }) {
    super(input.code ?? 'UPSTREAM_HTTP', input.message, { cause: input.cause });
    this.name = 'UpstreamHttpError';
    brand(this, HTTP_MARKER);
    this.status = input.status;
    this.upstream = input.upstream;
    this.request = input.request;
    this.detail = input.detail;
    this.retryAfter = input.retryAfter;
  }

  /** True for a UpstreamHttpError from any copy of `@tqalert/core`. */
  static override isInstance(error: unknown): error is UpstreamHttpError {
    return hasMarker(error, HTTP_MARKER);
  }
}

const DELIVERY_MARKER = Symbol.for('tqalert.error.delivery');

/**
 * Delivering a message failed. `retryable` tells the dispatcher whether to try again later (429, 5xx, SMTP 4xx,
 * a timeout) or to dead-letter at once (`channel_not_found`, SMTP 5xx, invalid auth).
 */
export class DeliveryError extends TQAlertError {
  /** True when a later attempt may succeed; false to dead-letter at once. */
  readonly retryable: boolean;
  /** Seconds to wait before the next attempt, when the target said so. */
  readonly retryAfter: number | undefined;
  /** The notifier that failed. */
  readonly notifier: string | undefined;
  /** Parts of a split message already delivered before the failure, so a retry can resume after them. */
  readonly delivered: DeliveredPart[];
  /**
   * Whose failure it is. `delivery` (the default): this message failed. `lane`: the destination or the
   * notifier cannot deliver anything right now (an unknown channel, refused credentials, a rate limit), so the
   * worker holds the whole lane with backoff and does not count the attempt against the delivery.
   */
  readonly scope: 'delivery' | 'lane';
  /** True when credentials were refused (readiness turns red after repeated ones). */
  readonly auth: boolean;

  constructor(input: {
    message: string;
    retryable: boolean;
    code?: string;
    retryAfter?: number | undefined;
    notifier?: string | undefined;
    delivered?: DeliveredPart[];
    cause?: unknown;
    scope?: 'delivery' | 'lane' | undefined;
    auth?: boolean | undefined;
  }) {
    super(input.code ?? (input.retryable ? 'DELIVERY_RETRYABLE' : 'DELIVERY_PERMANENT'), input.message, {
      cause: input.cause,
    });
    this.name = 'DeliveryError';
    brand(this, DELIVERY_MARKER);
    this.retryable = input.retryable;
    this.retryAfter = input.retryAfter;
    this.notifier = input.notifier;
    this.delivered = input.delivered ?? [];
    this.scope = input.scope ?? (input.auth ? 'lane' : 'delivery');
    this.auth = input.auth ?? false;
  }

  /** True for a DeliveryError from any copy of `@tqalert/core`. */
  static override isInstance(error: unknown): error is DeliveryError {
    return hasMarker(error, DELIVERY_MARKER);
  }
}

/** A part of a message that reached its destination (a Slack message's ts, an email's Message-ID). */
export interface DeliveredPart {
  destination: string;
  part: number;
  ref: Record<string, string>;
}

const VALIDATION_MARKER = Symbol.for('tqalert.error.validation');

/** Input to an API call or an upstream record did not have the expected shape. Names the path. */
export class ValidationError extends TQAlertError {
  /** Every offending path with what is wrong there. */
  readonly issues: ConfigIssue[];

  constructor(
    message: string,
    issues: ConfigIssue[] = [],
    options: TQAlertErrorOptions & { code?: string } = {},
  ) {
    super(options.code ?? 'VALIDATION', message, options);
    this.name = 'ValidationError';
    brand(this, VALIDATION_MARKER);
    this.issues = issues;
  }

  /** True for a ValidationError from any copy of `@tqalert/core`. */
  static override isInstance(error: unknown): error is ValidationError {
    return hasMarker(error, VALIDATION_MARKER);
  }
}

/** A short, single-line description of any thrown value, for logs and dead-letter reasons. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = TQAlertError.isInstance(error) ? `${error.code}: ` : '';
    return `${code}${error.message}`;
  }
  return String(error);
}

/**
 * True when `error` says credentials were refused: a DeliveryError marked `auth`, an UpstreamHttpError with
 * status 401 or a code ending in `_AUTH_FAILED` (the ThreatQ and iZoologic clients' refused logins). Such a
 * failure is about the worker's configuration, never about one record or one message.
 */
export function isAuthFailure(error: unknown): boolean {
  if (DeliveryError.isInstance(error)) return (error as { auth?: boolean }).auth === true;
  if (UpstreamHttpError.isInstance(error)) return error.status === 401 || /_AUTH_FAILED$/.test(error.code);
  return false;
}
