/**
 * Time as the notifier sees it. Injectable so that rate-limit and Retry-After tests run instantly and
 * deterministically on a virtual clock instead of waiting.
 */
import { setTimeout as delay } from 'node:timers/promises';

/** A source of time and of waiting. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds; rejects with the signal's reason if `signal` aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: async (ms, signal) => {
    await delay(ms, undefined, signal ? { signal } : undefined);
  },
};
