import type { Redactor, Store } from '@tqalert/core';
import {
  buildRuntime,
  createLogger,
  createStore,
  type LoadedConfig,
  loadConfig,
  loadStoreConfig,
  type Runtime,
  withPluginIssues,
} from '@tqalert/worker';
import type { CommandContext } from './command.js';
import { requireConfigPath, useConfig } from './config-file.js';

/** The config file: `--config`, else `$TQALERT_CONFIG`; a usage error (exit 2) when neither is given. */
export function configPath(ctx: CommandContext): string {
  return requireConfigPath(ctx);
}

/** Loads the command's config; says which file on stderr and adds its secrets to the output scrubber too. */
export function loadWorkerConfig(ctx: CommandContext, redactor: Redactor): LoadedConfig {
  const loaded = loadConfig(configPath(ctx), ctx.env);
  redactor.add(...loaded.secrets);
  useConfig(ctx, loaded);
  return loaded;
}

/** Quiet logs (warnings and errors on stderr) unless TQALERT_LOG_LEVEL says otherwise. */
export function cliLogger(ctx: CommandContext, redactor: Redactor) {
  const level = (ctx.env.TQALERT_LOG_LEVEL as 'debug' | 'info' | 'warn' | 'error' | undefined) ?? 'warn';
  return createLogger({ level, format: 'pretty', redactor });
}

/** Opens just the store of a worker config: the rest of the file (and its secrets) is not read. */
export async function openStore(ctx: CommandContext, redactor: Redactor): Promise<Store> {
  const loaded = loadStoreConfig(configPath(ctx), ctx.env);
  redactor.add(...loaded.secrets);
  const store = await createStore(loaded, { logger: cliLogger(ctx, redactor), redactor });
  await store.init();
  return store;
}

/** Builds the full runtime (plugins, store) of a worker config. */
export async function openRuntime(
  ctx: CommandContext,
  redactor: Redactor,
  openStoreToo = true,
): Promise<Runtime> {
  let loaded: LoadedConfig;
  try {
    loaded = loadWorkerConfig(ctx, redactor);
  } catch (error) {
    // One report: the plugins' own option errors too, not only the file's.
    throw await withPluginIssues(error);
  }
  return buildRuntime(loaded, { logger: cliLogger(ctx, redactor), redactor, openStore: openStoreToo });
}
