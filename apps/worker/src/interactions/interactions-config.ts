/**
 * The `interactions:` section of the worker config: how Slack button clicks reach the worker (Socket Mode by
 * default, signed HTTP as an option) and who may run which iZoologic case action (`allow`; nobody by default).
 */
import { isLoopbackHost } from '@tqalert/core';
import { CASE_ACTION_NAMES, type CaseButtonAction } from '@tqalert/formatter-slack';
import { z } from 'zod';

/** `${NAME}`, as a config writes an environment reference (a helper, so no string looks like a template). */
const env = (name: string): string => `$${'{'}${name}}`;

/** A Slack user id (`U0123ABCD`), an email, or a user-group handle (`@secops`). */
const principal = z
  .string()
  .trim()
  .refine(
    (value) =>
      /^[UW][A-Z0-9]{2,}$/.test(value) ||
      /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value) ||
      /^@[\w.-]+$/.test(value),
    {
      message:
        'each entry is a Slack user id (U0123ABCD), an email (alice@example.com) or a user-group handle (@secops)',
    },
  );

const allowSchema = z
  .object(
    Object.fromEntries(
      CASE_ACTION_NAMES.map((action) => [
        action,
        z
          .array(principal)
          .default([])
          .describe(`who may run ${action} from Slack: user ids, emails, @user-group handles`),
      ]),
    ) as Record<CaseButtonAction, z.ZodDefault<z.ZodArray<typeof principal>>>,
  )
  .strict()
  .default({ sendCaseMessage: [], approveCaseTakedown: [], markAsReviewed: [], moveCase: [] });

/** Schema of `interactions:`. */
export const interactionsSchema = z
  .object({
    mode: z
      .enum(['socket', 'http'])
      .default('socket')
      .describe(
        'socket: Socket Mode over an app-level token, no inbound port (default); http: a signed request URL',
      ),
    botToken: z
      .string()
      .regex(
        /^xoxb-/,
        `botToken is the bot token (xoxb-…) of the Slack app: write it as ${env('SLACK_BOT_TOKEN')}`,
      )
      .describe('the bot token: opens dialogs, updates messages, posts ephemeral replies, reads users'),
    appToken: z
      .string()
      .regex(
        /^xapp-/,
        `appToken is an app-level token (xapp-…) with connections:write, from the app's Basic Information page: write it as ${env('SLACK_APP_TOKEN')}`,
      )
      .optional()
      .describe('Socket Mode: the app-level token (xapp-…)'),
    signingSecret: z
      .string()
      .min(
        16,
        `signingSecret is the Signing Secret from the app's Basic Information page: write it as ${env('SLACK_SIGNING_SECRET')}`,
      )
      .optional()
      .describe('HTTP mode: the signing secret every request is verified with'),
    host: z.string().default('127.0.0.1').describe('HTTP mode: the address to listen on'),
    port: z.number().int().min(0).max(65535).default(3000).describe('HTTP mode: the port to listen on'),
    path: z
      .string()
      .regex(/^\/\S*$/, 'path starts with "/", e.g. /slack/events')
      .default('/slack/events')
      .describe("HTTP mode: the path of the app's Interactivity Request URL"),
    slackApiUrl: z
      .url()
      // The bot token goes with every call: never in clear text, except to a stand-in on this machine.
      .refine((url) => url.startsWith('https://') || isLoopbackHost(URL.parse(url)?.hostname ?? ''), {
        message:
          'slackApiUrl must use https:// (e.g. https://slack.com/api/); plain http:// only to a loopback address (127.0.0.1, ::1, localhost)',
      })
      .optional()
      .describe('the Slack Web API base URL; leave it out for Slack itself (the sandbox sets its stand-in)'),
    allow: allowSchema,
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.mode === 'socket' && value.appToken === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['appToken'],
        message:
          'Socket Mode needs appToken: an app-level token (xapp-…) with connections:write (or set mode: http with a signingSecret)',
      });
    }
    if (value.mode === 'http' && value.signingSecret === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['signingSecret'],
        message:
          "HTTP mode needs signingSecret: the Signing Secret from the Slack app's Basic Information page",
      });
    }
  });

/** The `interactions:` section, defaults filled in. */
export type InteractionsConfig = z.output<typeof interactionsSchema>;

/** The actions someone may run: those with a non-empty allow-list. The formatter offers buttons for these only. */
export function offeredActions(config: Pick<InteractionsConfig, 'allow'> | undefined): CaseButtonAction[] {
  if (config === undefined) return [];
  return CASE_ACTION_NAMES.filter((action) => config.allow[action].length > 0);
}
