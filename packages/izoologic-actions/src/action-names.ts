/** The guide's four case actions: their method names, their names as the guide prints them, and their shape. */

/** A case action, by the client method that runs it. */
export type CaseActionName = 'sendCaseMessage' | 'approveCaseTakedown' | 'markAsReviewed' | 'moveCase';

/** What every surface needs to know about an action. */
export interface CaseActionInfo {
  /** As the operation guide names it: `Approve Case Takedown`. */
  label: string;
  /** For outcome lines: `approved takedown of`. */
  verb: string;
  /** True when one request may name several cases (the guide's `ids`). */
  multiCase: boolean;
}

/** Every case action, in the guide's order. */
export const CASE_ACTIONS: Readonly<Record<CaseActionName, CaseActionInfo>> = {
  sendCaseMessage: { label: 'Send Case Message', verb: 'sent a message about', multiCase: false },
  approveCaseTakedown: { label: 'Approve Case Takedown', verb: 'approved takedown of', multiCase: true },
  markAsReviewed: { label: 'Mark As Reviewed', verb: 'marked as reviewed', multiCase: true },
  moveCase: { label: 'Move Case', verb: 'moved', multiCase: false },
};

/** True for one of the four action names. */
export function isCaseActionName(value: unknown): value is CaseActionName {
  return typeof value === 'string' && Object.hasOwn(CASE_ACTIONS, value);
}
