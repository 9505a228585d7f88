/**
 * The clicked message after an action: an outcome line (action, actor, time, iZoologic's message) and the case
 * buttons that still apply. Approve takedown and Mark reviewed go once done; after a move the buttons carry the
 * new case type (Approve takedown stays only on an incident); after a failure the failed button's attempt number
 * goes up, so that clicking it again is a new request and not a repeat of the failed one.
 */
import {
  buildCaseActionsBlock,
  type CaseButtonAction,
  type CaseButtonValue,
  caseActionOf,
  escapeMrkdwn,
  isCaseActionsBlockId,
  parseCaseButtonValue,
  SLACK_LIMITS,
} from '@tqalert/formatter-slack';
import type { CaseActionResult } from '@tqalert/izoologic-actions';
import { describeCaseType, parseCaseType } from '@tqalert/izoologic-client';

type Block = Record<string, unknown>;

/** Actions that are done for good once they succeed: their button goes. */
const ONCE: ReadonlySet<CaseButtonAction> = new Set(['approveCaseTakedown', 'markAsReviewed']);

/** `Takedown approved`, `Moved to Incident(6)`: what happened, for the outcome line. */
function done(result: CaseActionResult): string {
  switch (result.action) {
    case 'sendCaseMessage':
      return 'Message sent';
    case 'approveCaseTakedown':
      return 'Takedown approved';
    case 'markAsReviewed':
      return 'Marked as reviewed';
    case 'moveCase': {
      const to = result.toCaseType === undefined ? undefined : parseCaseType(result.toCaseType);
      return to === undefined ? 'Moved' : `Moved to ${describeCaseType(to)}`;
    }
  }
}

/** `2026-12-01 10:00 UTC`. */
function when(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The outcome line: `:white_check_mark: *Takedown approved* by Alice (<@U1>) · 2026-12-01 10:00 UTC · iZoologic: …`. */
export function outcomeLine(result: CaseActionResult, at: Date): string {
  const who = result.actor.name
    ? `${escapeMrkdwn(result.actor.name)} (<@${result.actor.id}>)`
    : `<@${result.actor.id}>`;
  const said = escapeMrkdwn(result.message);
  const line = `:white_check_mark: *${done(result)}* by ${who} · ${when(at)} · case ${escapeMrkdwn(result.caseIds.join(', '))} · iZoologic: ${said}`;
  const room = SLACK_LIMITS.sectionText;
  // Only iZoologic's own text can be this long; the whole of it is in ThreatQ and the audit trail.
  return line.length <= room ? line : `${line.slice(0, room - 60)} … (the full message is in ThreatQ)`;
}

/** Each shown case button: its action and what its value says. */
function shownButtons(block: Block | undefined): Array<{ action: CaseButtonAction; value: CaseButtonValue }> {
  const elements = Array.isArray(block?.elements) ? (block.elements as Block[]) : [];
  return elements.flatMap((element) => {
    const action = caseActionOf(element.action_id);
    const value = parseCaseButtonValue(element.value);
    return action && value ? [{ action, value }] : [];
  });
}

/** What changes in the message. */
export interface MessageChange {
  result: CaseActionResult;
  /** The case the clicked button named. */
  target: CaseButtonValue;
  /** The clicked actions block's `block_id`. */
  blockId: string;
  at: Date;
}

/**
 * The message's new blocks, or `undefined` when they would be over Slack's block limit (the caller then says it
 * in the thread instead). A repeat of the same outcome replaces its line rather than adding a second one.
 */
export function updatedBlocks(blocks: readonly Block[], change: MessageChange): Block[] | undefined {
  const { result, target } = change;
  const byId = blocks.findIndex((b) => b.type === 'actions' && b.block_id === change.blockId);
  // A message posted before block ids were per case: the case's own buttons.
  const index =
    byId >= 0
      ? byId
      : blocks.findIndex(
          (b) => isCaseActionsBlockId(b.block_id) && shownButtons(b)[0]?.value.caseId === target.caseId,
        );
  const shown = shownButtons(blocks[index]);
  const attempts: Partial<Record<CaseButtonAction, number>> = {};
  for (const button of shown) attempts[button.action] = button.value.attempt;
  let keep = shown.map((button) => button.action);
  const next: CaseButtonValue = { ...target };
  if (result.ok) {
    if (ONCE.has(result.action)) keep = keep.filter((action) => action !== result.action);
    if (result.toCaseType !== undefined) next.caseType = result.toCaseType;
  } else {
    attempts[result.action] = (attempts[result.action] ?? target.attempt) + 1;
  }
  const actions = buildCaseActionsBlock(
    next,
    keep,
    attempts,
    String(blocks[index]?.block_id ?? change.blockId),
  );
  const out = [...blocks];
  if (index >= 0) out.splice(index, 1, ...(actions as unknown as Block[]));
  if (result.ok) {
    const id = `izoologic_outcome_${result.idempotencyKey}`.slice(0, 255);
    const line = {
      type: 'context',
      block_id: id,
      elements: [{ type: 'mrkdwn', text: outcomeLine(result, change.at) }],
    };
    const existing = out.findIndex((b) => b.block_id === id);
    if (existing >= 0) out.splice(existing, 1, line);
    else out.push(line);
  }
  return out.length <= SLACK_LIMITS.blocksPerMessage ? out : undefined;
}
