/**
 * iZoologic case actions as Slack buttons (issue "Act from the alert"). An alert about an iZoologic case gets an
 * actions block with the guide's actions the worker allows, each behind Slack's `confirm` dialog. A button's
 * `value` carries the case (id, type, client code, ThreatQ object) and an attempt number, so the worker's
 * interaction handler acts on what the message showed, and a double click or a re-delivered click of the same
 * button is recognisably the same request.
 */
import type { Alert } from '@tqalert/core';
import { neutralisePlainText } from './mrkdwn-escape.js';
import type { ActionsBlock, ButtonElement } from './slack-message.js';

/** The four case actions, by the `@tqalert/izoologic-actions` name, in the guide's order. */
export const CASE_ACTION_NAMES = [
  'sendCaseMessage',
  'approveCaseTakedown',
  'markAsReviewed',
  'moveCase',
] as const;

/** One of {@link CASE_ACTION_NAMES}. */
export type CaseButtonAction = (typeof CASE_ACTION_NAMES)[number];

/** `action_id` of a case button: this prefix and the action's name (`izoologic_case:moveCase`). */
export const CASE_ACTION_PREFIX = 'izoologic_case:';

/**
 * `block_id` of the actions block, so the worker finds it again when it updates the message. The first case of a
 * message has this id; the others in a digest add `_<n>` (Slack refuses two blocks with one id).
 */
export const CASE_ACTIONS_BLOCK_ID = 'izoologic_case_actions';

/** True for the `block_id` of a case actions block. */
export function isCaseActionsBlockId(blockId: unknown): boolean {
  return (
    typeof blockId === 'string' &&
    (blockId === CASE_ACTIONS_BLOCK_ID || blockId.startsWith(`${CASE_ACTIONS_BLOCK_ID}_`))
  );
}

/** The case a button acts on, as its `value` carries it. */
export interface CaseButtonValue {
  caseId: string;
  /** The case type id when the alert names it (6 is Incident). */
  caseType?: number | undefined;
  clientCode?: string | undefined;
  /** The ThreatQ object standing for the case: `events:42`. */
  object?: string | undefined;
  /** Starts at 0; the worker raises it after a failure so that a deliberate retry is a new request. */
  attempt: number;
}

const INCIDENT = 6;
/** Slack's limit on a button's `value`. */
const VALUE_LIMIT = 2000;
/** The ThreatQ collections the iZoologic operation runs on, as alerts name them. */
const OBJECT_COLLECTIONS = new Set(['events', 'event', 'incidents', 'incident', 'identity', 'identities']);

const BUTTONS: Record<CaseButtonAction, { label: string; title: string; ask: string; go: string }> = {
  sendCaseMessage: {
    label: 'Send message',
    title: 'Send a case message?',
    ask: 'Write a message to iZoologic about case',
    go: 'Write message',
  },
  approveCaseTakedown: {
    label: 'Approve takedown',
    title: 'Approve the takedown?',
    ask: 'Approve the takedown of case',
    go: 'Continue',
  },
  markAsReviewed: {
    label: 'Mark reviewed',
    title: 'Mark as reviewed?',
    ask: 'Mark as reviewed in iZoologic: case',
    go: 'Continue',
  },
  moveCase: {
    label: 'Move case',
    title: 'Move the case?',
    ask: 'Move to another case type: case',
    go: 'Choose type',
  },
};

/** The newest text of `value` when it is a non-empty string or number. */
function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** `6`, `Incident(6)` → 6; a name alone is left to the worker (it knows the case type table). */
function typeId(value: unknown): number | undefined {
  const match = /^(?:\d+|.*\((\d+)\))$/.exec(text(value) ?? '');
  if (!match) return undefined;
  return Number(match[1] ?? match[0]);
}

/**
 * The case an alert is about, or `undefined`: an alert of the cases service (`IZOOLOGIC_CASE`, its `Case ID`,
 * `Case type`, `Client code` and `ThreatQ object` fields), or an alert about a ThreatQ event, incident or
 * identity whose fields carry an `iZoologic Case ID` (and maybe an `iZoologic Case Type`).
 */
