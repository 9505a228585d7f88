/**
 * `@tqalert/service-izoologic-cases`: new iZoologic cases, and changes of their status, case type and review
 * state, as alerts that carry what acting on the case needs.
 */
import { izoologicCasesServicePlugin } from './plugin.js';

export {
  CASE_COLLECTION,
  CASE_FIELDS,
  type CaseAlertFacts,
  IZOOLOGIC_CASE,
  readCaseAlert,
} from './case-alert.js';
export type { CaseSnapshot, CasesCursor } from './case-snapshot.js';
export { type CasesIZoologic, type IZoologicCasesHooks, IZoologicCasesService } from './cases-service.js';
export {
  type IZoologicCasesConfig,
  IZoologicCasesOptionsSchema,
  type ResolvedIZoologicCasesConfig,
  resolveIZoologicCasesConfig,
} from './config.js';
export { izoologicCasesServicePlugin } from './plugin.js';

export default izoologicCasesServicePlugin;
