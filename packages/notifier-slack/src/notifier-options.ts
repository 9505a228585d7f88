/**
 * The notifier's options, for both constructor forms and for the worker plugin, validated with zod so every
 * wrong option is named with what is allowed. The token is never echoed back in an error.
 */
import type { WebClient } from '@slack/web-api';
import { ConfigError, isLoopbackHost, type Logger, silentLogger } from '@tqalert/core';
import { z } from 'zod';
import { type Clock, systemClock } from './clock.js';

/** What to do with `options.thread` (a previous delivery about the same object). */
export type ThreadUpdates = 'reply' | 'update' | 'new';

const names = (what: string) =>
  z
    .array(
      z.string().trim().min(1, `each ${what} must be a non-empty name`),
      `${what}s must be a list of names`,
    )
    .default([]);

/**
 * Why `url` may not be the Web API address, or undefined when it may. Every call carries the bot token, so only
 * https:// is allowed, and plain http:// only to a loopback address (a local fake or the sandbox).
 */
function slackApiUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'slackApiUrl must be an absolute URL such as https://slack.com/api/';
  }
  if (parsed.protocol === 'https:') return undefined;
  if (parsed.protocol === 'http:') {
    if (isLoopbackHost(parsed.hostname)) return undefined;
    return `slackApiUrl must use https:// (e.g. https://slack.com/api/): plain http:// would send the bot token in clear text to ${parsed.hostname}; http:// is allowed only to a loopback address (127.0.0.1, ::1, localhost)`;
  }
  return `slackApiUrl must be an https:// URL such as https://slack.com/api/ (got a ${parsed.protocol} URL)`;
}

/** Options shared by the constructor and the plugin. */
const tuning = {
  /** Channels: `general`, `#general`, or ids `C0123ABCD`. Public, or private with the bot invited. */
  channelNames: names('channel name'),
  /** Users to DM: handles (`zach`), display or real names, emails, or ids `U0123ABCD`. */
  userNames: names('user name'),
  /** Where the Web API lives. Default `https://slack.com/api/`. */
  slackApiUrl: z
    .string('slackApiUrl must be an absolute URL such as https://slack.com/api/')
    .superRefine((url, context) => {
      const problem = slackApiUrlProblem(url);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  /** Messages per second per channel. Slack allows about 1. */
  ratePerChannelPerSecond: z.number().positive('ratePerChannelPerSecond must be above 0').max(50).default(1),
  /**
   * Messages one channel's window may hold: at most this many in any `burstPerChannel / rate` seconds, so this
   * many may go at once to a quiet channel. Default: the whole per-second allowance, `floor(rate)`, at least 1.
   */
  burstPerChannel: z.number().int().min(1).max(50).optional(),
  /**
   * Fraction below every rate that the notifier paces at (0.03: 3% under), so network jitter does not land
   * two posts in one of Slack's windows and cost a whole Retry-After.
   */
  paceMargin: z
    .number()
    .min(0, 'paceMargin must be 0 or more')
    .max(0.5, 'paceMargin must be at most 0.5')
    .default(0.03),
  /** `chat.postMessage` calls per minute across the workspace (Slack: "several hundred per minute"). */
  workspacePostsPerMinute: z
    .number()
    .positive('workspacePostsPerMinute must be above 0')
    .max(100_000, 'workspacePostsPerMinute must be at most 100000')
    .default(600),
  /** A Retry-After longer than this is not waited out within a send: the send fails as retryable. */
  maxRetryAfterSeconds: z.number().min(0).max(3600).default(30),
  /** How many 429s one message may meet within a send before the send fails as retryable. */
  maxRateLimitRetries: z.number().int().min(0).max(50).default(5),
  /** With `options.thread`: reply in the earlier thread, update the earlier message, or post anew. */
  threadUpdates: z.enum(['reply', 'update', 'new']).default('reply'),
  /** Per-request timeout in milliseconds. */
  timeoutMs: z.number().int().positive().max(300_000).default(10_000),
};

const atLeastOneName = (options: { channelNames: string[]; userNames: string[] }) =>
  options.channelNames.length + options.userNames.length > 0;
const NEEDS_NAMES = {
  message: 'give at least one destination in channelNames or userNames, e.g. channelNames: ["tq-alerts"]',
  path: ['channelNames'],
};

/** Options of the `@tqalert/notifier-slack` plugin (the worker's config). */
export const SlackNotifierPluginOptionsSchema = z
  .object({
    token: z.string('token must be the Slack bot token (xoxb-…)').min(1, 'token must not be empty'),
    ...tuning,
  })
  .strict()
  .refine(atLeastOneName, NEEDS_NAMES);

/** Plugin options as written in the config. */
export type SlackNotifierPluginOptions = z.input<typeof SlackNotifierPluginOptionsSchema>;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

const ConstructorSchema = z
  .object({
    token: z.string().min(1, 'token must not be empty').optional(),
    client: z
      .custom<WebClient>(
        (v) => isObject(v) && typeof v.apiCall === 'function',
        'client must be a WebClient from @slack/web-api',
      )
      .optional(),
    name: z.string().trim().min(1, 'name must not be empty').default('slack'),
    logger: z
      .custom<Logger>(
        (v) => isObject(v) && typeof v.warn === 'function',
        'logger must implement the core Logger',
      )
      .optional(),
    clock: z
      .custom<Clock>((v) => isObject(v) && typeof v.sleep === 'function', 'clock must have now() and sleep()')
      .optional(),
    ...tuning,
  })
  .strict()
  .refine(atLeastOneName, NEEDS_NAMES)
  .refine((o) => o.token !== undefined || o.client !== undefined, {
    message: 'give the bot token as token (xoxb-…) or a WebClient as client',
    path: ['token'],
  });

/** Options of `new SlackNotifier({ … })`. */
export type SlackNotifierOptions = z.input<typeof ConstructorSchema>;

/** Options of the guide's form `new SlackNotifier(threatq, slack, { channelNames, userNames })`. */
export type SlackNotifierGuideOptions = Omit<SlackNotifierOptions, 'token' | 'client'>;

/** Everything the notifier runs with, checked and filled in. */
export interface SlackNotifierSettings {
  token: string;
  name: string;
  channelNames: string[];
  userNames: string[];
  slackApiUrl: string;
  ratePerChannelPerSecond: number;
  burstPerChannel: number;
  paceMargin: number;
  workspacePostsPerMinute: number;
  maxRetryAfterSeconds: number;
  maxRateLimitRetries: number;
  threadUpdates: ThreadUpdates;
  timeoutMs: number;
  logger: Logger;
  clock: Clock;
}

function toIssues(error: z.ZodError, prefix: string): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter((p) => p !== '').join('.') || '(options)',
    message: issue.message,
  }));
}

