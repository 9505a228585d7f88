import { setTimeout as sleep } from 'node:timers/promises';
import { type DeliveredPart, DeliveryError, type DeliveryRecord, type SendOptions } from '@tqalert/core';

/** How long a one-off send from the CLI keeps waiting out rate limits before it gives up. */
export const RATE_LIMIT_PATIENCE_MS = 90_000;

/**
 * Sends one message the way a person at a terminal expects: when the target rate-limits it (a worker may be
 * posting to the same Slack channel at its full pace, and Slack admits about one message a second there), it
 * waits the `Retry-After` the target asked for, plus a little jitter, and tries again, resuming after the parts
 * already delivered, for up to `patienceMs`. The notifier's own retries are few because a worker's lane backs
 * off by itself; a one-off send has no lane, and losing every race to a busy worker is not an error.
 * The jitter matters: a worker paced just under the limit leaves a small free gap each second, and a retry that
 * kept the same phase could miss it every time.
 */
export async function sendPatiently(
  notifier: { sendAlert(message: never, options?: SendOptions): Promise<DeliveryRecord[]> },
  message: unknown,
  options: {
    patienceMs?: number;
    onWait?: (seconds: number, reason: string) => void;
    random?: () => number;
  } = {},
): Promise<DeliveryRecord[]> {
  const deadline = Date.now() + (options.patienceMs ?? RATE_LIMIT_PATIENCE_MS);
  const random = options.random ?? Math.random;
  let delivered: readonly DeliveredPart[] = [];
  for (;;) {
    try {
      return await notifier.sendAlert(message as never, { alreadyDelivered: delivered });
    } catch (error) {
      const waitMs =
        DeliveryError.isInstance(error) && error.retryable && error.retryAfter !== undefined
          ? error.retryAfter * 1000 + Math.round(random() * 400)
          : undefined;
      if (waitMs === undefined || Date.now() + waitMs > deadline) throw error;
      delivered = (error as DeliveryError).delivered;
      options.onWait?.(waitMs / 1000, (error as DeliveryError).message);
      await sleep(waitMs);
    }
  }
}
