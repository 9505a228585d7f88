import { ConfigError } from './errors.js';
import type { BaseFormatter } from './formatter.js';
import type { Logger } from './logger.js';
import type { BaseNotifier } from './notifier.js';
import type { Redactor } from './redact.js';
import type { BaseService } from './service.js';
import type { StandardSchemaV1 } from './standard-schema.js';
import type { Store } from './store.js';

/** The plugin API this core speaks. A definition with another version is refused with a clear error. */
export const PLUGIN_API_VERSION = 1 as const;

/** Marks a definition made by `define*` from any copy of core (a `Symbol.for` key survives duplicate copies). */
export const PLUGIN_BRAND: unique symbol = Symbol.for('tqalert.plugin') as never;

/** The four kinds of plugin the worker loads. */
export type PluginKind = 'notifier' | 'formatter' | 'service' | 'store';

/** What the host hands a plugin's `create`. */
export interface PluginContext {
  /** The instance id from the config (`notifiers[0].id`). */
  id: string;
  logger: Logger;
  /** Folder of the config file, to resolve relative paths. */
  configDir: string;
  /** Shared clients the host built (`threatq`, `izoologic`), by name. */
  clients: Record<string, unknown>;
  /** Register secrets here so they are scrubbed from every log line. */
  redactor: Redactor;
}

/** What a `define*` helper returns and a plugin package exports as its default export. */
export interface PluginDefinition<K extends PluginKind, O, T> {
  readonly [PLUGIN_BRAND]: true;
  readonly apiVersion: typeof PLUGIN_API_VERSION;
  readonly kind: K;
  /** Package-style name, e.g. `@acme/tqalert-notifier-teams`. */
  readonly name: string;
  readonly description?: string;
  /** Validates the `options` block of the config. Any Standard Schema (zod 4, valibot, arktype). */
  readonly options: StandardSchemaV1<unknown, O>;
  create(options: O, context: PluginContext): T | Promise<T>;
}

/** A notifier plugin, made with {@link defineNotifier}. */
export type NotifierDefinition<O = unknown> = PluginDefinition<'notifier', O, BaseNotifier<unknown>>;
/** A formatter plugin, made with {@link defineFormatter}. */
export type FormatterDefinition<O = unknown> = PluginDefinition<'formatter', O, BaseFormatter<unknown>>;
/** A service plugin, made with {@link defineService}. */
export type ServiceDefinition<O = unknown> = PluginDefinition<'service', O, BaseService>;
/** A store plugin, made with {@link defineStore}. */
export type StoreDefinition<O = unknown> = PluginDefinition<'store', O, Store>;
/** A plugin definition of any kind. */
export type AnyPluginDefinition =
  | NotifierDefinition
  | FormatterDefinition
  | ServiceDefinition
  | StoreDefinition;

type DefinitionInput<K extends PluginKind, O, T> = Omit<
  PluginDefinition<K, O, T>,
  typeof PLUGIN_BRAND | 'apiVersion' | 'kind'
> & { apiVersion?: typeof PLUGIN_API_VERSION };

function define<K extends PluginKind, O, T>(
  kind: K,
  input: DefinitionInput<K, O, T>,
): PluginDefinition<K, O, T> {
  return Object.freeze({ ...input, apiVersion: PLUGIN_API_VERSION, kind, [PLUGIN_BRAND]: true as const });
}

/** Declares a notifier plugin. Export it as the package's default export. */
export function defineNotifier<O>(
  input: DefinitionInput<'notifier', O, BaseNotifier<unknown>>,
): NotifierDefinition<O> {
  return define('notifier', input);
}

/** Declares a formatter plugin. */
export function defineFormatter<O>(
  input: DefinitionInput<'formatter', O, BaseFormatter<unknown>>,
): FormatterDefinition<O> {
  return define('formatter', input);
}

/** Declares a service plugin. */
export function defineService<O>(input: DefinitionInput<'service', O, BaseService>): ServiceDefinition<O> {
  return define('service', input);
}

/** Declares a store plugin. */
export function defineStore<O>(input: DefinitionInput<'store', O, Store>): StoreDefinition<O> {
  return define('store', input);
}

/** True when `value` was made by a `define*` helper of any copy of core. */
export function isPluginDefinition(value: unknown): value is AnyPluginDefinition {
  return (
    typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[PLUGIN_BRAND] === true
  );
}

/**
 * Checks that a loaded module export is a plugin definition of the expected kind and API version. Unwraps a
 * module namespace (`default` export, or a single named definition). Throws a {@link ConfigError} at `path`.
 */
export function assertPluginDefinition<K extends PluginKind>(
  loaded: unknown,
  kind: K,
  where: { path: string; packageName: string },
): Extract<AnyPluginDefinition, { kind: K }> {
  const candidate = unwrapModule(loaded);
  const fail = (message: string): never => {
    throw new ConfigError([{ path: where.path, message }]);
  };
  if (!isPluginDefinition(candidate)) {
    const named = namedDefinitions(loaded);
    if (named.length > 1) {
      return fail(
        `package "${where.packageName}" exports ${named.length} plugin definitions by name (${named.map((d) => d.name).join(', ')}) and none as its default export: make the ${kind} the default export`,
      );
    }
    return fail(
      `package "${where.packageName}" does not export a TQ Alert plugin: its default export must come from define${kind[0]?.toUpperCase()}${kind.slice(1)}() of @tqalert/core`,
    );
  }
  if (candidate.apiVersion !== PLUGIN_API_VERSION) {
    fail(
      `package "${where.packageName}" speaks plugin apiVersion ${String(candidate.apiVersion)}, this worker speaks ${PLUGIN_API_VERSION}: install a version of the plugin built for @tqalert/core with apiVersion ${PLUGIN_API_VERSION}`,
    );
  }
  if (candidate.kind !== kind) {
    fail(
      `package "${where.packageName}" is a ${candidate.kind} plugin, but a ${kind} is expected here: name a ${kind} package, or move this one to where ${candidate.kind}s are configured`,
    );
  }
  return candidate as Extract<AnyPluginDefinition, { kind: K }>;
}

function unwrapModule(loaded: unknown): unknown {
  if (isPluginDefinition(loaded)) return loaded;
  if (typeof loaded !== 'object' || loaded === null) return loaded;
  const record = loaded as Record<string, unknown>;
  if (isPluginDefinition(record.default)) return record.default;
  // A CommonJS default inside an ESM namespace.
  const nested = record.default as Record<string, unknown> | undefined;
  if (nested && isPluginDefinition(nested.default)) return nested.default;
  const named = namedDefinitions(record);
  return named.length === 1 ? named[0] : loaded;
}

function namedDefinitions(loaded: unknown): AnyPluginDefinition[] {
  if (typeof loaded !== 'object' || loaded === null) return [];
  return Object.values(loaded).filter(isPluginDefinition);
}
