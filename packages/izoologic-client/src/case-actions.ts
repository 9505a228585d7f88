/** The four case actions, sent exactly as the operation guide shows them, and their answers read. */
import { z } from 'zod';
import type { CallSpec } from './call-spec.js';
import type { CaseIdsBody, MoveCaseBody, SendCaseMessageQuery } from './case-action-inputs.js';
import { type CaseTypeId, describeCaseType } from './case-types.js';
import { IZoologicError } from './errors.js';
import type { Api } from './incidents.js';
import { IDS_SEPARATOR, MOVE_CASE_PATH } from './inferred-routes.js';
import { parseResult } from './result-shape.js';

const BASE = '/api/ThreatManagement';

/** What a case action answered. */
export interface CaseActionResult {
  /** The case ids the action was sent for. */
  caseIds: string[];
  /** iZoologic's confirmation (`Message sent successfully`, `Incidents approved for takedown`, …). */
  message: string;
}

/** What Move Case answered. */
export interface MoveCaseResult extends CaseActionResult {
  /** The case type the case now has. */
  toCaseType: CaseTypeId;
}

/** `%20` for spaces, as the guide's URL shows; parameters in the guide's order. */
function encodeQuery(query: SendCaseMessageQuery): string {
  return Object.entries(query)
    .map(([name, value]) => `${name}=${encodeURIComponent(String(value))}`)
    .join('&');
}

/** Send Case Message: parameters in the query string, no body. */
export async function sendMessage(api: Api, query: SendCaseMessageQuery): Promise<CaseActionResult> {
  const spec: CallSpec = {
    action: 'sendCaseMessage',
    path: `${BASE}/SendCaseMessage`,
    kind: 'action',
    query: encodeQuery(query),
  };
  const envelope = await api.call(spec);
  const said = typeof envelope.result === 'string' ? envelope.result : envelope.message;
  return { caseIds: [query.CaseID], message: said || 'Message sent' };
}

/** Approve Case Takedown or Mark As Reviewed: JSON `{ids, clientCode, remark}`. */
export async function actOnCases(
  api: Api,
  action: 'approveCaseTakedown' | 'markAsReviewed',
  body: CaseIdsBody,
): Promise<CaseActionResult> {
  const route = action === 'approveCaseTakedown' ? 'ApproveCaseTakedown' : 'MarkAsReviewed';
  const envelope = await api.call({ action, path: `${BASE}/${route}`, kind: 'action', json: body });
  return { caseIds: body.ids.split(IDS_SEPARATOR), message: envelope.message || 'Done' };
}

const MoveResultSchema = z.object({ Success: z.boolean(), Message: z.string().nullish() });

/** Move Case: JSON body; success only when the PascalCase inner `Success` is true too. */
export async function moveOneCase(api: Api, body: MoveCaseBody): Promise<MoveCaseResult> {
  const spec: CallSpec = { action: 'moveCase', path: MOVE_CASE_PATH, kind: 'action', json: body };
  const envelope = await api.call(spec);
  const inner = parseResult(MoveResultSchema, envelope.result, spec);
  if (!inner.Success) {
    const said = inner.Message?.trim() || 'no reason given';
    throw new IZoologicError({
      code: 'IZOOLOGIC_MOVE_REFUSED',
      status: 200,
      request: `POST ${spec.path}`,
      detail: inner.Message ? api.redactor.text(inner.Message) : undefined,
      message: api.redactor.text(
        `iZoologic refused to move case ${body.caseID} to ${describeCaseType(body.moveToCaseType)}: ${said}. The case was not moved.`,
      ),
    });
  }
  return { caseIds: [body.caseID], message: inner.Message || 'Case moved', toCaseType: body.moveToCaseType };
}
