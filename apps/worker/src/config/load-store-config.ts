import { dirname } from 'node:path';
import { ConfigError } from '@tqalert/core';
import { z } from 'zod';
import { interpolate } from './interpolate.js';
import { readConfigFile, schemaIssues } from './load-config.js';
import { configSchema, type WorkerConfig } from './schema.js';

/** A config file read for its store alone: what the outbox, dead-letter and silence tools need. */
export interface LoadedStoreConfig {
  config: Pick<WorkerConfig, 'store'>;
  file: string;
  dir: string;
  /** Values that came from `${ENV}` and `${file:}` in the store section. */
  secrets: string[];
}

const storeOnlySchema = z.object({ store: configSchema.shape.store });

/**
 * Reads a worker config for its `store:` section only. The rest of the file is not interpolated or validated,
 * so ThreatQ, Slack or SMTP secrets that are not set in this shell are no obstacle to managing the outbox.
 */
export function loadStoreConfig(path: string, env: NodeJS.ProcessEnv = process.env): LoadedStoreConfig {
  const { file, data } = readConfigFile(path);
  const dir = dirname(file);
  const store = data && typeof data === 'object' ? (data as Record<string, unknown>).store : undefined;
  const expanded = interpolate(store === undefined ? {} : { store }, { env, baseDir: dir });
  const result = storeOnlySchema.safeParse(expanded.value);
  const issues = [
    ...expanded.issues,
    ...(result.success ? [] : schemaIssues(result.error.issues, expanded.issues)),
  ];
  if (issues.length > 0 || !result.success) throw new ConfigError(issues, { source: file });
  return { config: result.data, file, dir, secrets: expanded.secrets };
}
