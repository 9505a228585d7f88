/**
 * Delay before attempt `attempt + 1`: exponential from `baseMs`, capped at `maxMs`, with full jitter in the
 * upper half (so a burst of failures does not retry in lockstep), and never sooner than the target's
 * Retry-After.
 */
export function nextDelayMs(
  attempt: number,
  options: { baseMs: number; maxMs: number; retryAfterSeconds?: number | undefined; random?: () => number },
): number {
  const random = options.random ?? Math.random;
  const exp = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exp / 2 + random() * (exp / 2);
  const retryAfter = (options.retryAfterSeconds ?? 0) * 1000;
  return Math.round(Math.max(jittered, retryAfter));
}
