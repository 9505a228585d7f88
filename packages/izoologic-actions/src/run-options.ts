/**
 * The run options of each action (the guide's "Run Configuration Options") and their checks, made before any
 * request: the client's own validators, with the account rules, on the cases the request names.
 */
import {
  type AccountRules,
  type InputIssue,
  validateApproveCaseTakedown,
  validateMarkAsReviewed,
  validateMoveCase,
  validateSendCaseMessage,
} from '@tqalert/izoologic-client';
import type { CaseActionName } from './action-names.js';

/** Every run option any action takes; each action reads its own. */
export interface CaseActionOptions {
  /** Send Case Message: up to 120 characters. */
  subject?: string | undefined;
  /** Send Case Message: required, up to 2,500 characters. */
  message?: string | undefined;
  /** The client identifier; required for every action with a client account (`accountKind: client`). */
  clientCode?: string | undefined;
  /** Approve Case Takedown and Mark As Reviewed: an optional remark. */
  remark?: string | undefined;
  /** Move Case: the target case type, an id (`6`) or a name (`incident`). */
  toCaseType?: number | string | undefined;
  /** Move Case: the current case type when the caller knows it; else read from the object or looked up. */
  fromCaseType?: number | string | undefined;
  /** Move Case: an optional comment. */
  comment?: string | undefined;
}

/** The client call's input for `action` on `caseIds`. */
export function clientInput(
  action: CaseActionName,
  caseIds: readonly string[],
  options: CaseActionOptions,
): Record<string, unknown> {
  const caseId = caseIds[0] ?? '';
  const defined = (value: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
  switch (action) {
    case 'sendCaseMessage':
      return defined({
        caseId,
        subject: options.subject,
        message: options.message,
        clientCode: options.clientCode,
      });
    case 'approveCaseTakedown':
    case 'markAsReviewed':
      return defined({ ids: [...caseIds], clientCode: options.clientCode, remark: options.remark });
    case 'moveCase':
      return defined({
        caseId,
        toCaseType: options.toCaseType,
        fromCaseType: options.fromCaseType,
        clientCode: options.clientCode,
        comment: options.comment,
      });
  }
}

/** Every problem with the options of `action` on `caseIds`, by the guide's limits and the account rules. */
export function checkRunOptions(
  action: CaseActionName,
  caseIds: readonly string[],
  options: CaseActionOptions,
  rules: AccountRules,
): InputIssue[] {
  const input = clientInput(action, caseIds, options) as never;
  switch (action) {
    case 'sendCaseMessage':
      return validateSendCaseMessage(input, rules);
    case 'approveCaseTakedown':
      return validateApproveCaseTakedown(input, rules);
    case 'markAsReviewed':
      return validateMarkAsReviewed(input, rules);
    case 'moveCase':
      return validateMoveCase(input, rules);
  }
}
