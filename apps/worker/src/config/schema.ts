import { SeveritySchema } from '@tqalert/core';
import { z } from 'zod';
import { interactionsSchema } from '../interactions/interactions-config.js';
import { cronError } from '../schedule/schedule.js';
import { durationSchema } from './duration.js';

/** Dispatch defaults in milliseconds: used when the config leaves the whole section out. */
const DISPATCH_DEFAULTS = {
  maxAttempts: 10,
  maxAge: 86_400_000,
  baseDelay: 1_000,
  maxDelay: 300_000,
  interval: 500,
  batchSize: 50,
  lease: 60_000,
};

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/i, 'ids use letters, digits, "-" and "_" and start with a letter or digit');

/** `use:` names a plugin package; short names expand to `@tqalert/<kind>-<name>`. */
/** Default `store.retention`: 14 days. */
export const RETENTION_DEFAULT_MS = 14 * 86_400_000;

const pluginRef = {
  use: z.string().min(1, 'name the plugin package, e.g. "slack" or "@acme/tqalert-notifier-teams"'),
  options: z.record(z.string(), z.unknown()).default({}),
};

const threatqSchema = z
  .object({
    url: z.url({ message: 'must be the ThreatQ base URL, e.g. https://threatq.example.com' }),
    auth: z.discriminatedUnion('type', [
      z.object({
        type: z.literal('password'),
        email: z.string().min(1),
        password: z.string().min(1),
        clientId: z.string().min(1),
      }),
      z.object({
        type: z.literal('client_credentials'),
        clientId: z.string().min(1),
        clientSecret: z.string().min(1),
      }),
    ]),
    tls: z
      .object({ verify: z.boolean().default(true), caFile: z.string().optional() })
      .default({ verify: true }),
    timeout: durationSchema.default(30_000),
  })
  .strict();

const izoologicSchema = z
  .object({
    host: z.string().min(1),
    apiKey: z.string().min(1),
    secretKey: z.string().min(1),
    verifySsl: z.boolean().default(true),
    clientCode: z.string().optional(),
    /** client: every case action needs a client code (the guide); partner (default): optional. */
    accountKind: z.enum(['client', 'partner']).optional(),
  })
  .strict();

const routeSchema = z
  .object({
    notify: z.array(id).min(1, 'list at least one notifier id'),
    when: z
      .object({
        minSeverity: SeveritySchema.optional(),
        minScore: z.number().optional(),
        tags: z.array(z.string()).optional(),
        collections: z.array(z.string()).optional(),
      })
      .strict()
      .optional(),
    digest: z
      .object({
        window: durationSchema,
        bypassSeverity: SeveritySchema.optional(),
        bypassScore: z.number().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/** Where third-party plugin packages may come from, besides the config folder's own `node_modules`. */
const pluginsSchema = z
  .object({
    paths: z
      .array(z.string().min(1, 'give a folder path, e.g. /opt/tqalert-plugins'))
      .default([])
      .describe(
        "folders whose own node_modules hold third-party plugins (relative to the config file's folder)",
      ),
  })
  .strict()
  .default({ paths: [] });

const serviceSchema = z
  .object({
    id,
    ...pluginRef,
    every: durationSchema.optional(),
    cron: z
      .string()
      .superRefine((value, ctx) => {
        const problem = cronError(value);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .optional(),
    timeout: durationSchema.default(120_000),
    routes: z.array(routeSchema).min(1, 'add a route: which notifiers this service alerts'),
  })
  .strict()
  .refine((s) => (s.every === undefined) !== (s.cron === undefined), {
    message: 'give exactly one of "every" (e.g. 1m) or "cron" (e.g. "*/5 * * * *")',
    path: ['every'],
  });

const notifierSchema = z
  .object({
    id,
    ...pluginRef,
    formatter: z.object(pluginRef).strict().optional(),
  })
  .strict();

/** The worker's (and CLI's) configuration file. */
export const configSchema = z
  .object({
    $schema: z.string().optional(),
    threatq: threatqSchema.optional(),
    izoologic: izoologicSchema.optional(),
    store: z
      .object({
        ...pluginRef,
        /** Sent deliveries, ledger entries and delivery records older than this are pruned (dead letters stay). */
        retention: durationSchema.default(RETENTION_DEFAULT_MS),
      })
      .strict()
      .default({ use: 'sqlite', options: {}, retention: RETENTION_DEFAULT_MS }),
    plugins: pluginsSchema,
    notifiers: z.array(notifierSchema).default([]),
    services: z.array(serviceSchema).default([]),
    /** Slack buttons → iZoologic case actions (see README "Acting from Slack"); off when left out. */
    interactions: interactionsSchema.optional(),
    pipeline: z
      .object({
        realert: durationSchema.default(24 * 3_600_000),
        threadUpdates: z.boolean().default(true),
        dispatch: z
          .object({
            maxAttempts: z.number().int().min(1).default(10),
            maxAge: durationSchema.default(24 * 3_600_000),
            baseDelay: durationSchema.default(1_000),
            maxDelay: durationSchema.default(300_000),
            interval: durationSchema.default(500),
            batchSize: z.number().int().min(1).default(50),
            lease: durationSchema.default(60_000),
          })
          .strict()
          .default(DISPATCH_DEFAULTS),
        readiness: z
          .object({
            /** Failed polls in a row (or refused logins on a lane) before /readyz answers 503. */
            failures: z.number().int().min(1).default(3),
          })
          .strict()
          .default({ failures: 3 }),
      })
      .strict()
      .default({
        realert: 86_400_000,
        threadUpdates: true,
        dispatch: DISPATCH_DEFAULTS,
        readiness: { failures: 3 },
      }),
    server: z
      .object({
        enabled: z.boolean().default(true),
        host: z.string().default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(9464),
        metricsToken: z
          .string()
          .min(16, 'use a token of at least 16 characters, e.g. from openssl rand -hex 32')
          .optional()
          .describe(
            'when set, /metrics answers only Authorization: Bearer <token>; write it as an env or file reference',
          ),
      })
      .strict()
      .default({ enabled: true, host: '127.0.0.1', port: 9464 }),
    log: z
      .object({
        level: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
        format: z.enum(['auto', 'json', 'pretty']).default('auto'),
      })
      .strict()
      .default({ level: 'info', format: 'auto' }),
  })
  .strict();

export type WorkerConfig = z.output<typeof configSchema>;
export type ServiceConfig = WorkerConfig['services'][number];
export type NotifierConfig = WorkerConfig['notifiers'][number];
export type RouteConfig = ServiceConfig['routes'][number];

/** The config schema as JSON Schema, for editors (`$schema`). */
export function configJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
