import { isAbsolute, resolve } from 'node:path';
import { defineStore } from '@tqalert/core';
import { z } from 'zod';
import { IN_MEMORY } from './open-database.js';
import { SqliteStore } from './sqlite-store.js';

/** The `options` block of a `store` entry in the worker config. */
export const sqliteStoreOptionsSchema = z.strictObject({
  path: z
    .string()
    .trim()
    .min(1, 'must be a file path such as "./tqalert.db" (relative to the config file) or ":memory:"')
    .default('./tqalert.db'),
  busyTimeoutMs: z.number().int().min(0).max(2_147_483_647).optional(),
  synchronous: z.enum(['full', 'normal']).optional(),
});

/** Validated options, as `create` receives them. */
export type SqliteStoreConfig = z.output<typeof sqliteStoreOptionsSchema>;

/**
 * The plugin definition the worker loads by name. A relative `path` is resolved against the config file's
 * folder, not the working directory, so the worker finds the same file however it is started.
 */
export const sqliteStoreDefinition = defineStore({
  name: '@tqalert/store-sqlite',
  description: 'Embedded SQLite store (node:sqlite): outbox, ledgers, dead letters and silences in one file.',
  options: sqliteStoreOptionsSchema,
  create(options, context) {
    const path =
      options.path === IN_MEMORY || isAbsolute(options.path)
        ? options.path
        : resolve(context.configDir, options.path);
    return new SqliteStore({
      path,
      busyTimeoutMs: options.busyTimeoutMs,
      synchronous: options.synchronous,
      logger: context.logger,
    });
  },
});
