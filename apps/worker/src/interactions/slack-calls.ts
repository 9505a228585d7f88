/**
 * The Slack Web API calls interactions make, and the one that must not be lost: the message update after an
 * action is retried with backoff while Slack is down (the action itself is never run again).
 */
import type { WebClient } from '@slack/web-api';
import { describeError, type Logger } from '@tqalert/core';

/** The Web API methods used (a `WebClient` has them all). */
export type InteractionsSlack = Pick<WebClient, 'chat' | 'views' | 'users' | 'usergroups'>;

/** How a failed message update is retried: `attempts` in all, waiting `delayMs`, doubling each time. */
export interface UpdateRetry {
  attempts: number;
  delayMs: number;
}

/** Five tries over about 15 s. */
export const DEFAULT_UPDATE_RETRY: UpdateRetry = { attempts: 5, delayMs: 1_000 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `chat.update`, retried; resolves false when every try failed (the caller counts and logs it). */
export async function updateMessageWithRetry(
  slack: InteractionsSlack,
  message: { channel: string; ts: string; text: string; blocks: Array<Record<string, unknown>> },
  retry: UpdateRetry,
  logger: Logger,
): Promise<boolean> {
  for (let attempt = 1; attempt <= retry.attempts; attempt += 1) {
    try {
      await slack.chat.update({ ...message, blocks: message.blocks as never });
      return true;
    } catch (error) {
      logger.warn('could not update the Slack message after a case action', {
        channel: message.channel,
        ts: message.ts,
        attempt,
        of: retry.attempts,
        error: describeError(error),
      });
      if (attempt < retry.attempts) await sleep(retry.delayMs * 2 ** (attempt - 1));
    }
  }
  return false;
}

/** An ephemeral reply to `user` in `channel`; a failure is logged, never thrown (the action stands). */
export async function tellUser(
  slack: InteractionsSlack,
  where: { channel: string; user: string },
  text: string,
  logger: Logger,
): Promise<void> {
  try {
    await slack.chat.postEphemeral({ channel: where.channel, user: where.user, text });
  } catch (error) {
    logger.warn('could not send an ephemeral reply in Slack', { ...where, error: describeError(error) });
  }
}
