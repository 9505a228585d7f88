/**
 * The options of the data collection service, checked with zod. A mistake fails at construction (or when the
 * worker loads its config) with a `ConfigError` naming the path of each bad value and what to write instead.
 */
import { ConfigError, formatIssuePath } from '@tqalert/core';
import { z } from 'zod';
import { parseDuration } from './duration.js';

const duration = (what: string) =>
  z.union([z.number().int().nonnegative(), z.string()]).transform((value, ctx) => {
    if (typeof value === 'number') return value;
    const ms = parseDuration(value);
    if (ms !== undefined) return ms;
    ctx.addIssue({
      code: 'custom',
      message: `${what} "${value}" is not a duration: write e.g. 30s, 5m, 1h or 7d`,
    });
    return z.NEVER;
  });

/**
 * Why `hash` cannot be a data collection hash, or undefined when it can. The hash becomes a path segment of
 * `/api/{collection}/query/hash/{hash}`: a dot segment (`.`, `..`, also percent-encoded as `%2e`) would be
 * normalised away and send the request to another route, and a slash, backslash or percent sign has no place in a
 * hash, so all of them are refused before any request.
 */
function hashProblem(hash: string): string | undefined {
  const fix = 'copy the hash from the data collection in ThreatQ, e.g. 6f1c9a2e4b7d';
  if (/^(\.|%2e){1,2}$/i.test(hash))
    return `hash "${hash}" is a dot segment, not a data collection hash: ${fix}`;
  const bad = /[/\\%?#]|[\p{Cc}\s]/u.exec(hash)?.[0];
  if (bad !== undefined) {
    return `hash must not contain ${JSON.stringify(bad)} (it becomes part of the request path): ${fix}`;
  }
  return undefined;
}

/** The zod schema of {@link DataCollectionServiceConfig}; the plugin validates the worker config's `options` with it. */
export const DataCollectionServiceOptionsSchema = z
  .strictObject({
    id: z.string().trim().min(1, 'id must not be empty').default('data-collection'),
    hash: z
      .string({ error: 'hash is required: the data collection’s hash (its id in ThreatQ)' })
      .trim()
      .min(1, 'hash must not be empty')
      .superRefine((hash, ctx) => {
        const problem = hashProblem(hash);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    name: z.string().trim().min(1, 'name, when given, must not be empty').optional(),
    collection: z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/, 'expected a ThreatQ collection name such as "indicators" or "events"')
      .default('indicators'),
    minScore: z.number().min(0).max(100).optional(),
    types: z.array(z.string().trim().min(1, 'a type name must not be empty')).min(1).optional(),
    overlap: duration('overlap').default(5 * 60_000),
    maxCatchUp: duration('maxCatchUp').default(7 * 86_400_000),
    firstRun: z
      .enum(['baseline', 'alert'], {
        error: 'firstRun must be "baseline" (record where the collection is, no alerts) or "alert"',
      })
      .default('baseline'),
    pageSize: z.number().int().min(1).max(10_000).default(500),
  })
  .superRefine((config, ctx) => {
    if (config.maxCatchUp <= config.overlap) {
      ctx.addIssue({
        code: 'custom',
        path: ['maxCatchUp'],
        message: `maxCatchUp (${config.maxCatchUp} ms) must be longer than overlap (${config.overlap} ms)`,
      });
    }
  });

/** What `new DataCollectionService(threatq, config)` accepts. Only `hash` is required. */
export type DataCollectionServiceConfig = z.input<typeof DataCollectionServiceOptionsSchema>;

/** The options with defaults applied; durations in milliseconds. */
export type ResolvedDataCollectionConfig = z.output<typeof DataCollectionServiceOptionsSchema>;

/** Checks `config` and fills in defaults; throws a {@link ConfigError} listing every problem with its path. */
export function resolveDataCollectionConfig(config: unknown): ResolvedDataCollectionConfig {
  const parsed = DataCollectionServiceOptionsSchema.safeParse(config ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map(({ path, message }) => ({
    path: formatIssuePath(path) || '(root)',
    message,
  }));
  throw new ConfigError(issues, { source: 'DataCollectionService options' });
}
