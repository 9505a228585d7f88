/**
 * Sorts what can go wrong in a Web API call into the three cases retry accounting needs: rate limited (Slack
 * did not act; wait and try again), retryable (try later; the call may or may not have taken effect), and
 * permanent (trying again cannot help; a person must fix something).
 */
import { ErrorCode } from '@slack/web-api';

/** Slack error codes that are worth trying again later. */
const RETRYABLE_ERRORS = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'team_added_to_org',
  'ratelimited',
]);

/** What a failed call means for the caller. */
export type SlackFailure =
  | { kind: 'rate-limited'; retryAfterSeconds: number; detail: string }
  | { kind: 'retryable'; code: string; detail: string }
  | { kind: 'permanent'; code: string; detail: string; slackError?: string; needed?: string };

interface SlackErrorShape {
  code?: unknown;
  message?: unknown;
  retryAfter?: unknown;
  statusCode?: unknown;
  statusMessage?: unknown;
  original?: unknown;
  data?: {
    error?: unknown;
    needed?: unknown;
    response_metadata?: { retryAfter?: unknown; messages?: unknown };
  };
}

/** True when `value` looks like a Slack error code (`channel_not_found`), not a raw response body. */
const isSlackCode = (value: string): boolean => /^[a-z][a-z0-9_]*$/.test(value);

function platformFailure(data: NonNullable<SlackErrorShape['data']>): SlackFailure {
  const error = String(data.error ?? '');
  if (!isSlackCode(error)) {
    // WebClient puts a body it could not parse as JSON into `error`: a proxy page or a cut-off answer.
    return {
      kind: 'retryable',
      code: 'SLACK_BAD_RESPONSE',
      detail: 'Slack answered with a body that is not JSON',
    };
  }
  const messages = Array.isArray(data.response_metadata?.messages)
    ? data.response_metadata.messages.join(' ')
    : '';
  const detail = messages === '' ? `Slack answered "${error}"` : `Slack answered "${error}" (${messages})`;
  if (error === 'ratelimited') {
    const retryAfter = Number(data.response_metadata?.retryAfter ?? 1);
    return { kind: 'rate-limited', retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : 1, detail };
  }
  const code = `SLACK_${error.toUpperCase()}`;
  if (RETRYABLE_ERRORS.has(error)) return { kind: 'retryable', code, detail };
  const needed = typeof data.needed === 'string' ? data.needed : undefined;
  return { kind: 'permanent', code, detail, slackError: error, ...(needed ? { needed } : {}) };
}

function httpFailure(status: number, statusMessage: string): SlackFailure {
  const detail = `Slack answered HTTP ${status}${statusMessage ? ` ${statusMessage}` : ''}`;
  if (status >= 500 || status === 408) return { kind: 'retryable', code: `SLACK_HTTP_${status}`, detail };
  return {
    kind: 'permanent',
    code: `SLACK_HTTP_${status}`,
    detail: `${detail}: check slackApiUrl points at the Slack Web API (https://slack.com/api/)`,
  };
}

function requestFailure(original: unknown): SlackFailure {
  const name = original instanceof Error ? original.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return {
      kind: 'retryable',
      code: 'SLACK_TIMEOUT',
      detail: 'Slack did not answer in time (the message may or may not have been posted)',
    };
  }
  const reason = original instanceof Error ? original.message : String(original);
  return { kind: 'retryable', code: 'SLACK_NETWORK', detail: `could not reach Slack: ${reason}` };
}

/** Classifies an error thrown by `WebClient.apiCall()`. */
export function classifySlackError(error: unknown): SlackFailure {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as SlackErrorShape;
  switch (shape.code) {
    case ErrorCode.RateLimitedError: {
      const seconds = Number(shape.retryAfter);
      return {
        kind: 'rate-limited',
        retryAfterSeconds: Number.isFinite(seconds) ? seconds : 1,
        detail: 'Slack answered HTTP 429',
      };
    }
    case ErrorCode.PlatformError:
      return platformFailure(shape.data ?? {});
    case ErrorCode.HTTPError:
      return httpFailure(Number(shape.statusCode), String(shape.statusMessage ?? ''));
    case ErrorCode.RequestError:
      return requestFailure(shape.original);
    default: {
      const reason = error instanceof Error ? error.message : String(error);
      return { kind: 'retryable', code: 'SLACK_UNKNOWN', detail: `the Slack call failed: ${reason}` };
    }
  }
}
