/**
 * The four case actions' inputs: their types, their checks (run before any request) and the exact request
 * each becomes, as the operation guide shows it.
 */
import {
  allowedMoveTargets,
  type CaseTypeId,
  caseTypeChoices,
  describeCaseType,
  parseCaseType,
} from './case-types.js';
import { CLIENT_CODE_REQUIRED_FOR_CLIENT_ACCOUNTS, IDS_SEPARATOR } from './inferred-routes.js';
import {
  asRecord,
  type Checked,
  defined,
  type InputIssue,
  IssueCollector,
  issuesOf,
} from './input-issues.js';
import { LIMITS } from './limits.js';

/**
 * The kind of iZoologic account the keys belong to. The guide: the client code is "required for client users
 * but optional for partner users".
 */
export type AccountKind = 'client' | 'partner';

/** The account rules an action's input is checked against. */
export interface AccountRules {
  /** Default `partner`: the client code stays optional and iZoologic decides. */
  accountKind?: AccountKind | undefined;
}

type CaseAction = (typeof CLIENT_CODE_REQUIRED_FOR_CLIENT_ACCOUNTS)[number];

/** A client account must name its client code for every case action; refused before any request. */
function requireClientCode(
  issues: IssueCollector,
  clientCode: string | undefined,
  action: CaseAction,
  rules: AccountRules,
): void {
  if (rules.accountKind !== 'client' || clientCode !== undefined) return;
  if (!CLIENT_CODE_REQUIRED_FOR_CLIENT_ACCOUNTS.includes(action)) return;
  issues.add(
    'clientCode',
    `clientCode is required for ${action} with a client account (accountKind "client"; the guide requires it for client users): give the client code, e.g. ABC, or set accountKind to "partner" if these are partner keys.`,
  );
}

/** Input of `sendCaseMessage()`. */
export interface SendCaseMessageInput {
  /** The case id, e.g. `CASE123456`. */
  caseId: string;
  /** Up to 120 characters. */
  subject?: string;
  /** Required, up to 2,500 characters. Emailed to the iZOOlabs team and logged in the case history. */
  message: string;
  /** The client identifier, for validation and access control. */
  clientCode?: string;
}

/** Input of `approveCaseTakedown()` and `markAsReviewed()`. */
export interface CaseIdsInput {
  /** One case id, several comma-separated, or a list; sent as one comma-separated string. */
  ids: string | readonly string[];
  /** Required for client users, optional for partner users (guide). */
  clientCode?: string;
  /** An optional remark logged with the action. */
  remark?: string;
}

/** Input of `moveCase()`. */
export interface MoveCaseInput {
  caseId: string;
  /** Target case type: an id (`6`) or a name (`'incident'`, `'whitelist'`, `'authorised-list'`, `'domain'`, …). */
  toCaseType: number | string;
  /** The case's current type, when known (e.g. from ThreatQ): a move the guide's table forbids is refused locally. */
  fromCaseType?: number | string;
  clientCode?: string;
  /** An optional comment logged with the move. */
  comment?: string;
}

/** Send Case Message's query string parameters, in the guide's order. */
export interface SendCaseMessageQuery {
  CaseID: string;
  Subject?: string;
  Message: string;
  ClientCode?: string;
}

/** The JSON body of Approve Case Takedown and Mark As Reviewed. */
export interface CaseIdsBody {
  ids: string;
  clientCode?: string;
  remark?: string;
}

/** The JSON body of Move Case. */
export interface MoveCaseBody {
  clientCode?: string;
  caseID: string;
  moveToCaseType: CaseTypeId;
  comment?: string;
}

/** Checks Send Case Message input and builds its query. */
export function checkSendCaseMessage(
  input: SendCaseMessageInput,
  rules: AccountRules = {},
): Checked<SendCaseMessageQuery> {
  const fields = asRecord(input);
  const issues = new IssueCollector();
  const caseId = issues.requiredText(fields.caseId, 'caseId', 'the id of the case to message');
  const subject = issues.optionalText(fields.subject, 'subject', LIMITS.subject);
  const message = issues.requiredText(
    fields.message,
    'message',
    'the text to send to the iZOOlabs team',
    LIMITS.message,
  );
  const clientCode = issues.optionalText(fields.clientCode, 'clientCode');
  requireClientCode(issues, clientCode, 'sendCaseMessage', rules);
  return issues.finish(() =>
    defined({
      CaseID: (caseId ?? '').trim(),
      Subject: subject,
      Message: message ?? '',
      ClientCode: clientCode,
    }),
  );
}

/** Reads `ids` (a string, comma-separated ids, or a list) into distinct, trimmed ids. */
function readIds(value: unknown, issues: IssueCollector): string[] {
  if (typeof value === 'string') {
    return [...new Set(value.split(',').map((id) => id.trim()))].filter((id) => id !== '');
  }
  if (!Array.isArray(value)) {
    if (value !== undefined)
      issues.add('ids', 'ids must be a case id, comma-separated case ids, or a list of case ids.');
    return [];
  }
  const ids: string[] = [];
  value.forEach((item: unknown, index) => {
    const field = `ids[${index}]`;
    if (typeof item !== 'string' || item.trim() === '')
      issues.add(field, `${field} must be a case id (non-empty text).`);
    else if (item.includes(','))
      issues.add(field, `${field} ("${item}") contains a comma; give each id as its own item.`);
    else ids.push(item.trim());
  });
  return [...new Set(ids)];
}

