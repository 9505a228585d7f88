import { type AlertInput, createAlert } from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import { parseCaseButtonValue } from './case-actions-block.js';
import { SlackFormatter } from './slack-formatter.js';
import type { ActionsBlock, SlackPayload } from './slack-message.js';
import { validateSlackPayload } from './validate-payload.js';

const ALL = ['sendCaseMessage', 'approveCaseTakedown', 'markAsReviewed', 'moveCase'] as const;

/** A case alert as `@tqalert/service-izoologic-cases` writes it. */
function caseAlert(caseType: string, extra: Partial<AlertInput> = {}) {
  return createAlert({
    id: `cases:INC123456:${caseType}`,
    type: 'IZOOLOGIC_CASE',
    service: 'izoologic-cases',
    object: {
      collection: 'izoologic-cases',
      id: 'INC123456',
      value: 'https://phish.example',
      type: caseType,
    },
    title: 'New iZoologic Phishing case INC123456',
    occurredAt: '2026-12-01T10:00:00Z',
    fields: { 'Case ID': 'INC123456', 'Case type': caseType, 'Client code': 'ABC' },
    ...extra,
  });
}

function caseButtons(payload: SlackPayload | undefined): ActionsBlock['elements'] {
  const block = payload?.blocks.find(
    (b): b is ActionsBlock => b.type === 'actions' && b.block_id === 'izoologic_case_actions',
  );
  return block?.elements ?? [];
}

const formatterOffering = (caseActions: readonly (typeof ALL)[number][]) =>
  new SlackFormatter({ type: 'IZOOLOGIC_CASE', caseActions: [...caseActions] });

describe('case action buttons', () => {
  it('puts the four actions on an incident case, each with a confirm dialog, within Slack limits', () => {
    const [payload] = formatterOffering(ALL).format([caseAlert('Incident(6)')], 'IZOOLOGIC_CASE').parts;
    const buttons = caseButtons(payload);
    expect(buttons.map((b) => b.text.text)).toEqual([
      'Send message',
      'Approve takedown',
      'Mark reviewed',
      'Move case',
    ]);
    expect(buttons.map((b) => b.action_id)).toEqual(ALL.map((a) => `izoologic_case:${a}`));
    for (const button of buttons) {
      expect(button.confirm?.text.text).toContain('INC123456');
      expect(button.confirm?.deny.text).toBe('Cancel');
    }
    expect(parseCaseButtonValue(buttons[0]?.value)).toEqual({
      caseId: 'INC123456',
      caseType: 6,
      clientCode: 'ABC',
      object: undefined,
      attempt: 0,
    });
    expect(validateSlackPayload(payload as SlackPayload)).toEqual([]);
  });

  it('offers Approve takedown on incident cases only', () => {
    const [payload] = formatterOffering(ALL).format(
      [caseAlert('Domain Monitoring(1)')],
      'IZOOLOGIC_CASE',
    ).parts;
    expect(caseButtons(payload).map((b) => b.text.text)).toEqual([
      'Send message',
      'Mark reviewed',
      'Move case',
    ]);
  });

  it('shows no buttons when no action is offered (the default: nobody is allowed)', () => {
    const formatter = new SlackFormatter({ type: 'IZOOLOGIC_CASE' });
    const [payload] = formatter.format([caseAlert('Incident(6)')], 'IZOOLOGIC_CASE').parts;
    expect(payload?.blocks.some((b) => b.type === 'actions' && b.block_id !== undefined)).toBe(false);
  });

  it('shows only the offered actions', () => {
    const [payload] = formatterOffering(['markAsReviewed']).format([caseAlert('Incident(6)')], 'X').parts;
    expect(caseButtons(payload).map((b) => b.text.text)).toEqual(['Mark reviewed']);
  });

  it('puts buttons on a ThreatQ event that carries an iZoologic case id, naming the object', () => {
    const event = createAlert({
      id: 'watch:events:42',
      type: 'WATCHLIST',
      service: 'watch',
      object: { collection: 'events', id: 42, value: 'Phishing wave' },
      title: 'Event changed',
      occurredAt: '2026-12-01T10:00:00Z',
      fields: { 'iZoologic Case ID': 'CASE123456', 'iZoologic Case Type': '6' },
    });
    const [payload] = formatterOffering(ALL).format([event], 'WATCHLIST').parts;
    const value = parseCaseButtonValue(caseButtons(payload)[1]?.value);
    expect(value).toMatchObject({ caseId: 'CASE123456', caseType: 6, object: 'events:42' });
  });

  it('leaves other alerts alone, and gives each case of a digest its own buttons', () => {
    const plain = createAlert({
      id: 'w1',
      type: 'WATCHLIST',
      service: 'watch',
      title: 'Indicator score raised',
      occurredAt: '2026-12-01T10:00:00Z',
    });
    const second = caseAlert('Incident(6)', {
      id: 'cases:INC2',
      fields: { 'Case ID': 'INC2', 'Case type': 'Incident(6)' },
    });
    const { parts } = formatterOffering(ALL).format([plain, caseAlert('Incident(6)'), second], 'X');
    const blocks = parts.flatMap((p) => p.blocks);
    const caseBlocks = blocks.filter(
      (b): b is ActionsBlock =>
        b.type === 'actions' && String(b.block_id).startsWith('izoologic_case_actions'),
    );
    expect(caseBlocks.map((b) => parseCaseButtonValue(b.elements[0]?.value)?.caseId)).toEqual([
      'INC123456',
      'INC2',
    ]);
    // Slack refuses a message with two blocks of one id.
    expect(new Set(caseBlocks.map((b) => b.block_id)).size).toBe(2);
  });

  it('refuses an unknown action name in the options', () => {
    expect(() => new SlackFormatter({ type: 'X', caseActions: ['closeCase' as never] })).toThrow(
      /caseActions/,
    );
  });
});
