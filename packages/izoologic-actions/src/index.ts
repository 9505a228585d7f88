/**
 * `@tqalert/izoologic-actions`: the four iZoologic case actions as one library for the CLI, the worker and Slack:
 * validation before any request, the case read from a ThreatQ object, the move table always enforced,
 * idempotency, and the outcome recorded back in ThreatQ.
 */
export { CASE_ACTIONS, type CaseActionInfo, type CaseActionName, isCaseActionName } from './action-names.js';
export type { ActionsSettings, CaseActionsOptions } from './actions-options.js';
export {
  type ActionsIZoologic,
  type ActionsThreatQ,
  type CaseActionRequest,
  type CaseActionResult,
  CaseActions,
  newIdempotencyKey,
  validateCaseAction,
} from './case-actions.js';
export { allowedFromAnyType } from './move-lookup.js';
export { type ObjectRef, objectKeyOf, parseObjectRef } from './object-target.js';
export { describeActor, outcomeComment } from './record-back.js';
export type { CaseActionOptions } from './run-options.js';
