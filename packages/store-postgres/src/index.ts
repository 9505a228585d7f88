import { postgresStoreDefinition } from './definition.js';

export type { ConnectionTarget, SslMode, SslOptions } from './connection-target.js';
export {
  type PostgresStoreConfig,
  postgresStoreDefinition,
  postgresStoreOptionsSchema,
} from './definition.js';
export { MIGRATIONS, type Migration, SCHEMA_VERSION } from './migrations.js';
export {
  DEFAULT_SCHEMA,
  type LeaseTimings,
  PostgresStore,
  type PostgresStoreOptions,
} from './postgres-store.js';

/** The plugin definition: `store: { use: '@tqalert/store-postgres', options: { url } }` in the worker config. */
export default postgresStoreDefinition;
