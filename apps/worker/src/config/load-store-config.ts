import { dirname } from 'node:path';
import { ConfigError } from '@tqalert/core';
import { z } from 'zod';
import { type Interpolated, interpolate } from './interpolate.js';
import { readConfigFile, schemaIssues } from './load-config.js';
import { redactIssues } from './parse-interpolated.js';
import { configSchema, type WorkerConfig } from './schema.js';

/** A config file read for its store alone: what the outbox, dead-letter and silence tools need. */
export interface LoadedStoreConfig {
  config: Pick<WorkerConfig, 'store' | 'plugins'>;
  file: string;
  dir: string;
  /** Values that came from `${ENV}` and `${file:}` in the store section. */
  secrets: string[];
  /** Where each whole `${…}` reference stood, for the plugin's own number/boolean coercion. */
  references: Interpolated['references'];
}

const storeOnlySchema = z.object({ store: configSchema.shape.store, plugins: configSchema.shape.plugins });

/**
 * Reads a worker config for its `store:` section only. The rest of the file is not interpolated or validated,
 * so ThreatQ, Slack or SMTP secrets that are not set in this shell are no obstacle to managing the outbox.
 */
export function loadStoreConfig(path: string, env: NodeJS.ProcessEnv = process.env): LoadedStoreConfig {
  const { file, data } = readConfigFile(path);
  const dir = dirname(file);
  const whole = data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  // The store and where plugins may come from (a third-party store resolves like any plugin); nothing else.
  const section = {
    ...(whole.store === undefined ? {} : { store: whole.store }),
    ...(whole.plugins === undefined ? {} : { plugins: whole.plugins }),
  };
  const expanded = interpolate(section, { env, baseDir: dir });
  const result = storeOnlySchema.safeParse(expanded.value);
  const issues = [
    ...expanded.issues,
    ...(result.success ? [] : schemaIssues(result.error.issues, expanded.issues)),
  ];
  if (issues.length > 0 || !result.success)
    throw new ConfigError(redactIssues(issues, expanded.secrets), { source: file });
  return { config: result.data, file, dir, secrets: expanded.secrets, references: expanded.references };
}
