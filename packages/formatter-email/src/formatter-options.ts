import { ConfigError, formatIssuePath, NotificationTypes } from '@tqalert/core';
import { z } from 'zod';

/** The smallest HTML budget that still holds one alert's row with its inline styles and the message frame. */
export const MIN_HTML_BYTES = 30_000;

/** Options of {@link EmailFormatter} and of the `@tqalert/formatter-email` plugin. */
export const EmailFormatterOptionsSchema = z.strictObject({
  /** The notification type rendered when none is given: `WATCHLIST`, `DATA_COLLECTION`, `FREE_FORM`, … */
  notificationType: z.string().min(1, 'must not be empty').default(NotificationTypes.WATCHLIST),
  /** ThreatQ UI base URL, to build "Open in ThreatQ" links for objects that carry no link of their own. */
  threatqUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://threatq.example.com' })
    .optional(),
  /** Defang indicators (`evil[.]example`, `hxxps[://]…`) so mail clients do not link them. */
  defang: z.boolean().default(true),
  /** Largest HTML body of one message, in bytes (Gmail clips above about 102 KB). Larger content is split. */
  maxHtmlBytes: z
    .number()
    .int()
    .min(MIN_HTML_BYTES, `must be at least ${MIN_HTML_BYTES} bytes so one alert and the message frame fit`)
    .max(10_000_000)
    .default(100_000),
  /** Longest subject, in characters; a longer one ends with `…` and the body says so. */
  maxSubjectLength: z.number().int().min(40, 'must be at least 40 characters').max(998).default(150),
  /** Text the subject starts with. */
  subjectPrefix: z.string().max(60).default('[TQ Alert]'),
});

/** What a caller may pass: every option is optional. */
export type EmailFormatterOptions = z.input<typeof EmailFormatterOptionsSchema>;
/** Options with their defaults filled in. */
export type ResolvedEmailFormatterOptions = z.output<typeof EmailFormatterOptionsSchema>;

/** Validates options, throwing a {@link ConfigError} that names every bad option and how to fix it. */
export function resolveFormatterOptions(input: unknown): ResolvedEmailFormatterOptions {
  const result = EmailFormatterOptionsSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => ({
      path: formatIssuePath(issue.path) || '(root)',
      message: issue.message,
    })),
    { source: '@tqalert/formatter-email options' },
  );
}
