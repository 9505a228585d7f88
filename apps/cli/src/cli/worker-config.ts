import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, type Redactor, type Store } from '@tqalert/core';
import {
  buildRuntime,
  createLogger,
  createStore,
  type LoadedConfig,
  loadConfig,
  loadStoreConfig,
  type Runtime,
} from '@tqalert/worker';
import type { CommandContext } from './command.js';

/** The config file: `--config`, else `$TQALERT_CONFIG`, else `./tqalert.yaml`. */
export function configPath(ctx: CommandContext): string {
  const given = (ctx.values.config as string | undefined) ?? ctx.env.TQALERT_CONFIG;
  const file = resolve(ctx.cwd, given ?? 'tqalert.yaml');
  if (!given && !existsSync(file)) {
    throw new ConfigError([
      { path: '--config', message: `no config file given and no ${file}: pass --config <file>` },
    ]);
  }
  return file;
}

export function loadWorkerConfig(ctx: CommandContext, redactor: Redactor): LoadedConfig {
  const loaded = loadConfig(configPath(ctx), ctx.env);
  redactor.add(...loaded.secrets);
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
  const loaded = loadWorkerConfig(ctx, redactor);
  return buildRuntime(loaded, { logger: cliLogger(ctx, redactor), redactor, openStore: openStoreToo });
}
