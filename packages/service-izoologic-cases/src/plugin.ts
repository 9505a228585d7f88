/** The plugin definition the worker loads for `use: izoologic-cases` (or `@tqalert/service-izoologic-cases`). */
import { defineService } from '@tqalert/core';
import { type CasesIZoologic, IZoologicCasesService } from './cases-service.js';
import { IZoologicCasesOptionsSchema } from './config.js';

/**
 * Creates an {@link IZoologicCasesService} from validated options and the worker's shared iZoologic client
 * (`context.clients.izoologic`; without one, a ConfigError at `izoologic` asks for the config's `izoologic:`
 * section). The service takes the config id as its id.
 */
export const izoologicCasesServicePlugin = defineService({
  name: '@tqalert/service-izoologic-cases',
  description: 'Alerts on new iZoologic cases and on changes of their status, case type and review state.',
  options: IZoologicCasesOptionsSchema,
  create: (options, context) =>
    new IZoologicCasesService(context.clients.izoologic as CasesIZoologic, {
      ...options,
      id: context.id || options.id,
    }),
});
