/**
 * `@tqalert/service-watchlist`: snapshots watched ThreatQ objects and alerts on what changed, one alert per
 * changed object with every change.
 */
import { watchlistServicePlugin } from './plugin.js';

export {
  DEFAULT_FIELDS,
  type ResolvedWatchlistConfig,
  resolveWatchlistConfig,
  WATCHABLE_FIELDS,
  type WatchableField,
  type WatchlistServiceConfig,
  WatchlistServiceOptionsSchema,
} from './config.js';
export { objectKey, parseObjectRef, type WatchedRef } from './object-key.js';
export { watchlistServicePlugin } from './plugin.js';
export type { WatchlistCursor, WatchSnapshot } from './snapshot.js';
export type { WatchlistThreatQ } from './watched-set.js';
export { WatchlistService } from './watchlist-service.js';

export default watchlistServicePlugin;
