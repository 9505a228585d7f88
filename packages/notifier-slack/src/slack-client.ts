/**
 * The WebClient the notifier calls Slack with. Its own retries are off and 429s are handed back at once, so the
 * notifier alone decides when to wait and when to give up (WebClient's default retries for up to 30 minutes
 * and would hide both the waiting and the giving up). Its log lines go to the notifier's logger at debug
 * level, scrubbed of the token.
 */
import { LogLevel, type Logger as SlackLogger, WebClient } from '@slack/web-api';
import { type Logger, type Redactor, replicaName } from '@tqalert/core';

/** Adapts a core {@link Logger} to the logger interface WebClient expects. */
function slackLogger(logger: Logger, redactor: Redactor): SlackLogger {
  let level = LogLevel.DEBUG;
  const line = (parts: unknown[]): string =>
    redactor.text(parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' '));
  return {
    debug: (...parts: unknown[]) => logger.debug(line(parts), { source: '@slack/web-api' }),
    info: (...parts: unknown[]) => logger.debug(line(parts), { source: '@slack/web-api' }),
    // WebClient warns about every failed request; the notifier reports failures itself, with more context.
    warn: (...parts: unknown[]) => logger.debug(line(parts), { source: '@slack/web-api' }),
    error: (...parts: unknown[]) => logger.warn(line(parts), { source: '@slack/web-api' }),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

/** Builds the WebClient for `token`. */
export function createWebClient(
  token: string,
  settings: { slackApiUrl: string; timeoutMs: number; logger: Logger; redactor: Redactor },
): WebClient {
  return new WebClient(token, {
    slackApiUrl: settings.slackApiUrl,
    timeout: settings.timeoutMs,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger: slackLogger(settings.logger, settings.redactor),
    // Which of several worker replicas sent a call (TQALERT_REPLICA), for operators and the sandbox's inbox.
    ...(replicaName() ? { headers: { 'X-TQAlert-Replica': replicaName() as string } } : {}),
  });
}
