import { existsSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { PluginKind } from '@tqalert/core';
import { expandPluginName, isBuiltInPackage, shortNames } from './plugin-names.js';

/** Where a plugin's code was found: what the worker logs at start, or why nothing was loaded. */
export type PluginResolution =
  | { ok: true; url: string; file: string; packageName: string; origin: 'worker' | 'folder' | 'file' }
  | { ok: false; message: string };

export interface ResolveOptions {
  /** The config file's folder: `./file.js` paths and third-party packages (its own `node_modules`). */
  configDir: string;
  /** `plugins.paths` from the config: more folders whose own `node_modules` hold third-party plugins. */
  pluginPaths?: readonly string[];
}

// A scheme of two letters or more, so a Windows drive (`C:\plugins\x.js`) is not mistaken for a URL.
const URL_SCHEME = /^([a-z][a-z\d+.-]+):/i;

/**
 * Finds the file a `use:` name stands for, under the trust rules of the README's "Security" section:
 * - built-in names (`slack`, `sqlite`, …) and every `@tqalert/*` package: the worker's own dependencies only;
 * - `./file.js`, absolute paths and `file:` URLs: that file;
 * - other packages: only `<config folder>/node_modules` or `<plugins.paths entry>/node_modules`, never a parent
 *   folder's `node_modules` (anyone who can write there could otherwise run code in the worker);
 * - any other URL (`data:`, `http:`, `node:`): refused.
 */
export function resolvePlugin(kind: PluginKind, use: string, options: ResolveOptions): PluginResolution {
  const scheme = URL_SCHEME.exec(use)?.[1]?.toLowerCase();
  if (scheme === 'file') return localFile(fileURLToPath(use), use);
  if (scheme) {
    return {
      ok: false,
      message: `${kind} plugin "${scheme}:…" is a ${scheme}: URL; plugins load only from files: name a package, or a file such as ./my-${kind}.js next to the config`,
    };
  }
  if (use.startsWith('./') || use.startsWith('../') || isAbsolute(use)) {
    return localFile(resolve(options.configDir, use), use);
  }
  const packageName = expandPluginName(kind, use);
  if (isBuiltInPackage(packageName)) return fromWorker(kind, use, packageName);
  return fromFolders(kind, packageName, options);
}

function localFile(path: string, use: string): PluginResolution {
  if (!existsSync(path))
    return { ok: false, message: `cannot find plugin file "${use}": no file at ${path}` };
  return { ok: true, url: pathToFileURL(path).href, file: path, packageName: use, origin: 'file' };
}

/** A built-in resolves from this module, i.e. from the worker's own dependencies, whatever the config folder holds. */
function fromWorker(kind: PluginKind, use: string, packageName: string): PluginResolution {
  const url = resolveFrom(packageName, import.meta.url);
  if (!url) {
    return {
      ok: false,
      message: `${kind} plugin "${use}" (${packageName}) is not installed with this worker: built-in ${kind}s are ${shortNames(kind).join(', ')}; reinstall @tqalert/worker, or name a third-party package`,
    };
  }
  return { ok: true, url, file: fileURLToPath(url), packageName, origin: 'worker' };
}

function fromFolders(kind: PluginKind, packageName: string, options: ResolveOptions): PluginResolution {
  const bases = [options.configDir, ...(options.pluginPaths ?? []).map((p) => resolve(options.configDir, p))];
  const looked: string[] = [];
  for (const base of bases) {
    const packageDir = join(base, 'node_modules', packageRoot(packageName));
    looked.push(packageDir);
    if (!existsSync(join(packageDir, 'package.json'))) continue;
    const url = resolveFrom(packageName, pathToFileURL(join(base, 'noop.js')).href);
    // Node's resolver would walk up past `base`; the package found must be the one in `base` itself.
    if (url && isInside(fileURLToPath(url), realpathSync(packageDir))) {
      return { ok: true, url, file: fileURLToPath(url), packageName, origin: 'folder' };
    }
  }
  // A bare word is more likely a mistyped short name than a package.
  const shortHint = /^[a-z0-9]+$/i.test(packageName)
    ? `; built-in ${kind}s are ${shortNames(kind).join(', ')}`
    : '';
  return {
    ok: false,
    message: `cannot find ${kind} plugin "${packageName}": looked in ${looked.join(', ')}; install it next to the config file (cd ${options.configDir} && npm install ${packageName}) or add its folder to plugins.paths (packages in parent folders are not used)${shortHint}`,
  };
}

/** The package a specifier names: `@acme/x/sub` → `@acme/x`, `x/sub` → `x`. */
function packageRoot(specifier: string): string {
  const parts = specifier.split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

function resolveFrom(packageName: string, parentUrl: string): string | undefined {
  try {
    return pathToFileURL(createRequire(parentUrl).resolve(packageName)).href;
  } catch {
    // An ESM-only package without a "require" condition: ask the ESM resolver instead.
    try {
      return parentUrl === import.meta.url
        ? import.meta.resolve(packageName)
        : import.meta.resolve(packageName, parentUrl);
    } catch {
      return undefined;
    }
  }
}

function isInside(file: string, dir: string): boolean {
  const rel = relative(dir, realpathSync(file));
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}
