import {
  type BaseFormatter,
  type BaseNotifier,
  type BaseService,
  ConfigError,
  type ConfigIssue,
  type Logger,
  MemoryStore,
  type PluginContext,
  Redactor,
  type Store,
  TQAlertError,
} from '@tqalert/core';
import type { LoadedConfig } from '../config/load-config.js';
import type { NotifierConfig, ServiceConfig } from '../config/schema.js';
import { withOfferedActions } from '../interactions/formatter-offer.js';
import { offeredActions } from '../interactions/interactions-config.js';
import { loadPlugin, type PluginLocation } from '../plugins/load-plugin.js';
import { validatePluginOptions } from '../plugins/plugin-options.js';
import { buildClients } from './clients.js';

export interface ServiceEntry {
  config: ServiceConfig;
  service: BaseService;
}

/** Everything a running worker holds: built once from a validated config. */
export interface Runtime {
  loaded: LoadedConfig;
  store: Store;
  services: Map<string, ServiceEntry>;
  notifiers: Map<string, BaseNotifier<unknown>>;
  clients: Record<string, unknown>;
  redactor: Redactor;
  logger: Logger;
}

/**
 * Loads every plugin the config names, validates each one's options with its own schema, and builds the
 * instances. Every problem across all plugins is collected into one ConfigError.
 */
export async function buildRuntime(
  loaded: LoadedConfig,
  options: { logger: Logger; redactor?: Redactor; openStore?: boolean },
): Promise<Runtime> {
  const redactor = options.redactor ?? new Redactor();
  redactor.add(...loaded.secrets);
  const issues: ConfigIssue[] = [];
  const { config, dir } = loaded;
  const offered = offeredActions(config.interactions);
  const clients = await buildClients(config, { logger: options.logger, redactor });
  const context = (id: string): PluginContext => ({
    id,
    logger: options.logger.child({ plugin: id }),
    configDir: dir,
    clients,
    redactor,
  });

  const collect = async <T>(path: string, work: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await work();
    } catch (error) {
      if (ConfigError.isInstance(error)) issues.push(...error.issues);
      else issues.push({ path, message: redactor.text((error as Error).message) });
      return undefined;
    }
  };

  const createWith = async <K extends 'notifier' | 'formatter' | 'service' | 'store'>(
    kind: K,
    use: string,
    rawOptions: unknown,
    path: string,
    id: string,
  ) => {
    const def = await loadPlugin(kind, use, pluginLocation(loaded, `${path}.use`, options.logger));
    const raw = kind === 'formatter' ? withOfferedActions(def.name, rawOptions, offered) : rawOptions;
    const parsed = await validatePluginOptions(def.options, raw, `${path}.options`, loaded.references);
    if (!parsed.ok) {
      throw new ConfigError(
        parsed.issues.map((i) => ({ path: i.path, message: `${i.message} (plugin ${def.name})` })),
      );
    }
    return (await def.create(parsed.value as never, context(id))) as unknown;
  };

  const store = await collect('store', () =>
    createStore(loaded, { logger: options.logger, redactor, clients }),
  );

  const notifiers = new Map<string, BaseNotifier<unknown>>();
  for (const [i, n] of config.notifiers.entries()) {
    const built = await collect(`notifiers[${i}]`, () => buildNotifier(n, i));
    if (built) notifiers.set(n.id, built);
  }

  async function buildNotifier(n: NotifierConfig, i: number): Promise<BaseNotifier<unknown>> {
    const notifier = (await createWith(
      'notifier',
      n.use,
      n.options,
      `notifiers[${i}]`,
      n.id,
    )) as BaseNotifier<unknown>;
    notifier.name = n.id;
    if (n.formatter) {
      const formatter = (await createWith(
        'formatter',
        n.formatter.use,
        n.formatter.options,
        `notifiers[${i}].formatter`,
        n.id,
      )) as BaseFormatter<unknown>;
      notifier.setFormatter(formatter);
    }
    if (!notifier.getFormatter()) {
      throw new ConfigError([
        {
          path: `notifiers[${i}].formatter`,
          message: `notifier "${n.id}" has no formatter: add formatter: { use: ... }`,
        },
      ]);
    }
    return notifier;
  }

  const services = new Map<string, ServiceEntry>();
  for (const [i, s] of config.services.entries()) {
    const built = await collect(`services[${i}]`, async () => {
      const service = (await createWith('service', s.use, s.options, `services[${i}]`, s.id)) as BaseService;
      service.id = s.id;
      return service;
    });
    if (built) services.set(s.id, { config: s, service: built });
  }

  if (issues.length > 0 || !store) {
    await Promise.allSettled([...notifiers.values()].map((n) => n.close()));
    throw new ConfigError(issues.length ? issues : [{ path: 'store', message: 'no store could be built' }], {
      source: loaded.file,
    });
  }
  if (options.openStore !== false) {
    try {
      await store.init();
    } catch (error) {
      throw new TQAlertError(
        'STORE_OPEN_FAILED',
        `cannot open the store: ${redactor.text((error as Error).message)}`,
        {
          cause: error,
        },
      );
    }
  }
  return { loaded, store, services, notifiers, clients, redactor, logger: options.logger };
}

/**
 * Builds only the store the config names (`memory`, `sqlite` by default, or a plugin package), without opening
 * it. The CLI's outbox, dead-letter and silence commands need nothing more.
 */
export async function createStore(
  loaded: StoreSource,
  options: { logger: Logger; redactor?: Redactor; clients?: Record<string, unknown> },
): Promise<Store> {
  const { config, dir } = loaded;
  if (config.store.use === 'memory') {
    options.logger.warn(
      'store "memory" is NOT durable: alerts in flight are lost on exit; use sqlite in production',
    );
    return new MemoryStore();
  }
  const def = await loadPlugin(
    'store',
    config.store.use,
    pluginLocation(loaded, 'store.use', options.logger),
  );
  const parsed = await validatePluginOptions(
    def.options,
    config.store.options,
    'store.options',
    loaded.references,
  );
  if (!parsed.ok) {
    throw new ConfigError(
      parsed.issues.map((i) => ({ path: i.path, message: `${i.message} (plugin ${def.name})` })),
    );
  }
  return def.create(parsed.value as never, {
    id: 'store',
    logger: options.logger.child({ plugin: 'store' }),
    configDir: dir,
    clients: options.clients ?? {},
    redactor: options.redactor ?? new Redactor(),
  });
}

/** What {@link createStore} needs of a config: its folder, store and plugin paths (a whole config will do). */
export type StoreSource = Pick<LoadedConfig, 'dir' | 'references'> & {
  config: Pick<LoadedConfig['config'], 'store' | 'plugins'>;
};

/** Where a `use:` entry of this config resolves from: the config folder and its `plugins.paths`. */
function pluginLocation(loaded: StoreSource, path: string, logger: Logger): PluginLocation {
  return { path, configDir: loaded.dir, pluginPaths: loaded.config.plugins.paths, logger };
}

/** Closes notifiers, services and the store. */
export async function closeRuntime(runtime: Runtime): Promise<void> {
  await Promise.allSettled([...runtime.notifiers.values()].map((n) => n.close()));
  await Promise.allSettled([...runtime.services.values()].map((s) => s.service.close()));
  await runtime.store.close();
}
