import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type AnyPluginDefinition,
  assertPluginDefinition,
  ConfigError,
  type PluginKind,
} from '@tqalert/core';
import { expandPluginName, shortNames } from './plugin-names.js';

/**
 * Imports a plugin package by name. `@tqalert/*` packages come with the worker; any other package is
 * resolved from the config file's folder (so a team installs its own plugins next to its config), then
 * from the worker itself.
 */
export async function loadPlugin<K extends PluginKind>(
  kind: K,
  use: string,
  where: { path: string; configDir: string },
): Promise<Extract<AnyPluginDefinition, { kind: K }>> {
  const packageName = expandPluginName(kind, use);
  // A path (./my-notifier.js) names a local plugin file next to the config.
  const isPath = use.startsWith('./') || use.startsWith('../') || isAbsolute(use);
  const specifier = isPath
    ? localFile(resolve(where.configDir, use))
    : resolvePackage(packageName, where.configDir);
  if (!specifier) {
    const hint = isPath
      ? `no file at ${resolve(where.configDir, use)}`
      : use.includes('/') || use.includes('-')
        ? `install it next to the config file (npm install ${packageName})`
        : `built-in ${kind}s are: ${shortNames(kind).join(', ')}`;
    throw new ConfigError([{ path: where.path, message: `cannot find ${kind} plugin "${use}": ${hint}` }]);
  }
  let loaded: unknown;
  try {
    loaded = await import(specifier);
  } catch (error) {
    throw new ConfigError([
      {
        path: where.path,
        message: `${kind} plugin "${packageName}" failed to load: ${(error as Error).message}`,
      },
    ]);
  }
  return assertPluginDefinition(loaded, kind, { path: where.path, packageName });
}

function localFile(path: string): string | undefined {
  return existsSync(path) ? pathToFileURL(path).href : undefined;
}

function resolvePackage(name: string, configDir: string): string | undefined {
  for (const base of [join(configDir, 'noop.js'), import.meta.url]) {
    try {
      const resolved = createRequire(base).resolve(name);
      return pathToFileURL(resolved).href;
    } catch {
      // An ESM-only package without a "require" condition: ask the ESM resolver instead.
      try {
        return import.meta.resolve(name, base.startsWith('file:') ? base : pathToFileURL(base).href);
      } catch {}
    }
  }
  return undefined;
}
