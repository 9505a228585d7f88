import { readFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { ConfigError, type ConfigIssue } from '@tqalert/core';
import { parseDocument } from 'yaml';
import { crossCheck } from './cross-check.js';
import { interpolate } from './interpolate.js';
import { parseInterpolated, redactIssues } from './parse-interpolated.js';
import type { WorkerConfig } from './schema.js';
import { unquotedReferenceHints } from './yaml-hints.js';

export interface LoadedConfig {
  config: WorkerConfig;
  /** Absolute path of the file, and its folder (plugins and relative paths resolve from there). */
  file: string;
  dir: string;
  /** Values that came from `${ENV}` and `${file:}`: scrubbed from every log line and error. */
  secrets: string[];
  /** Paths whose whole value was one `${…}` reference, with its text: plugin options coerce from these. */
  references?: ReadonlyMap<string, string>;
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
  return out || '(root)';
}

/** Parses YAML or JSON text; syntax errors become issues with line numbers. */
function parseText(text: string, file: string): { data: unknown; issues: ConfigIssue[] } {
  if (extname(file).toLowerCase() === '.json') {
    try {
      return { data: JSON.parse(text), issues: [] };
    } catch (error) {
      return {
        data: undefined,
        issues: [{ path: '(file)', message: `not valid JSON: ${(error as Error).message}` }],
      };
    }
  }
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    const hints = unquotedReferenceHints(text);
    if (hints.length > 0) return { data: undefined, issues: hints };
    return {
      data: undefined,
      issues: doc.errors.map((e) => ({
        path: `(line ${e.linePos?.[0]?.line ?? '?'})`,
        message: `YAML syntax: ${e.message.split('\n')[0]}`,
      })),
    };
  }
  return { data: doc.toJS(), issues: [] };
}

/** Validates an already-parsed config object; every problem is reported at once with its path. */
export function parseConfig(data: unknown, options: { file: string; env?: NodeJS.ProcessEnv }): LoadedConfig {
  const file = resolve(options.file);
  const dir = dirname(file);
  const expanded = interpolate(data, { env: options.env ?? process.env, baseDir: dir });
  const { result, value, secrets } = parseInterpolated(expanded);
  const issues: ConfigIssue[] = [...expanded.issues, ...crossCheck(value)];
  if (!result.success) issues.push(...schemaIssues(result.error.issues, expanded.issues));
  if (issues.length > 0 || !result.success) {
    const error = new ConfigError(redactIssues(issues, expanded.secrets), { source: file });
    // Kept (not enumerable, never printed) so the plugin options can be checked in the same report.
    Object.defineProperty(error, 'config', {
      value: { data: value, dir, file, secrets: expanded.secrets },
      enumerable: false,
    });
    throw error;
  }
  return { config: result.data, file, dir, secrets, references: expanded.references };
}

/**
 * The schema's issues with their config paths, except at a path whose `${ENV}` or `${file:}` could not be
 * read: that problem is already reported once, and the empty value left in its place is no second mistake.
 */
export function schemaIssues(
  issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }>,
  unresolved: readonly ConfigIssue[],
): ConfigIssue[] {
  const reported = new Set(unresolved.map((issue) => issue.path));
  return issues
    .map((issue) => ({ path: formatPath(issue.path), message: issue.message }))
    .filter((issue) => !reported.has(issue.path));
}

/** Reads, interpolates and validates a config file. Throws a ConfigError listing every problem. */
export function loadConfig(path: string, env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  const { file, data } = readConfigFile(path);
  return parseConfig(data, { file, env });
}

/** Reads and parses a YAML or JSON config file, without interpolating or validating it. */
export function readConfigFile(path: string): { file: string; data: unknown } {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError([
      {
        path: '(file)',
        message: code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file} (${code})`,
      },
    ]);
  }
  const parsed = parseText(text, file);
  if (parsed.issues.length > 0) throw new ConfigError(parsed.issues, { source: file });
  return { file, data: parsed.data };
}
