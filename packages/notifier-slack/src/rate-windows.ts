/**
 * Sliding rate windows by key: one per Slack channel (about one message per second per channel), and one per
 * Web API method for Slack's workspace-wide tiers (see method-tiers.ts). A key allows at most `burst` takes in
 * any `burst / perSecond` seconds, which is how Slack counts: a lane that fell behind (a slow disk, a busy
 * event loop) may catch up within the window instead of losing the slot for good, and still never puts more
 * into one window than Slack allows. Takers of one key wait their turn (one at a time, in order); different keys
 * never wait for each other. After a 429 the key is held for the whole Retry-After.
 *
 * Every window is `paceMargin` longer than the rate implies: pacing exactly at Slack's rate lets ordinary
 * network jitter land one request too many in one of Slack's windows, and each such 429 costs a whole
 * `Retry-After` second, far more than the margin. And a slot counts from when its call ENDED (the caller
 * stamps it), the latest moment Slack can have seen the request: a request held up on a busy machine then
 * never shares Slack's window with the next one.
 */
import type { Clock } from './clock.js';

/** A key's limit. */
export interface RateLimit {
  /** Takes per second, before the pace margin. */
  perSecond: number;
  /** Takes one window may hold: how many may go at once after a quiet spell. */
  burst: number;
}

/** One take: when its call started, then (once stamped) when it ended. */
interface Slot {
  at: number;
}

/** Marks a slot's call as ended: the slot then counts from now. */
export type StampSlot = () => void;

interface Window {
  limit: RateLimit;
  /** The last `burst` takes, oldest first. */
  slots: Slot[];
  /** No take before this time (set by a 429). */
  heldUntil: number;
  /** The previous taker's turn; the next taker waits for it. */
  turn: Promise<void>;
}

/** Spaces takes per key. */
export class RateWindows {
  private readonly windows = new Map<string, Window>();

  /**
   * @param limitOf - the limit of a key, asked once per key.
   * @param clock - time and waiting.
   * @param paceMargin - fraction below each limit's rate to pace at (0.03: 3% under).
   */
  constructor(
    private readonly limitOf: (key: string) => RateLimit,
    private readonly clock: Clock,
    private readonly paceMargin = 0,
  ) {}

  /** Waits until `key` may take a slot, and takes it; call the returned function when the call has ended. */
  async take(key: string, signal?: AbortSignal): Promise<StampSlot> {
    const window = this.window(key);
    const previous = window.turn;
    let done!: () => void;
    window.turn = new Promise<void>((resolve) => {
      done = resolve;
    });
    try {
      await previous;
      const slot = await this.waitForSlot(window, signal);
      return () => {
        slot.at = Math.max(slot.at, this.clock.now());
      };
    } finally {
      done();
    }
  }

  /** Holds `key` for `seconds` (a 429's Retry-After); then the rate resumes. */
  hold(key: string, seconds: number): void {
    const window = this.window(key);
    window.heldUntil = Math.max(window.heldUntil, this.clock.now() + seconds * 1000);
  }

  private async waitForSlot(window: Window, signal: AbortSignal | undefined): Promise<Slot> {
    const { perSecond, burst } = window.limit;
    const windowMs = (burst * 1000) / (perSecond * (1 - this.paceMargin));
    for (;;) {
      signal?.throwIfAborted();
      const now = this.clock.now();
      if (now < window.heldUntil) {
        await this.clock.sleep(window.heldUntil - now, signal);
        continue;
      }
      const oldest = window.slots[0]?.at;
      if (window.slots.length < burst || oldest === undefined || now >= oldest + windowMs) {
        const slot = { at: now };
        window.slots.push(slot);
        if (window.slots.length > burst) window.slots.shift();
        return slot;
      }
      await this.clock.sleep(Math.ceil(oldest + windowMs - now), signal);
    }
  }

  private window(key: string): Window {
    let window = this.windows.get(key);
    if (!window) {
      window = { limit: this.limitOf(key), slots: [], heldUntil: 0, turn: Promise.resolve() };
      this.windows.set(key, window);
    }
    return window;
  }
}
