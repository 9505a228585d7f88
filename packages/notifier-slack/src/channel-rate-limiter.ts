/**
 * A token bucket per channel: Slack allows about one message per second per channel, with short bursts. Writes
 * to one channel wait their turn (one at a time, in order); writes to different channels never wait for
 * each other. After a 429 the channel is held for the whole Retry-After.
 */
import type { Clock } from './clock.js';

interface Bucket {
  tokens: number;
  updatedAt: number;
  /** No write before this time (set by a 429). */
  heldUntil: number;
  /** The previous writer's turn; the next writer waits for it. */
  turn: Promise<void>;
}

/** Spaces writes per channel. */
export class ChannelRateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  /**
   * @param perSecond - tokens added per second (messages per second per channel).
   * @param burst - bucket size: how many messages may go at once after a quiet spell.
   */
  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly clock: Clock,
  ) {}

  /** Waits until `channel` may take a write, and takes it. */
  async take(channel: string, signal?: AbortSignal): Promise<void> {
    const bucket = this.bucket(channel);
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

  /** Holds `channel` for `seconds` (a 429's Retry-After); then one write may go, and the rate resumes. */
  hold(channel: string, seconds: number): void {
    const bucket = this.bucket(channel);
    bucket.heldUntil = Math.max(bucket.heldUntil, this.clock.now() + seconds * 1000);
    bucket.tokens = 1;
    bucket.updatedAt = bucket.heldUntil;
  }

  private async waitForToken(bucket: Bucket, signal: AbortSignal | undefined): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.clock.now();
      if (now < bucket.heldUntil) {
        await this.clock.sleep(bucket.heldUntil - now, signal);
        continue;
      }
      const elapsed = Math.max(0, now - bucket.updatedAt) / 1000;
      bucket.tokens = Math.min(this.burst, bucket.tokens + elapsed * this.perSecond);
      bucket.updatedAt = now;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return;
      }
      await this.clock.sleep(Math.ceil(((1 - bucket.tokens) / this.perSecond) * 1000), signal);
    }
  }

  private bucket(channel: string): Bucket {
    let bucket = this.buckets.get(channel);
    if (!bucket) {
      bucket = { tokens: this.burst, updatedAt: this.clock.now(), heldUntil: 0, turn: Promise.resolve() };
      this.buckets.set(channel, bucket);
    }
    return bucket;
  }
}
