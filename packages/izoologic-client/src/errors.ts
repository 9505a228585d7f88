/**
 * The errors this client throws. Both are recognised across copies of the package by a `Symbol.for` marker
 * (`isInstance()`), like core's errors.
 */
import { UpstreamHttpError, ValidationError } from '@tqalert/core';
import type { InputIssue } from './input-issues.js';

const IZOOLOGIC_MARKER = Symbol.for('tqalert.error.izoologic');
const INPUT_MARKER = Symbol.for('tqalert.error.izoologic-input');

function brand(target: object, marker: symbol): void {
  Object.defineProperty(target, marker, { value: true, enumerable: false });
}

function branded(value: unknown, marker: symbol): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
}

/** Stable codes of {@link IZoologicError}; match on these, not on messages. */
export type IZoologicErrorCode =
  /** `success:false` in the envelope (HTTP 200); `errorCode` holds iZoologic's `iZOO…` code. */
  | 'IZOOLOGIC_REJECTED'
  /** Move Case answered `result.Success:false`. */
  | 'IZOOLOGIC_MOVE_REFUSED'
  /** The API key / secret key exchange failed. */
  | 'IZOOLOGIC_AUTH_FAILED'
  /** HTTP 401 even with a freshly issued token. */
  | 'IZOOLOGIC_UNAUTHORIZED'
  /** HTTP 429, after any retries allowed. */
  | 'IZOOLOGIC_RATE_LIMITED'
  /** Any other HTTP 4xx/5xx. */
  | 'IZOOLOGIC_HTTP'
  /** HTTP 3xx: redirects are refused (they would carry the keys elsewhere); the message names the Location. */
  | 'IZOOLOGIC_REDIRECT'
  /** A body that is not JSON, or not the envelope's shape. */
  | 'IZOOLOGIC_BAD_RESPONSE'
  /** The TCP connection was refused (often: the egress IP is not allow-listed). */
  | 'IZOOLOGIC_CONNECTION_REFUSED'
  /** The host name did not resolve, or the host/network is unreachable. */
  | 'IZOOLOGIC_UNREACHABLE'
  /** The server's TLS certificate could not be verified. */
  | 'IZOOLOGIC_TLS'
  /** No answer within `timeoutMs`. */
  | 'IZOOLOGIC_TIMEOUT'
  /** The connection broke after the request may have been sent. */
  | 'IZOOLOGIC_NETWORK';

/** What an {@link IZoologicError} is made of. */
export interface IZoologicErrorInit {
  code: IZoologicErrorCode;
  /** HTTP status, or 0 when no answer arrived. */
  status: number;
  /** `POST /api/...`, without the query string. */
  request: string;
  message: string;
  /** The server's own words. */
  detail?: string | undefined;
  /** Seconds to wait, from Retry-After. */
  retryAfter?: number | undefined;
  /** iZoologic's `iZOO…` code. */
  errorCode?: string | undefined;
  maybeApplied?: boolean;
  cause?: unknown;
}

/** Everything iZoologic (or the network on the way) answered that was not a success. */
export class IZoologicError extends UpstreamHttpError {
  declare readonly code: IZoologicErrorCode;
  /** iZoologic's own error code (`iZOO2004`), when the envelope carried one. */
  readonly errorCode: string | undefined;
  /**
   * True when a case action may have taken effect despite the error (a timeout, a 5xx, an unreadable answer):
   * check the case in iZoologic before trying again. False when it provably did not.
   */
  readonly maybeApplied: boolean;

  constructor(input: IZoologicErrorInit) {
    super({ ...input, upstream: 'izoologic' });
    this.name = 'IZoologicError';
    brand(this, IZOOLOGIC_MARKER);
    this.errorCode = input.errorCode;
    this.maybeApplied = input.maybeApplied ?? false;
  }

  /** True for an IZoologicError from any copy of this package. */
  static override isInstance(error: unknown): error is IZoologicError {
    return branded(error, IZOOLOGIC_MARKER);
  }
}

/** An action's input broke a rule (a limit, a required field, the move table). Nothing was sent. */
export class IZoologicInputError extends ValidationError {
  /** The client method whose input was refused (`sendCaseMessage`, …). */
  readonly action: string;
  /** Every problem, each with its field and, for lengths, the limit. */
  readonly inputIssues: InputIssue[];

  constructor(action: string, issues: InputIssue[]) {
    const lines = issues.map((issue) => `  - ${issue.message}`).join('\n');
    super(
      `Invalid ${action}() input; nothing was sent to iZoologic (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${lines}`,
      issues.map((issue) => ({ path: issue.field, message: issue.message })),
      { code: 'IZOOLOGIC_INPUT' },
    );
    this.name = 'IZoologicInputError';
    brand(this, INPUT_MARKER);
    this.action = action;
    this.inputIssues = issues;
  }

  /** True for an IZoologicInputError from any copy of this package. */
  static override isInstance(error: unknown): error is IZoologicInputError {
    return branded(error, INPUT_MARKER);
  }
}
