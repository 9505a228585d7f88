import { ConfigError } from '@tqalert/core';
import { z } from 'zod';
import { MailAddressSchema, mailAddressList } from './email-address.js';
import { issuesOf } from './schema-issues.js';

const milliseconds = (fallback: number) =>
  z
    .number()
    .int()
    .min(100, 'must be at least 100 ms')
    .max(600_000, 'must be at most 600000 ms (10 minutes)')
    .default(fallback);

/** How to reach and talk to the SMTP server. Shared by the notifier and {@link sendEmail}. */
const SmtpTransportOptionsShape = {
  /** SMTP server host name or IP. */
  host: z.string().trim().min(1, 'set the SMTP server, e.g. smtp.example.com'),
  /** Default 465 with `secure`, else 587. */
  port: z.number().int().min(1).max(65_535).optional(),
  /** Implicit TLS from the first byte (port 465). */
  secure: z.boolean().default(false),
  /** Insist on STARTTLS (port 587): refuse to send if the server does not offer it. Implied by `auth`. */
  requireTLS: z.boolean().default(false),
  /**
   * Let `auth` go over a connection without TLS (a lab server that offers no STARTTLS). Off by default: with
   * `auth` and without `secure`, STARTTLS is required. Turning it on is warned about loudly.
   */
  allowInsecureAuth: z.boolean().default(false),
  auth: z
    .strictObject({
      user: z.string().min(1, 'set the SMTP user name'),
      pass: z
        .string()
        .min(
          1,
          `set the SMTP password (in a config file, as \${SMTP_PASSWORD} or \${file:/run/secrets/smtp})`,
        ),
    })
    .optional(),
  pool: z
    .strictObject({
      maxConnections: z.number().int().min(1).max(100).default(5),
      maxMessages: z.number().int().min(1).max(100_000).default(100),
    })
    .prefault({}),
  /** Cap on messages per second over the whole pool; unset: no cap. */
  rateLimit: z.strictObject({ perSecond: z.number().positive('must be more than 0').max(1_000) }).optional(),
  timeouts: z
    .strictObject({
      connectionMs: milliseconds(10_000),
      greetingMs: milliseconds(10_000),
      socketMs: milliseconds(30_000),
    })
    .prefault({}),
  tls: z
    .strictObject({
      /** Verify the server certificate. Turning this off is logged as a warning. */
      rejectUnauthorized: z.boolean().default(true),
      /** PEM certificate(s) of the CA that signed the server's certificate. */
      ca: z
        .union([z.string(), z.array(z.string()).min(1)])
        .refine((value) => [value].flat().every((pem) => pem.includes('-----BEGIN CERTIFICATE-----')), {
          message: `must be PEM text starting with -----BEGIN CERTIFICATE-----; to use a file write \${file:/path/ca.pem}`,
        })
        .optional(),
      /** Name to check the certificate against, when connecting by IP or through a tunnel. */
      servername: z.string().min(1).optional(),
    })
    .prefault({}),
  /** Host name to greet the server with (EHLO). Default: this machine's name. */
  name: z.string().min(1).optional(),
} as const;

function checkTlsModes(options: { secure: boolean; requireTLS: boolean }, context: z.RefinementCtx): void {
  if (options.secure && options.requireTLS) {
    context.addIssue({
      code: 'custom',
      path: ['requireTLS'],
      message:
        'secure (implicit TLS, port 465) and requireTLS (STARTTLS, port 587) exclude each other: set one of them',
    });
  }
}

/** Options of {@link EmailNotifier} and of the `@tqalert/notifier-email` plugin. */
export const EmailNotifierOptionsSchema = z
  .strictObject({
    ...SmtpTransportOptionsShape,
    from: MailAddressSchema,
    to: mailAddressList(true),
    cc: mailAddressList(false).default([]),
    bcc: mailAddressList(false).default([]),
  })
  .superRefine(checkTlsModes);

/** Options of {@link sendEmail}: the transport, and the sender. */
export const EmailSenderOptionsSchema = z
  .strictObject({ ...SmtpTransportOptionsShape, from: MailAddressSchema })
  .superRefine(checkTlsModes);

/** What a caller may pass to {@link EmailNotifier}. */
export type EmailNotifierOptions = z.input<typeof EmailNotifierOptionsSchema>;
/** Notifier options with defaults filled in and addresses parsed. */
export type ResolvedEmailNotifierOptions = z.output<typeof EmailNotifierOptionsSchema>;
/** What a caller may pass to {@link sendEmail}. */
export type EmailSenderOptions = z.input<typeof EmailSenderOptionsSchema>;
/** Sender options with defaults filled in. */
export type ResolvedEmailSenderOptions = z.output<typeof EmailSenderOptionsSchema>;

/** Validates `input` against `schema`, throwing a {@link ConfigError} that names every bad option. */
export function resolveOptions<S extends z.ZodType>(schema: S, input: unknown, source: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ConfigError(issuesOf(result.error), { source });
}
