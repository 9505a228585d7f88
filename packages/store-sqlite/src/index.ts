import { sqliteStoreDefinition } from './definition.js';

export { type SqliteStoreConfig, sqliteStoreDefinition, sqliteStoreOptionsSchema } from './definition.js';
export { MIGRATIONS, type Migration, SCHEMA_VERSION } from './migrations.js';
export type { SynchronousMode } from './open-database.js';
export { SqliteStore, type SqliteStoreOptions } from './sqlite-store.js';

/** The plugin definition: `store: { use: '@tqalert/store-sqlite', options: { path } }` in the worker config. */
export default sqliteStoreDefinition;
