/**
 * `@tqalert/service-data-collection`: new and updated matches of a ThreatQ data collection as alerts (the
 * guide's SavedSearchService, renamed as ThreatQ renamed saved searches).
 */
import { dataCollectionServicePlugin } from './plugin.js';

export {
  type DataCollectionServiceConfig,
  DataCollectionServiceOptionsSchema,
  type ResolvedDataCollectionConfig,
  resolveDataCollectionConfig,
} from './config.js';
/** The guide's name for {@link DataCollectionService} (ThreatQ renamed saved searches to data collections). */
export {
  DataCollectionService,
  DataCollectionService as SavedSearchService,
  type DataCollectionThreatQ,
} from './data-collection-service.js';
export { formatDuration, parseDuration } from './duration.js';
export type { DataCollectionCursor, HighWaterMark } from './high-water-mark.js';
export { dataCollectionServicePlugin } from './plugin.js';
export { MAX_RECENT_KEYS } from './recent-window.js';

export default dataCollectionServicePlugin;
