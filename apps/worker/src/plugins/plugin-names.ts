import type { PluginKind } from '@tqalert/core';

/** Built-in short names: `use: slack` in a notifier means `@tqalert/notifier-slack`. */
const SHORT: Record<PluginKind, Record<string, string>> = {
  notifier: {
    slack: '@tqalert/notifier-slack',
    email: '@tqalert/notifier-email',
    webhook: '@tqalert/notifier-webhook',
  },
  formatter: { slack: '@tqalert/formatter-slack', email: '@tqalert/formatter-email' },
  service: {
    watchlist: '@tqalert/service-watchlist',
    'data-collection': '@tqalert/service-data-collection',
    'izoologic-cases': '@tqalert/service-izoologic-cases',
  },
  store: { sqlite: '@tqalert/store-sqlite', postgres: '@tqalert/store-postgres' },
};

/** The project's own npm scope: every package under it means the worker's own copy, never one found elsewhere. */
const OWN_SCOPE = '@tqalert/';

/** Expands a short plugin name for its kind; a package name (scoped, or with a dash) is returned unchanged. */
export function expandPluginName(kind: PluginKind, use: string): string {
  return SHORT[kind][use] ?? use;
}

/** Short names known for a kind, for error messages. */
export function shortNames(kind: PluginKind): string[] {
  return Object.keys(SHORT[kind]);
}

/**
 * True for a package the worker ships: a short name's package or any `@tqalert/*` name. These resolve only
 * from the worker's own dependencies, so a folder cannot replace them.
 */
export function isBuiltInPackage(packageName: string): boolean {
  return packageName.startsWith(OWN_SCOPE);
}