/** Checks Approve Case Takedown / Mark As Reviewed input and builds the body. */
export function checkCaseIds(
  input: CaseIdsInput,
  action: 'approveCaseTakedown' | 'markAsReviewed' = 'markAsReviewed',
  rules: AccountRules = {},
): Checked<CaseIdsBody> {
  const fields = asRecord(input);
  const issues = new IssueCollector();
  const ids = readIds(fields.ids, issues);
  if (ids.length === 0 && issues.issues.length === 0)
    issues.add('ids', 'ids is required: at least one case id.');
  const clientCode = issues.optionalText(fields.clientCode, 'clientCode');
  requireClientCode(issues, clientCode, action, rules);
  const remark = issues.optionalText(fields.remark, 'remark');
  return issues.finish(() => defined({ ids: ids.join(IDS_SEPARATOR), clientCode, remark }));
}

/** Reads a case type given as an id or a name; `undefined` (with an issue) when it names none. */
function readCaseType(value: unknown, field: string, issues: IssueCollector): CaseTypeId | undefined {
  if (typeof value !== 'number' && typeof value !== 'string') {
    issues.add(field, `${field} must be a case type id or name: ${caseTypeChoices()}.`);
    return undefined;
  }
  const parsed = parseCaseType(value);
  if (parsed === undefined) {
    issues.add(
      field,
      `${field} ${JSON.stringify(value)} is not a case type. Use an id or a name: ${caseTypeChoices()}.`,
    );
  }
  return parsed;
}

function checkMoveTarget(from: CaseTypeId | undefined, to: CaseTypeId, issues: IssueCollector): void {
  if (to === 9) {
    issues.add(
      'toCaseType',
      'Reported Incident(9) is never a move target: new reports start there and cases are not moved into it.',
    );
    return;
  }
  if (from === undefined) return;
  const allowed = allowedMoveTargets(from);
  if (allowed !== undefined && !allowed.includes(to)) {
    issues.add(
      'toCaseType',
      `A ${describeCaseType(from)} case cannot be moved to ${describeCaseType(to)}. ` +
        `From ${describeCaseType(from)} the operation guide allows: ${allowed.map(describeCaseType).join(', ')}.`,
    );
  }
}

/** Checks Move Case input (the guide's table when `fromCaseType` is known) and builds the body. */
export function checkMoveCase(input: MoveCaseInput, rules: AccountRules = {}): Checked<MoveCaseBody> {
  const fields = asRecord(input);
  const issues = new IssueCollector();
  const caseId = issues.requiredText(fields.caseId, 'caseId', 'the id of the case to move');
  let to: CaseTypeId | undefined;
  if (fields.toCaseType === undefined) {
    issues.add('toCaseType', `toCaseType is required: the case type to move to (${caseTypeChoices()}).`);
  } else {
    to = readCaseType(fields.toCaseType, 'toCaseType', issues);
  }
  const from =
    fields.fromCaseType === undefined ? undefined : readCaseType(fields.fromCaseType, 'fromCaseType', issues);
  if (to !== undefined) checkMoveTarget(from, to, issues);
  const clientCode = issues.optionalText(fields.clientCode, 'clientCode');
  requireClientCode(issues, clientCode, 'moveCase', rules);
  const comment = issues.optionalText(fields.comment, 'comment');
  return issues.finish(() =>
    defined({ clientCode, caseID: (caseId ?? '').trim(), moveToCaseType: to as CaseTypeId, comment }),
  );
}

/** Every problem with a `sendCaseMessage()` input (empty when it may be sent). Sends nothing. */
export function validateSendCaseMessage(input: SendCaseMessageInput, rules?: AccountRules): InputIssue[] {
  return issuesOf(checkSendCaseMessage(input, rules));
}

/** Every problem with an `approveCaseTakedown()` input. Sends nothing. */
export function validateApproveCaseTakedown(input: CaseIdsInput, rules?: AccountRules): InputIssue[] {
  return issuesOf(checkCaseIds(input, 'approveCaseTakedown', rules));
}

/** Every problem with a `markAsReviewed()` input. Sends nothing. */
export function validateMarkAsReviewed(input: CaseIdsInput, rules?: AccountRules): InputIssue[] {
  return issuesOf(checkCaseIds(input, 'markAsReviewed', rules));
}

/** Every problem with a `moveCase()` input, the guide's move table included when `fromCaseType` is given. */
export function validateMoveCase(input: MoveCaseInput, rules?: AccountRules): InputIssue[] {
  return issuesOf(checkMoveCase(input, rules));
}
