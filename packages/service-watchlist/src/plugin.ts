/** The plugin definition the worker loads for `use: watchlist` (or `@tqalert/service-watchlist`). */
import { defineService } from '@tqalert/core';
import { WatchlistServiceOptionsSchema } from './config.js';
import type { WatchlistThreatQ } from './watched-set.js';
import { WatchlistService } from './watchlist-service.js';

/**
 * Creates a {@link WatchlistService} from validated options and the worker's shared ThreatQ client
 * (`context.clients.threatq`; without one, a ConfigError at `threatq` asks for the config's `threatq:` section).
 * The service takes the config id as its id.
 */
export const watchlistServicePlugin = defineService({
  name: '@tqalert/service-watchlist',
  description:
    'Alerts on changes to watched ThreatQ objects: score, status, sources, attributes, tags, comments.',
  options: WatchlistServiceOptionsSchema,
  create: (options, context) =>
    new WatchlistService(context.clients.threatq as WatchlistThreatQ, {
      ...options,
      id: context.id || options.id,
    }),
});
