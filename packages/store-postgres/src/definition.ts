import { isAbsolute, resolve } from 'node:path';
import { defineStore } from '@tqalert/core';
import { z } from 'zod';
import { DEFAULT_SCHEMA, PostgresStore } from './postgres-store.js';

/** The `options` block of a `store` entry in the worker config. */
export const postgresStoreOptionsSchema = z.strictObject({
  url: z
    .string()
    .trim()
    .regex(
      /^postgres(ql)?:\/\//,
      'must be a URL such as postgres://user:password@db.example.com:5432/tqalert (write it as an environment reference, e.g. "$' +
        '{TQALERT_POSTGRES_URL}", to keep the password out of the file)',
    ),
  schema: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case name of letters, digits and _, e.g. "tqalert"')
    .default(DEFAULT_SCHEMA),
  poolSize: z.number().int().min(1).max(1000).default(10),
  connectTimeoutMs: z.number().int().min(1).max(600_000).default(10_000),
  idleInTransactionTimeoutMs: z.number().int().min(100).max(600_000).default(5000),
  ssl: z
    .strictObject({
      mode: z.enum(['disable', 'require', 'verify-full']).optional(),
      caFile: z.string().trim().min(1, 'must be the path of a PEM file').optional(),
    })
    .optional(),
  leases: z
    .strictObject({
      ttlMs: z.number().int().min(1000).max(3_600_000).optional(),
      claimMs: z.number().int().min(1000).max(86_400_000).optional(),
    })
    .optional(),
});

/** Validated options, as `create` receives them. */
export type PostgresStoreConfig = z.output<typeof postgresStoreOptionsSchema>;

/**
 * The plugin definition the worker loads by name. The password in `url` is registered with the redactor so it
 * never reaches a log line; a relative `ssl.caFile` is resolved against the config file's folder.
 */
export const postgresStoreDefinition = defineStore({
  name: '@tqalert/store-postgres',
  description:
    'PostgreSQL store (pg) for one or several worker replicas: SKIP LOCKED claims, fenced leases, advisory-locked migrations.',
  options: postgresStoreOptionsSchema,
  create(options, context) {
    const caFile = options.ssl?.caFile;
    const store = new PostgresStore({
      ...options,
      ssl: options.ssl && {
        mode: options.ssl.mode,
        caFile: caFile === undefined || isAbsolute(caFile) ? caFile : resolve(context.configDir, caFile),
      },
      logger: context.logger,
    });
    context.redactor.add(store.target.password);
    return store;
  },
});
