/**
 * The options of the watchlist service, checked with zod. A mistake fails at construction (or when the worker
 * loads its config) with a `ConfigError` naming the path of each bad value and what to write instead.
 */
import { ConfigError, formatIssuePath } from '@tqalert/core';
import { objectRoute } from '@tqalert/threatq-client';
import { z } from 'zod';
import { OBJECT_REF, parseObjectRef } from './object-key.js';

/** The fields a snapshot can compare. */
export const WATCHABLE_FIELDS = [
  'score',
  'status',
  'sources',
  'attributes',
  'tags',
  'comments',
  'updatedAt',
] as const;

/** One of {@link WATCHABLE_FIELDS}. */
export type WatchableField = (typeof WATCHABLE_FIELDS)[number];

/** What is compared unless `fields` says otherwise: everything but `updatedAt` (a touch alone is no news). */
export const DEFAULT_FIELDS: readonly WatchableField[] = [
  'score',
  'status',
  'sources',
  'attributes',
  'tags',
  'comments',
];

/** Any spelling of an object type (`indicator`, `Indicators`, `Attack Pattern`), kept as its route name. */
const collectionName = z.string().transform((value, ctx) => {
  const route = objectRoute(value);
  if (route === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: 'expected a ThreatQ object type such as "indicators", "event" or "Attack Pattern"',
    });
    return z.NEVER;
  }
  return route;
});

const hash = z.string().trim().min(1, 'the data collection hash must not be empty');

const dataCollection = z.union(
  [
    hash.transform((value) => ({ hash: value, collection: 'indicators' })),
    z.strictObject({ hash, collection: collectionName.default('indicators') }),
  ],
  { error: 'dataCollection must be a hash, or { hash, collection }' },
);

const objectRef = z
  .string()
  .regex(OBJECT_REF, 'write a watched object as "<collection>:<id>", e.g. "indicators:4711" or "events:12"');

/** The zod schema of {@link WatchlistServiceConfig}; the plugin validates the worker config's `options` with it. */
export const WatchlistServiceOptionsSchema = z
  .strictObject({
    id: z.string().trim().min(1, 'id must not be empty').default('watchlist'),
    source: z
      .enum(['watchlist', 'config', 'both'], {
        error:
          'source must be "watchlist" (ThreatQ’s watchlist), "config" (objects and dataCollection) or "both"',
      })
      .default('watchlist'),
    objects: z.array(objectRef).default([]),
    dataCollection: dataCollection.optional(),
    collections: z.array(collectionName).min(1, 'collections, when given, must name at least one').optional(),
    fields: z
      .array(z.enum(WATCHABLE_FIELDS, { error: `each field must be one of ${WATCHABLE_FIELDS.join(', ')}` }))
      .min(1, 'fields must name at least one field to compare')
      .default([...DEFAULT_FIELDS]),
    alertOnFirstSight: z.boolean().default(false),
    alertOnUnwatch: z.boolean().default(false),
    concurrency: z.number().int().min(1).max(32, 'concurrency above 32 would hammer ThreatQ').default(4),
    maxObjects: z.number().int().min(1).max(100_000).default(1000),
  })
  .superRefine((config, ctx) => {
    const fromConfig = config.objects.length > 0 || config.dataCollection !== undefined;
    if (config.source === 'watchlist' && fromConfig) {
      ctx.addIssue({
        code: 'custom',
        path: ['source'],
        message:
          'objects or dataCollection is set, but source is "watchlist", so they would be ignored: set source to "config" or "both"',
      });
    }
    if (config.source === 'config' && !fromConfig) {
      ctx.addIssue({
        code: 'custom',
        path: ['objects'],
        message: 'source "config" watches the objects and dataCollection given here, but neither is set',
      });
    }
    const allowed = config.collections;
    if (allowed === undefined) return;
    config.objects.forEach((text, index) => {
      const ref = parseObjectRef(text);
      if (ref !== undefined && !allowed.includes(ref.collection)) {
        ctx.addIssue({
          code: 'custom',
          path: ['objects', index],
          message: `"${text}" is in ${ref.collection}, which collections (${allowed.join(', ')}) leaves out`,
        });
      }
    });
  });

/** What `new WatchlistService(threatq, config)` accepts. Every option has a default. */
export type WatchlistServiceConfig = z.input<typeof WatchlistServiceOptionsSchema>;

/** The options with defaults applied. */
export type ResolvedWatchlistConfig = z.output<typeof WatchlistServiceOptionsSchema>;

/** Checks `config` and fills in defaults; throws a {@link ConfigError} listing every problem with its path. */
export function resolveWatchlistConfig(config: unknown): ResolvedWatchlistConfig {
  const result = WatchlistServiceOptionsSchema.safeParse(config ?? {});
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => ({
      path: formatIssuePath(issue.path) || '(root)',
      message: issue.message,
    })),
    { source: 'WatchlistService options' },
  );
}
