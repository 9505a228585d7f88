/**
 * `@tqalert/threatq-client`: ThreatQ's REST API with both OAuth grants, token renewal, read retries, paging as
 * async iterators and normalised objects.
 */
export {
  DEFAULT_OBJECT_EXPANSIONS,
  DEFAULT_PAGE_SIZE,
  type InvalidRecordHandler,
  type PagingOptions,
  ThreatQClient,
} from './client.js';
export {
  dataCollectionPath,
  objectDetailsUrl,
  watchlistEntryPath,
  watchlistListPath,
} from './inferred-routes.js';
export { objectRoute, sameObjectType } from './object-types.js';
export type { ClientCredentialsAuth, PasswordAuth, ThreatQClientOptions } from './options.js';
export type {
  ThreatQAttribute,
  ThreatQAttributeRecord,
  ThreatQComment,
  ThreatQObject,
  ThreatQSource,
  ThreatQWatchlistEntry,
} from './types.js';
