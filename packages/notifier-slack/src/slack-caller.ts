/**
 * Every Web API call goes through here: per-channel spacing for writes, the workspace-wide limit of each method
 * (Slack's tiers), and the one retry rule that is always
 * safe, waiting out a rate limit (Slack did nothing on a 429), bounded so a send never stalls for long.
 * Everything else is handed back classified; the caller decides.
 */
import type { WebClient } from '@slack/web-api';
import type { Logger } from '@tqalert/core';
import type { RateWindows } from './rate-windows.js';
import { classifySlackError, type SlackFailure } from './slack-failure.js';

/** A call that failed for good (for this send), with its classification. */
export class SlackCallError extends Error {
  constructor(
    readonly method: string,
    readonly failure: SlackFailure,
  ) {
    super(`${method}: ${failure.detail}`);
    this.name = 'SlackCallError';
  }
}

/** Bounds on waiting out rate limits within one call. */
export interface RateLimitPolicy {
  /** A Retry-After longer than this is not waited out: the call fails as rate-limited. */
  maxRetryAfterSeconds: number;
  /** At most this many 429s are waited out per call. */
  maxRateLimitRetries: number;
}

/** Options of one call. */
export interface CallOptions {
  /** For writes: the channel whose rate limit applies. */
  channel?: string;
  signal?: AbortSignal | undefined;
  /** Told of every rate-limit answer, waited out or not (for the worker's 429 counter). */
  onRateLimited?: ((retryAfterSeconds: number) => void) | undefined;
}

/** Makes Web API calls with rate-limit handling. */
export class SlackCaller {
  constructor(
    private readonly client: WebClient,
    /** One bucket per channel. */
    private readonly channels: RateWindows,
    /** One bucket per method, shared by every channel: the workspace-wide tiers. */
    private readonly methods: RateWindows,
    private readonly policy: RateLimitPolicy,
    private readonly logger: Logger,
  ) {}

  /** Calls `method`; resolves with Slack's answer or throws a {@link SlackCallError}. */
  async call(
    method: string,
    args: Record<string, unknown>,
    options: CallOptions = {},
  ): Promise<Record<string, unknown>> {
    for (let attempt = 0; ; attempt++) {
      options.signal?.throwIfAborted();
      const channelSlot =
        options.channel === undefined ? undefined : await this.channels.take(options.channel, options.signal);
      const methodSlot = await this.methods.take(method, options.signal);
      let failure: SlackFailure;
      try {
        return (await this.client.apiCall(method, args)) as unknown as Record<string, unknown>;
      } catch (error) {
        failure = classifySlackError(error);
      } finally {
        channelSlot?.();
        methodSlot();
      }
      if (failure.kind === 'rate-limited') options.onRateLimited?.(failure.retryAfterSeconds);
      const waitable =
        failure.kind === 'rate-limited' &&
        failure.retryAfterSeconds <= this.policy.maxRetryAfterSeconds &&
        attempt < this.policy.maxRateLimitRetries;
      if (failure.kind !== 'rate-limited' || !waitable) throw new SlackCallError(method, failure);
      // Honouring a limit is normal operation, not a warning; the worker counts each one in its metrics.
      this.logger.debug('Slack rate limit: waiting Retry-After before trying again', {
        method,
        channel: options.channel,
        retryAfterSeconds: failure.retryAfterSeconds,
        attempt: attempt + 1,
      });
      // A write's 429 holds only its channel (other channels keep going); any other call holds its method.
      if (options.channel !== undefined) this.channels.hold(options.channel, failure.retryAfterSeconds);
      else this.methods.hold(method, failure.retryAfterSeconds);
    }
  }
}
