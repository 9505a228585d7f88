import { ConfigError } from '@tqalert/core';
import { z } from 'zod';
import { webhookUrlProblem } from './webhook-url.js';

/** Options of {@link WebhookFormatter}. */
export const webhookFormatterOptionsSchema = z.strictObject({
  /** `json`: the alerts as data. `teams`: an Adaptive Card message for Microsoft Teams Workflows. */
  style: z.enum(['json', 'teams']).default('json'),
  /** Largest body in bytes; more alerts are split over several bodies. */
  maxBytes: z.number().int().min(1024).optional(),
  /** Most alerts in one body. */
  maxAlerts: z.number().int().min(1).optional(),
  /**
   * The ThreatQ address: in Teams cards, an alert link on another origin is shown as defanged text, never as the
   * "Open in ThreatQ" button. The plugin fills it in from the worker's ThreatQ client.
   */
  threatqUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://threatq.example.com' })
    .optional(),
});

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Headers the notifier sets itself; letting config override them would break the body or its signature. */
const RESERVED = new Set(['content-type', 'content-length', 'host', 'transfer-encoding', 'connection']);

/** What is wrong with `name` as a header to configure, or undefined when it is fine. */
function headerNameProblem(name: string): string | undefined {
  if (!HEADER_NAME.test(name)) return 'must be an HTTP header name (letters, digits and - only)';
  if (RESERVED.has(name.toLowerCase())) return 'is set by the notifier and cannot be overridden';
  return undefined;
}

const headerName = z.string().superRefine((name, ctx) => {
  const problem = headerNameProblem(name);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

// Keys are checked here rather than by a key schema, so that each issue names the header and says what is wrong.
const headers = z.record(z.string(), z.string()).superRefine((record, ctx) => {
  for (const [name, value] of Object.entries(record)) {
    const problem =
      headerNameProblem(name) ?? (/[\r\n]/.test(value) ? 'must not contain line breaks' : undefined);
    if (problem) ctx.addIssue({ code: 'custom', path: [name], message: problem });
  }
});

const webhookUrl = z.string().superRefine((value, ctx) => {
  const problem = webhookUrlProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const DESTINATION = /^[A-Za-z0-9][\w.-]*$/;

// As with headers, ids are checked here so that each issue names the id and says what is wrong with it.
const namedUrls = z.record(z.string(), webhookUrl).superRefine((record, ctx) => {
  for (const id of Object.keys(record)) {
    if (!DESTINATION.test(id)) {
      ctx.addIssue({
        code: 'custom',
        path: [id],
        message: 'must be a destination id (letters, digits, ".", "_" and "-")',
      });
    }
  }
});

/** The options every WebhookNotifier takes; the plugin adds `format`. */
const notifierShape = {
  /** One webhook URL: https://, or http:// to a loopback host. Its destination id is the notifier's name. */
  url: webhookUrl.optional(),
  /** Several webhooks by destination id, e.g. one Teams Workflows URL per channel. */
  urls: namedUrls.optional(),
  /** The notifier's name (the config id in the worker). */
  name: z.string().trim().min(1).default('webhook'),
  /** Extra request headers, e.g. `Authorization`. Their values are treated as secrets. */
  headers: headers.default({}),
  /**
   * Signs each request: header `name` carries `v1=` + the hex HMAC-SHA256 with `secret` of
   * `v1:<timestamp>:<idempotencyKey>:<body>`; the timestamp goes in `X-TQAlert-Timestamp`.
   */
  secretHeader: z
    .strictObject({
      secret: z.string().min(16, 'must be at least 16 characters (use a random value)'),
      name: headerName.default('X-TQAlert-Signature-256'),
    })
    .optional(),
  /** How long one request may take, headers and body, before it counts as failed (and is retried). */
  timeoutMs: z.number().int().min(100).max(300_000).default(10_000),
};

function oneTarget(
  value: { url?: string | undefined; urls?: Record<string, string> | undefined },
  ctx: z.RefinementCtx,
) {
  const count = (value.url === undefined ? 0 : 1) + (value.urls === undefined ? 0 : 1);
  if (count !== 1) {
    ctx.addIssue({
      code: 'custom',
      path: ['url'],
      message: 'give either url (one webhook) or urls (several, by destination id), not both and not neither',
    });
  } else if (value.urls !== undefined && Object.keys(value.urls).length === 0) {
    ctx.addIssue({ code: 'custom', path: ['urls'], message: 'must name at least one webhook' });
  }
}

/** Options of {@link WebhookNotifier}: where to POST, how to authenticate, how long to wait. */
export const webhookNotifierOptionsSchema = z.strictObject(notifierShape).superRefine(oneTarget);

/** Options of the plugin: the notifier's, plus the options of the formatter it is given. */
export const webhookPluginOptionsSchema = z
  .strictObject({
    ...notifierShape,
    /** Options of the WebhookFormatter the plugin sets on the notifier. */
    format: webhookFormatterOptionsSchema.prefault({}),
  })
  .superRefine(oneTarget);

/** Parses options with `schema`, or throws a {@link ConfigError} listing every problem by path. */
export function parseOptions<S extends z.ZodType>(schema: S, value: unknown, source: string): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.flatMap((issue) => {
    const at = issue.path.map(String);
    // An unknown key is most often a typo: name it as the path, not "(root)".
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: [...at, key].join('.'),
        message: 'is not an option here: check the spelling',
      }));
    }
    return [{ path: at.join('.') || '(root)', message: issue.message }];
  });
  throw new ConfigError(issues, { source });
}