export function caseOfAlert(alert: Pick<Alert, 'type' | 'fields' | 'object'>): CaseButtonValue | undefined {
  const f = alert.fields;
  if (alert.type === 'IZOOLOGIC_CASE') {
    const caseId = text(f['Case ID']);
    if (caseId === undefined) return undefined;
    return {
      caseId,
      caseType: typeId(f['Case type']),
      clientCode: text(f['Client code']),
      object: text(f['ThreatQ object']),
      attempt: 0,
    };
  }
  const object = alert.object;
  const caseId = text(f['iZoologic Case ID']);
  if (object === undefined || caseId === undefined || !OBJECT_COLLECTIONS.has(object.collection)) {
    return undefined;
  }
  return {
    caseId,
    caseType: typeId(f['iZoologic Case Type']),
    clientCode: text(f['Client code']),
    object: `${object.collection}:${object.id}`,
    attempt: 0,
  };
}

/** The button value as compact JSON (Slack sends it back verbatim). */
export function encodeCaseButtonValue(value: CaseButtonValue): string {
  return JSON.stringify({
    c: value.caseId,
    ...(value.caseType === undefined ? {} : { t: value.caseType }),
    ...(value.clientCode === undefined ? {} : { k: value.clientCode }),
    ...(value.object === undefined ? {} : { o: value.object }),
    n: value.attempt,
  });
}

/** Reads a value written by {@link encodeCaseButtonValue}; `undefined` for anything else. */
export function parseCaseButtonValue(raw: unknown): CaseButtonValue | undefined {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(String(raw)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null || typeof data.c !== 'string' || data.c === '') {
    return undefined;
  }
  return {
    caseId: data.c,
    caseType: typeof data.t === 'number' ? data.t : undefined,
    clientCode: typeof data.k === 'string' ? data.k : undefined,
    object: typeof data.o === 'string' ? data.o : undefined,
    attempt: Number.isInteger(data.n) ? (data.n as number) : 0,
  };
}

/** The action of a case button's `action_id`, or `undefined` for any other button. */
export function caseActionOf(actionId: unknown): CaseButtonAction | undefined {
  if (typeof actionId !== 'string' || !actionId.startsWith(CASE_ACTION_PREFIX)) return undefined;
  const name = actionId.slice(CASE_ACTION_PREFIX.length);
  return (CASE_ACTION_NAMES as readonly string[]).includes(name) ? (name as CaseButtonAction) : undefined;
}

const plain = (value: string) => ({ type: 'plain_text' as const, text: value });

/** One case button with its confirm dialog. */
function caseButton(action: CaseButtonAction, target: CaseButtonValue): ButtonElement {
  const words = BUTTONS[action];
  const caseId = neutralisePlainText(target.caseId);
  return {
    type: 'button',
    text: plain(words.label),
    action_id: `${CASE_ACTION_PREFIX}${action}`,
    value: encodeCaseButtonValue(target),
    ...(action === 'approveCaseTakedown' ? { style: 'danger' as const } : {}),
    confirm: {
      title: plain(words.title),
      text: plain(`${words.ask} ${caseId}? You can add the details next.`.slice(0, 300)),
      confirm: plain(words.go),
      deny: plain('Cancel'),
      ...(action === 'approveCaseTakedown' ? { style: 'danger' as const } : {}),
    },
  };
}

/**
 * The actions block for a case: one button per offered action that applies (Approve takedown only on incident
 * cases), each with its own `attempt`. `[]` when none applies or the case cannot fit in a button.
 */
export function buildCaseActionsBlock(
  target: CaseButtonValue,
  offered: readonly CaseButtonAction[],
  attempts: Partial<Record<CaseButtonAction, number>> = {},
  blockId: string = CASE_ACTIONS_BLOCK_ID,
): ActionsBlock[] {
  const applies = (action: CaseButtonAction) =>
    offered.includes(action) && (action !== 'approveCaseTakedown' || target.caseType === INCIDENT);
  const elements = CASE_ACTION_NAMES.filter(applies).map((action) =>
    caseButton(action, { ...target, attempt: attempts[action] ?? target.attempt }),
  );
  if (elements.length === 0 || elements.some((e) => (e.value?.length ?? 0) > VALUE_LIMIT)) return [];
  return [{ type: 'actions', block_id: blockId, elements }];
}

/**
 * The case actions block of `alert` when it is about an iZoologic case and some action is offered; `index` is the
 * alert's place in the message, which keeps block ids unique in a digest.
 */
export function caseActionBlocks(
  alert: Pick<Alert, 'type' | 'fields' | 'object'>,
  offered: readonly CaseButtonAction[],
  index = 0,
): ActionsBlock[] {
  if (offered.length === 0) return [];
  const target = caseOfAlert(alert);
  const blockId = index === 0 ? CASE_ACTIONS_BLOCK_ID : `${CASE_ACTIONS_BLOCK_ID}_${index}`;
  return target === undefined ? [] : buildCaseActionsBlock(target, offered, {}, blockId);
}
