/**
 * `@tqalert/izoologic-client`: the iZoologic (iZOOlabs) REST client. Token exchange, the envelope, the four
 * case actions with their limits, incident listing and reporting.
 */
export type {
  AccountKind,
  AccountRules,
  CaseIdsInput,
  MoveCaseInput,
  SendCaseMessageInput,
} from './case-action-inputs.js';
export {
  validateApproveCaseTakedown,
  validateMarkAsReviewed,
  validateMoveCase,
  validateSendCaseMessage,
} from './case-action-inputs.js';
export type { CaseActionResult, MoveCaseResult } from './case-actions.js';
export {
  allowedMoveTargets,
  CASE_TYPES,
  type CaseTypeId,
  describeCaseType,
  MONITORING_CASE_TYPES,
  parseCaseType,
} from './case-types.js';
export { IZoologicClient } from './client.js';
export type { IZoologicClientOptions } from './client-options.js';
export { type DayWindow, splitIntoDayWindows } from './day-windows.js';
export {
  IZoologicError,
  type IZoologicErrorCode,
  type IZoologicErrorInit,
  IZoologicInputError,
} from './errors.js';
export { ALLOW_LIST_HINT } from './failure-messages.js';
export {
  INCIDENT_TYPES,
  type IncidentTypeId,
  parseIncidentType,
  parseThreatLevel,
  THREAT_LEVELS,
  type ThreatLevelId,
} from './incident-codes.js';
export {
  type FetchIncidentsInput,
  type ReportNewIncidentInput,
  validateFetchIncidents,
  validateReportNewIncident,
} from './incident-inputs.js';
export type { IZoologicIncident, ReportedIncident } from './incidents.js';
export {
  CLIENT_CODE_REQUIRED_FOR_CLIENT_ACCOUNTS,
  LISTING_FIELDS,
  MOVE_CASE_PATH,
} from './inferred-routes.js';
export type { InputIssue } from './input-issues.js';
export { LIMITS } from './limits.js';
