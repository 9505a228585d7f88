/**
 * Token buckets by key: one per Slack channel (about one message per second per channel), and one per Web API
 * method for Slack's workspace-wide tiers (see method-tiers.ts). Takers of one key wait their turn (one at a
 * time, in order); different keys never wait for each other. After a 429 the key is held for the whole
 * Retry-After. Every bucket refills a little BELOW the rate it is given (`paceMargin`): pacing exactly at
 * Slack's rate lets ordinary network jitter land two requests in one of Slack's windows, and each such 429
 * costs a whole `Retry-After` second, far more than the margin.
 */
import type { Clock } from './clock.js';

/** A bucket's size and refill rate. */
export interface BucketLimit {
  /** Tokens added per second, before the pace margin. */
  perSecond: number;
  /** Bucket size: how many takes may go at once after a quiet spell. */
  burst: number;
}

interface Bucket {
  limit: BucketLimit;
  tokens: number;
  updatedAt: number;
  /** No take before this time (set by a 429). */
  heldUntil: number;
  /** The previous taker's turn; the next taker waits for it. */
  turn: Promise<void>;
}

/** Spaces takes per key. */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  /**
   * @param limitOf - the limit of a key, asked once per key.
   * @param clock - time and waiting.
   * @param paceMargin - fraction below each limit's rate that tokens refill at (0.03: 3% under).
   */
  constructor(
    private readonly limitOf: (key: string) => BucketLimit,
    private readonly clock: Clock,
    private readonly paceMargin = 0,
  ) {}

  /** Waits until `key` may take a token, and takes it. */
  async take(key: string, signal?: AbortSignal): Promise<void> {
    const bucket = this.bucket(key);
    const previous = bucket.turn;
    let done!: () => void;
    bucket.turn = new Promise<void>((resolve) => {
      done = resolve;
    });
    try {
      await previous;
      await this.waitForToken(bucket, signal);
    } finally {
      done();
    }
  }

  /** Holds `key` for `seconds` (a 429's Retry-After); then one take may go, and the rate resumes. */
  hold(key: string, seconds: number): void {
    const bucket = this.bucket(key);
    bucket.heldUntil = Math.max(bucket.heldUntil, this.clock.now() + seconds * 1000);
    bucket.tokens = 1;
    bucket.updatedAt = bucket.heldUntil;
  }

  private async waitForToken(bucket: Bucket, signal: AbortSignal | undefined): Promise<void> {
    const perSecond = bucket.limit.perSecond * (1 - this.paceMargin);
    for (;;) {
      signal?.throwIfAborted();
      const now = this.clock.now();
      if (now < bucket.heldUntil) {
        await this.clock.sleep(bucket.heldUntil - now, signal);
        continue;
      }
      const elapsed = Math.max(0, now - bucket.updatedAt) / 1000;
      bucket.tokens = Math.min(bucket.limit.burst, bucket.tokens + elapsed * perSecond);
      bucket.updatedAt = now;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return;
      }
      await this.clock.sleep(Math.ceil(((1 - bucket.tokens) / perSecond) * 1000), signal);
    }
  }

  private bucket(key: string): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      const limit = this.limitOf(key);
      bucket = {
        limit,
        tokens: limit.burst,
        updatedAt: this.clock.now(),
        heldUntil: 0,
        turn: Promise.resolve(),
      };
      this.buckets.set(key, bucket);
    }
    return bucket;
  }
}
