/**
 * Delivers one formatted message to one channel: the parent, then its continuations as thread replies, in
 * order, skipping parts an earlier attempt delivered. On failure it throws a DeliveryError listing exactly the
 * parts that did arrive, so a retry sends each of the rest once and none twice.
 */

import {
  type DeliveredPart,
  DeliveryError,
  type DeliveryRecord,
  type Logger,
  type Redactor,
} from '@tqalert/core';
import type { SlackPayload } from '@tqalert/formatter-slack';
import type { Clock } from './clock.js';
import { fixHint } from './fix-hints.js';
import { laneFailureOf } from './lane-failures.js';
import type { Destination } from './name-resolver.js';
import type { ThreadUpdates } from './notifier-options.js';
import { SlackCallError, type SlackCaller } from './slack-caller.js';

/** What a delivery works with. */
export interface DeliveryContext {
  caller: SlackCaller;
  notifier: string;
  threadUpdates: ThreadUpdates;
  maxRetryAfterSeconds: number;
  clock: Clock;
  logger: Logger;
  redactor: Redactor;
}

/** What one send asks of one destination. */
export interface DeliveryRequest {
  destination: Destination;
  parts: readonly SlackPayload[];
  /** Parts of this message already delivered here. */
  already: readonly DeliveredPart[];
  /** An earlier delivery about the same object. */
  thread?: DeliveryRecord | undefined;
  signal?: AbortSignal | undefined;
  onRateLimited?: ((retryAfterSeconds: number) => void) | undefined;
}

type Ref = Record<string, string>;

/** Slack errors after which an earlier message cannot be threaded on or updated, so a new one is posted. */
const GONE = new Set(['thread_not_found', 'message_not_found', 'cant_update_message', 'edit_window_closed']);

function isGone(error: unknown): boolean {
  return (
    error instanceof SlackCallError &&
    error.failure.kind === 'permanent' &&
    GONE.has(error.failure.slackError ?? '')
  );
}

/** The ts replies go under: the thread's parent when `ref` is itself a reply. */
const threadOf = (ref: Ref): string | undefined => ref.thread_ts ?? ref.ts;

class Delivery {
  private readonly done = new Map<number, DeliveredPart>();
  private readonly channel: string;

  constructor(
    private readonly context: DeliveryContext,
    private readonly request: DeliveryRequest,
  ) {
    this.channel = request.destination.id;
    for (const part of request.already) {
      if (part.destination === this.channel && part.part < request.parts.length)
        this.done.set(part.part, part);
    }
  }

  async run(): Promise<DeliveryRecord> {
    const { parts } = this.request;
    let anchor = this.done.has(0) ? threadOf(this.done.get(0)?.ref ?? {}) : undefined;
    for (const [i, payload] of parts.entries()) {
      if (this.done.has(i)) continue;
      let ref: Ref;
      try {
        if (i > 0 && anchor === undefined) throw this.noAnchor();
        ref = i === 0 ? await this.postParent(payload) : await this.post(payload, anchor);
      } catch (error) {
        throw this.failure(error, i);
      }
      this.done.set(i, { destination: this.channel, part: i, ref });
      if (i === 0) anchor = threadOf(ref);
    }
    return {
      notifier: this.context.notifier,
      destination: this.channel,
      parts: this.delivered(),
      sentAt: new Date(this.context.clock.now()).toISOString(),
    };
  }

  /** The parent: a new message, a reply in the earlier thread, or an update of the earlier message. */
  private async postParent(payload: SlackPayload): Promise<Ref> {
    const earlier = this.earlierRef();
    const mode = this.context.threadUpdates;
    if (earlier?.ts !== undefined && mode !== 'new') {
      try {
        if (mode === 'update') return await this.update(payload, earlier);
        return await this.post(payload, threadOf(earlier));
      } catch (error) {
        if (!isGone(error)) throw error;
        this.context.logger.warn('The earlier Slack message is gone; posting a new message instead', {
          destination: this.request.destination.label,
          ts: earlier.ts,
        });
      }
    }
    return this.post(payload, undefined);
  }

  private earlierRef(): Ref | undefined {
    const thread = this.request.thread;
    if (thread?.destination !== this.channel) return undefined;
    return thread.parts.find((part) => part.part === 0)?.ref;
  }

