/**
 * The dialog (`views.open`) of each case action: the guide's run options, with its limits enforced by Slack
 * itself (`max_length` 120 for Subject, 2,500 for Message), Move to Case Type as a select offering only the moves
 * the guide allows from the current type, and the client code filled in from the alert. What comes back in
 * `view_submission` is read here, and problems go back as Slack's inline `response_action: errors`.
 */
import { CASE_ACTIONS_BLOCK_ID, type CaseButtonAction, type CaseButtonValue } from '@tqalert/formatter-slack';
import { CASE_ACTIONS, type CaseActionOptions } from '@tqalert/izoologic-actions';
import {
  allowedMoveTargets,
  type CaseTypeId,
  describeCaseType,
  type InputIssue,
  LIMITS,
  parseCaseType,
} from '@tqalert/izoologic-client';
import type { InputState } from './interaction-payload.js';

/** `callback_id` of every case action dialog. */
export const CASE_MODAL_CALLBACK = 'izoologic_case_action';

/** The inputs a dialog may have; each is an input block of this `block_id` holding one element `value`. */
type Field = 'subject' | 'message' | 'clientCode' | 'remark' | 'toCaseType' | 'comment';

const FIELDS: Record<CaseButtonAction, readonly Field[]> = {
  sendCaseMessage: ['subject', 'message', 'clientCode'],
  approveCaseTakedown: ['clientCode', 'remark'],
  markAsReviewed: ['clientCode', 'remark'],
  moveCase: ['toCaseType', 'clientCode', 'comment'],
};

/** Every type a case may be moved to when its current type is unknown (9, Reported Incident, never is). */
const ANY_TARGET: readonly CaseTypeId[] = [1, 2, 3, 4, 5, 6, 8, 10];

/** What a dialog remembers between `views.open` and `view_submission` (its `private_metadata`). */
export interface ModalContext {
  action: CaseButtonAction;
  /** The channel and ts of the message whose button was clicked. */
  channel: string;
  messageTs: string;
  /** The `block_id` of the clicked actions block (a digest has one per case). */
  blockId: string;
  team: string | undefined;
  /** The clicked button's `value`, as the formatter wrote it. */
  value: string;
}

const plain = (text: string) => ({ type: 'plain_text' as const, text });

/** Where a case may go from `current`, by the guide's table; every target when the current type is unknown. */
export function moveTargets(current: number | undefined): readonly CaseTypeId[] {
  const from = current === undefined ? undefined : parseCaseType(current);
  const allowed = from === undefined ? undefined : allowedMoveTargets(from);
  return (allowed ?? ANY_TARGET).filter((to) => to !== from);
}

function textInput(
  field: Field,
  label: string,
  options: {
    optional: boolean;
    multiline?: boolean;
    maxLength?: number;
    initial?: string | undefined;
    hint?: string;
  },
) {
  return {
    type: 'input',
    block_id: field,
    optional: options.optional,
    label: plain(label),
    ...(options.hint ? { hint: plain(options.hint) } : {}),
    element: {
      type: 'plain_text_input',
      action_id: 'value',
      ...(options.multiline ? { multiline: true } : {}),
      ...(options.maxLength ? { max_length: options.maxLength } : {}),
      ...(options.initial ? { initial_value: options.initial } : {}),
    },
  };
}

function fieldBlock(field: Field, target: CaseButtonValue, clientCodeRequired: boolean) {
  switch (field) {
    case 'subject':
      return textInput(field, 'Subject', { optional: true, maxLength: LIMITS.subject });
    case 'message':
      return textInput(field, 'Message', { optional: false, multiline: true, maxLength: LIMITS.message });
    case 'clientCode':
      return textInput(field, 'Client Code', {
        optional: !clientCodeRequired,
        initial: target.clientCode,
        hint: 'The client identifier for validation and access control.',
      });
    case 'remark':
      return textInput(field, 'Remark', { optional: true, multiline: true });
    case 'comment':
      return textInput(field, 'Comment', { optional: true, multiline: true });
    case 'toCaseType':
      return {
        type: 'input',
        block_id: field,
        label: plain('Move to Case Type'),
        element: {
          type: 'static_select',
          action_id: 'value',
          placeholder: plain('Choose a case type'),
          options: moveTargets(target.caseType).map((id) => ({
            text: plain(describeCaseType(id)),
            value: String(id),
          })),
        },
      };
  }
}

/** The `views.open` view of `context.action` on `target`. */
export function caseModal(context: ModalContext, target: CaseButtonValue, clientCodeRequired: boolean) {
  const type = target.caseType === undefined ? undefined : parseCaseType(target.caseType);
  const about = `Case *${target.caseId.replace(/[&<>*_~`]/g, ' ')}*${type ? ` · ${describeCaseType(type)}` : ''}`;
  return {
    type: 'modal' as const,
    callback_id: CASE_MODAL_CALLBACK,
    // Slack titles are at most 24 characters: the guide's names fit.
    title: plain(CASE_ACTIONS[context.action].label),
    submit: plain('Run'),
    close: plain('Cancel'),
    private_metadata: JSON.stringify({
      a: context.action,
      ch: context.channel,
      ts: context.messageTs,
      b: context.blockId,
      tm: context.team,
      v: context.value,
    }),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: about } },
      ...FIELDS[context.action].map((field) => fieldBlock(field, target, clientCodeRequired)),
    ],
  };
}

/** Reads a dialog's `private_metadata`; `undefined` when it is not one of ours. */
export function readModalContext(raw: unknown): ModalContext | undefined {
  try {
    const data = JSON.parse(String(raw)) as Record<string, unknown>;
    if (typeof data.a !== 'string' || !(data.a in FIELDS)) return undefined;
    if (typeof data.ch !== 'string' || typeof data.ts !== 'string' || typeof data.v !== 'string')
      return undefined;
    return {
      action: data.a as CaseButtonAction,
      channel: data.ch,
      messageTs: data.ts,
      blockId: typeof data.b === 'string' ? data.b : CASE_ACTIONS_BLOCK_ID,
      team: typeof data.tm === 'string' ? data.tm : undefined,
      value: data.v,
    };
  } catch {
    return undefined;
  }
}

/** The run options typed into the dialog (empty inputs left out). */
export function readModalOptions(
  action: CaseButtonAction,
  values: Record<string, Record<string, InputState>> | undefined,
): CaseActionOptions {
  const options: Record<string, string> = {};
  for (const field of FIELDS[action]) {
    const state = values?.[field]?.value;
    const raw = state?.selected_option?.value ?? state?.value ?? undefined;
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (text !== '') options[field] = text;
  }
  return options as CaseActionOptions;
}

/**
 * `response_action: errors` for `issues`: each on its input (`block_id`), and an issue about something the dialog
 * has no input for (the case itself) on its first input, so the user always sees why.
 */
export function modalErrors(action: CaseButtonAction, issues: readonly InputIssue[]) {
  const fields = FIELDS[action];
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const field = (fields as readonly string[]).includes(issue.field) ? issue.field : (fields[0] as string);
    errors[field] = errors[field] ? `${errors[field]} ${issue.message}` : issue.message;
  }
  return { response_action: 'errors' as const, errors };
}
