/**
 * The options of the iZoologic cases service, checked with zod. A mistake fails at construction (or when the
 * worker loads its config) with a `ConfigError` naming the path of each bad value.
 */
import { ConfigError, formatIssuePath } from '@tqalert/core';
import { z } from 'zod';

/** The zod schema of {@link IZoologicCasesConfig}; the plugin validates the worker config's `options` with it. */
export const IZoologicCasesOptionsSchema = z.strictObject({
  id: z.string().trim().min(1, 'id must not be empty').default('izoologic-cases'),
  lookbackDays: z
    .number({ error: 'lookbackDays must be a number of days' })
    .int('lookbackDays must be a whole number of days')
    .min(1, 'lookbackDays must be at least 1')
    .max(366, 'lookbackDays must be at most 366 (a listing of more than a year is slow and rarely useful)')
    .default(31),
  clientCodes: z
    .array(z.string().trim().min(1, 'a client code must not be empty'))
    .min(1, 'clientCodes, when given, must name at least one client code')
    .optional(),
  firstRun: z
    .enum(['baseline', 'alert'], {
      error: 'firstRun must be "baseline" (remember the cases that exist) or "alert" (alert on each of them)',
    })
    .default('baseline'),
  caseUrl: z
    .string()
    .refine((value) => value.includes('{caseId}') && /^https?:\/\//.test(value), {
      message:
        'caseUrl must be an http(s) URL with {caseId} in it, e.g. "https://portal.example/cases/{caseId}"',
    })
    .optional(),
});

/** What `new IZoologicCasesService(izoologic, config)` accepts. Every option has a default. */
export type IZoologicCasesConfig = z.input<typeof IZoologicCasesOptionsSchema>;

/** The options with defaults applied. */
export type ResolvedIZoologicCasesConfig = z.output<typeof IZoologicCasesOptionsSchema>;

/** Checks `config` and fills in defaults; throws a {@link ConfigError} listing every problem with its path. */
export function resolveIZoologicCasesConfig(config: unknown): ResolvedIZoologicCasesConfig {
  const result = IZoologicCasesOptionsSchema.safeParse(config ?? {});
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => ({
      path: formatIssuePath(issue.path) || '(root)',
      message: issue.message,
    })),
    { source: 'IZoologicCasesService options' },
  );
}