  private async post(payload: SlackPayload, threadTs: string | undefined): Promise<Ref> {
    const answer = await this.context.caller.call(
      'chat.postMessage',
      {
        channel: this.channel,
        text: payload.text,
        blocks: payload.blocks,
        // Always off, whatever the payload says: Slack must never fetch an indicator URL.
        unfurl_links: false,
        unfurl_media: false,
        ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
      },
      { channel: this.channel, signal: this.request.signal, onRateLimited: this.request.onRateLimited },
    );
    const ref: Ref = { channel: String(answer.channel ?? this.channel), ts: String(answer.ts) };
    if (threadTs !== undefined) ref.thread_ts = threadTs;
    return ref;
  }

  private async update(payload: SlackPayload, earlier: Ref): Promise<Ref> {
    await this.context.caller.call(
      'chat.update',
      { channel: this.channel, ts: earlier.ts, text: payload.text, blocks: payload.blocks },
      { channel: this.channel, signal: this.request.signal, onRateLimited: this.request.onRateLimited },
    );
    return { ...earlier, channel: this.channel };
  }

  private delivered(): DeliveredPart[] {
    return [...this.done.values()].sort((a, b) => a.part - b.part);
  }

  private noAnchor(): DeliveryError {
    return new DeliveryError({
      message: `alreadyDelivered lists part 0 for ${this.request.destination.label} without a ts, so the other parts cannot be threaded under it: pass the parts exactly as the notifier returned them`,
      retryable: false,
      code: 'SLACK_BAD_ALREADY_DELIVERED',
      notifier: this.context.notifier,
      delivered: this.delivered(),
    });
  }

  private failure(error: unknown, part: number): DeliveryError {
    if (DeliveryError.isInstance(error)) return error;
    const where = this.request.destination.label;
    const total = this.request.parts.length;
    const progress = `${this.done.size} of ${total} part${total === 1 ? '' : 's'} delivered`;
    const base = { notifier: this.context.notifier, delivered: this.delivered(), cause: error };
    const say = (text: string) => this.context.redactor.text(text);
    if (!(error instanceof SlackCallError)) {
      const aborted = this.request.signal?.aborted === true;
      const reason = error instanceof Error ? error.message : String(error);
      return new DeliveryError({
        ...base,
        message: say(`${aborted ? 'send aborted' : `posting to ${where} failed: ${reason}`} (${progress})`),
        retryable: true,
        code: aborted ? 'SLACK_ABORTED' : 'SLACK_UNKNOWN',
      });
    }
    const { failure } = error;
    const partName = `part ${part + 1} of ${total}`;
    switch (failure.kind) {
      case 'rate-limited':
        return new DeliveryError({
          ...base,
          message: say(
            `Slack rate-limited ${partName} to ${where} and asked to wait ${failure.retryAfterSeconds}s, longer than this send may wait (maxRetryAfterSeconds ${this.context.maxRetryAfterSeconds}) or too many times; ${progress}, retry after ${failure.retryAfterSeconds}s`,
          ),
          retryable: true,
          retryAfter: failure.retryAfterSeconds,
          code: 'SLACK_RATE_LIMITED',
          // The channel is throttled, not the message: hold the lane, spend no attempt.
          scope: 'lane',
        });
      case 'retryable':
        return new DeliveryError({
          ...base,
          message: say(
            `${failure.detail} while posting ${partName} to ${where}; ${progress}, try again later`,
          ),
          retryable: true,
          code: failure.code,
        });
      case 'permanent': {
        const lane =
          laneFailureOf(failure.slackError) ??
          (failure.code === 'SLACK_HTTP_401' || failure.code === 'SLACK_HTTP_403'
            ? { auth: true }
            : undefined);
        return new DeliveryError({
          ...base,
          message: say(
            `${failure.detail} for ${partName} to ${where}: ${fixHint(failure.slackError, where, failure.needed)}`,
          ),
          // A broken channel or token is kept pending on its lane until someone fixes it; a bad message is not.
          retryable: lane !== undefined,
          code: failure.code,
          ...(lane ? { scope: 'lane' as const, auth: lane.auth } : {}),
        });
      }
    }
  }
}

/** Delivers `request.parts` to one destination; see the module comment. */
export function deliverToDestination(
  context: DeliveryContext,
  request: DeliveryRequest,
): Promise<DeliveryRecord> {
  return new Delivery(context, request).run();
}
