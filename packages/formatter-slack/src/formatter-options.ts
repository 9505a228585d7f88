/** The options of a {@link SlackFormatter}, validated with zod so that a typo is named, not ignored. */
import { ConfigError } from '@tqalert/core';
import { z } from 'zod';
import { CASE_ACTION_NAMES } from './case-actions-block.js';
import { SLACK_LIMITS } from './slack-limits.js';

/** Schema of the formatter's options (also the plugin's `options` schema). */
export const SlackFormatterOptionsSchema = z
  .object({
    /** The notification type rendered by default (`WATCHLIST`, `DATA_COLLECTION`, `FREE_FORM`, …). */
    type: z.string().min(1, 'type must name a notification type such as "WATCHLIST"'),
    /** Defang indicator values and URLs from data (`hxxp://evil[.]example`). */
    defang: z.boolean().default(true),
    /** Blocks per message, at most Slack's 50. Lower it to leave room for blocks you add. */
    maxBlocks: z
      .number()
      .int()
      .min(4)
      .max(SLACK_LIMITS.blocksPerMessage)
      .default(SLACK_LIMITS.blocksPerMessage),
    /** Characters of block text per message, at most about 12,000 (Slack's `msg_blocks_too_long`). */
    maxBlockChars: z
      .number()
      .int()
      .min(4000)
      .max(SLACK_LIMITS.blockTextPerMessage)
      .default(SLACK_LIMITS.blockTextPerMessage),
    /** The ThreatQ link of a single alert: a button, or a mrkdwn link in the text. */
    linkStyle: z.enum(['button', 'mrkdwn']).default('button'),
    /**
     * The ThreatQ address (`https://threatq.example.com`): an alert link on another origin is shown as defanged
     * text, never as the "Open in ThreatQ" link. The worker fills it in from its ThreatQ client.
     */
    threatqUrl: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://threatq.example.com' })
      .optional(),
    /**
     * iZoologic case actions offered as buttons on alerts about a case; none by default. The worker fills it in
     * from `interactions.allow` (only actions someone may run get a button).
     */
    caseActions: z.array(z.enum(CASE_ACTION_NAMES)).default([]),
  })
  .strict();

/** Options as given (defaults may be left out). */
export type SlackFormatterOptions = z.input<typeof SlackFormatterOptionsSchema>;
/** Options with defaults filled in. */
export type ResolvedSlackFormatterOptions = z.output<typeof SlackFormatterOptionsSchema>;

/** Validates options, throwing a {@link ConfigError} that names every bad option and says what is allowed. */
export function parseFormatterOptions(input: unknown): ResolvedSlackFormatterOptions {
  const result = SlackFormatterOptionsSchema.safeParse(input);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.') || '(options)',
      message: issue.message,
    })),
    { source: 'SlackFormatter options' },
  );
}
