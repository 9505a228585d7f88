/**
 * Completes a config error with the plugins' own option errors, so a user sees every problem in one report
 * instead of fixing the schema errors first and meeting the plugin errors on the next run.
 */
import { ConfigError, type ConfigIssue, validateWithSchema } from '@tqalert/core';
import { loadPlugin } from '../plugins/load-plugin.js';
import { redactIssues } from './parse-interpolated.js';

type PluginKind = 'notifier' | 'formatter' | 'service' | 'store';
type Entry = { use?: unknown; options?: unknown; formatter?: unknown };

/** Built-in stores with no plugin to ask. */
const NO_PLUGIN = new Set(['memory']);

async function optionIssues(
  kind: PluginKind,
  entry: Entry,
  path: string,
  where: { dir: string; pluginPaths: string[] },
): Promise<ConfigIssue[]> {
  if (typeof entry?.use !== 'string' || entry.use === '' || NO_PLUGIN.has(entry.use)) return [];
  try {
    const def = await loadPlugin(kind, entry.use, {
      path: `${path}.use`,
      configDir: where.dir,
      pluginPaths: where.pluginPaths,
    });
    const parsed = await validateWithSchema(def.options, entry.options ?? {}, `${path}.options`);
    return parsed.ok
      ? []
      : parsed.issues.map((i) => ({ path: i.path, message: `${i.message} (plugin ${def.name})` }));
  } catch (error) {
    return ConfigError.isInstance(error) ? error.issues : [];
  }
}

/** The option errors of every plugin the (invalid) config data names. */
async function pluginOptionIssues(data: unknown, dir: string): Promise<ConfigIssue[]> {
  const config = (data ?? {}) as Record<string, unknown>;
  const list = (key: string) => (Array.isArray(config[key]) ? (config[key] as Entry[]) : []);
  const paths = (config.plugins as { paths?: unknown } | undefined)?.paths;
  const where = {
    dir,
    pluginPaths: Array.isArray(paths) ? paths.filter((p): p is string => typeof p === 'string') : [],
  };
  const work: Array<Promise<ConfigIssue[]>> = [];
  for (const [i, n] of list('notifiers').entries()) {
    work.push(optionIssues('notifier', n, `notifiers[${i}]`, where));
    if (n?.formatter && typeof n.formatter === 'object')
      work.push(optionIssues('formatter', n.formatter as Entry, `notifiers[${i}].formatter`, where));
  }
  for (const [i, s] of list('services').entries())
    work.push(optionIssues('service', s, `services[${i}]`, where));
  if (config.store && typeof config.store === 'object')
    work.push(optionIssues('store', config.store as Entry, 'store', where));
  return (await Promise.all(work)).flat();
}

/**
 * `error` with the option errors of every plugin its config names added (each once), when it is a ConfigError
 * from loading a config file; any other error comes back as it is.
 */
export async function withPluginIssues(error: unknown): Promise<unknown> {
  if (!ConfigError.isInstance(error)) return error;
  const config = (error as { config?: { data: unknown; dir: string; file: string; secrets?: string[] } })
    .config;
  if (!config) return error;
  // Interpolated values never reach the report, as in the file's own errors.
  const more = redactIssues(await pluginOptionIssues(config.data, config.dir), config.secrets ?? []);
  const seen = new Set(error.issues.map((i) => `${i.path}\u0000${i.message}`));
  const added = more.filter((i) => !seen.has(`${i.path}\u0000${i.message}`));
  if (added.length === 0) return error;
  return new ConfigError([...error.issues, ...added], { source: config.file });
}
