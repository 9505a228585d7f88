import {
  type AnyPluginDefinition,
  assertPluginDefinition,
  ConfigError,
  type Logger,
  type PluginKind,
} from '@tqalert/core';
import { resolvePlugin } from './resolve-plugin.js';

/** Where a `use:` name stands in the config, and what decides how it resolves. */
export interface PluginLocation {
  /** Config path of the `use:` entry, for error messages (`notifiers[0].use`). */
  path: string;
  /** The config file's folder. */
  configDir: string;
  /** `plugins.paths` from the config: more folders whose own `node_modules` hold third-party plugins. */
  pluginPaths?: readonly string[];
  /** Receives the resolved file of each plugin (info), so an operator sees what code runs. */
  logger?: Logger;
}

/**
 * Imports a plugin by its `use:` name and checks it is a plugin of `kind`. Built-in names and `@tqalert/*`
 * packages come only from the worker's own dependencies; other packages only from the config folder's own
 * `node_modules` or a `plugins.paths` folder's; `./file.js` paths from the config folder; URLs other than
 * `file:` are refused. Nothing is imported before its location passes these rules.
 */
export async function loadPlugin<K extends PluginKind>(
  kind: K,
  use: string,
  where: PluginLocation,
): Promise<Extract<AnyPluginDefinition, { kind: K }>> {
  const found = resolvePlugin(kind, use, where);
  if (!found.ok) throw new ConfigError([{ path: where.path, message: found.message }]);
  where.logger?.info('plugin resolved', { kind, use, file: found.file, from: found.origin });
  let loaded: unknown;
  try {
    loaded = await import(found.url);
  } catch (error) {
    throw new ConfigError([
      {
        path: where.path,
        message: `${kind} plugin "${found.packageName}" failed to load from ${found.file}: ${(error as Error).message}`,
      },
    ]);
  }
  return assertPluginDefinition(loaded, kind, { path: where.path, packageName: found.packageName });
}