/** Validates constructor options; throws a {@link ConfigError} naming every problem. */
export function parseNotifierOptions(
  input: unknown,
  source = 'new SlackNotifier()',
  prefix = '',
): SlackNotifierSettings {
  const parsed = ConstructorSchema.safeParse(input);
  if (!parsed.success) throw new ConfigError(toIssues(parsed.error, prefix), { source });
  const { client, token, logger, clock, slackApiUrl, ...rest } = parsed.data;
  const resolvedToken = token ?? client?.token;
  if (!resolvedToken) {
    throw new ConfigError(
      [{ path: 'client', message: 'the WebClient has no token: create it as new WebClient(botToken)' }],
      {
        source,
      },
    );
  }
  // A WebClient built elsewhere brings its own address: it gets the same check as the option.
  const clientUrlProblem =
    slackApiUrl === undefined && client?.slackApiUrl ? slackApiUrlProblem(client.slackApiUrl) : undefined;
  if (clientUrlProblem) {
    throw new ConfigError([{ path: 'client', message: `the WebClient's ${clientUrlProblem}` }], { source });
  }
  return {
    ...rest,
    burstPerChannel: rest.burstPerChannel ?? Math.max(1, Math.floor(rest.ratePerChannelPerSecond)),
    token: resolvedToken,
    slackApiUrl: slackApiUrl ?? client?.slackApiUrl ?? 'https://slack.com/api/',
    logger: logger ?? silentLogger,
    clock: clock ?? systemClock,
  };
}

/** Reads either constructor form into settings. */
export function settingsFromArguments(args: readonly unknown[]): SlackNotifierSettings {
  if (args.length === 1) return parseNotifierOptions(args[0]);
  if (args.length < 2) {
    throw new ConfigError(
      [
        {
          path: '(arguments)',
          message:
            'call new SlackNotifier({ token, channelNames }) or, as in the guide, new SlackNotifier(threatq, slack, { channelNames, userNames })',
        },
      ],
      { source: 'new SlackNotifier()' },
    );
  }
  const [, slack, extra = {}] = args;
  if (!isObject(extra)) {
    throw new ConfigError(
      [{ path: 'options', message: 'the third argument must be { channelNames, userNames, … }' }],
      {
        source: 'new SlackNotifier()',
      },
    );
  }
  if (typeof slack === 'string')
    return parseNotifierOptions({ ...extra, token: slack }, 'new SlackNotifier()', 'options');
  if (isObject(slack) && typeof slack.apiCall === 'function') {
    return parseNotifierOptions({ ...extra, client: slack }, 'new SlackNotifier()', 'options');
  }
  throw new ConfigError(
    [
      {
        path: 'slack',
        message: 'the second argument must be a WebClient from @slack/web-api or the bot token (xoxb-…)',
      },
    ],
    { source: 'new SlackNotifier()' },
  );
}
