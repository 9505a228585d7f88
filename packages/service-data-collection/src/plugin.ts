/** The plugin definition the worker loads for `use: data-collection` (or `@tqalert/service-data-collection`). */
import { defineService } from '@tqalert/core';
import { DataCollectionServiceOptionsSchema } from './config.js';
import { DataCollectionService, type DataCollectionThreatQ } from './data-collection-service.js';

/**
 * Creates a {@link DataCollectionService} from validated options and the worker's shared ThreatQ client
 * (`context.clients.threatq`; without one, a ConfigError at `threatq` asks for the config's `threatq:` section).
 * The service takes the config id as its id.
 */
export const dataCollectionServicePlugin = defineService({
  name: '@tqalert/service-data-collection',
  description: 'Alerts on new and updated matches of a ThreatQ data collection (saved search).',
  options: DataCollectionServiceOptionsSchema,
  create: (options, context) =>
    new DataCollectionService(context.clients.threatq as DataCollectionThreatQ, {
      ...options,
      id: context.id || options.id,
    }),
});
