/**
 * What an action leaves on its ThreatQ object: a comment with the outcome (failures too), naming every case,
 * the actor and iZoologic's message; and after a move, the new case type as an attribute.
 */
import type { ActionActor } from '@tqalert/core';
import { describeCaseType } from '@tqalert/izoologic-client';
import { CASE_ACTIONS, type CaseActionName } from './action-names.js';
import { readCaseType } from './move-lookup.js';
import type { CaseActionOptions } from './run-options.js';

/** `alice <alice@example.com> via slack`. */
export function describeActor(actor: ActionActor): string {
  const who = actor.name && actor.name !== actor.id ? `${actor.name} (${actor.id})` : actor.id;
  return `${who}${actor.email ? ` <${actor.email}>` : ''} via ${actor.via}`;
}

/** `Incident(6)` for a target given as an id or a name. */
export function describeTarget(toCaseType: number | string | undefined): string {
  const to = readCaseType(toCaseType);
  return to === undefined ? String(toCaseType) : describeCaseType(to);
}

/** The outcome as one comment. */
export function outcomeComment(input: {
  action: CaseActionName;
  caseIds: readonly string[];
  options: CaseActionOptions;
  actor: ActionActor;
  ok: boolean;
  message: string;
}): string {
  const { action, options } = input;
  const ids = input.caseIds.join(', ');
  const by = ` (requested by ${describeActor(input.actor)})`;
  if (!input.ok)
    return `iZoologic: ${CASE_ACTIONS[action].label} for case ${ids} FAILED: ${input.message}${by}`;
  const said = input.message.replace(/\.+$/, '');
  switch (action) {
    case 'sendCaseMessage':
      return `iZoologic: message sent for case ${ids}: ${said}. Subject: ${options.subject ?? '(none)'}. Message: ${options.message ?? ''}${by}`;
    case 'moveCase':
      return `iZoologic: case ${ids} moved to ${describeTarget(options.toCaseType)}: ${said}.${options.comment ? ` Comment: ${options.comment}` : ''}${by}`;
    default:
      return `iZoologic: ${CASE_ACTIONS[action].verb} case ${ids}: ${said}.${options.remark ? ` Remark: ${options.remark}` : ''}${by}`;
  }
}
