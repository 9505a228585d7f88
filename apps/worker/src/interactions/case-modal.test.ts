import { describe, expect, it } from 'vitest';
import { caseModal, modalErrors, moveTargets, readModalContext } from './case-modal.js';

const context = {
  action: 'markAsReviewed' as const,
  channel: 'C0TQALERTS1',
  messageTs: '1.000001',
  blockId: 'izoologic_case_actions_2',
  team: 'T0TQALERT01',
  value: '{"c":"INC123456","t":6,"n":0}',
};

describe('case action dialogs', () => {
  it('require the client code for a client account (the guide), and leave it optional for a partner', () => {
    const input = (required: boolean) =>
      caseModal(context, { caseId: 'INC123456', caseType: 6, attempt: 0 }, required).blocks.find(
        (b) => 'block_id' in b && b.block_id === 'clientCode',
      ) as { optional: boolean };
    expect(input(true).optional).toBe(false);
    expect(input(false).optional).toBe(true);
  });

  it('offer the moves the guide allows: from an incident to monitoring types, AuthorisedList and Whitelist', () => {
    expect(moveTargets(6)).toEqual([1, 2, 3, 4, 5, 8, 10]);
    expect(moveTargets(1)).toEqual([8, 10, 6]);
    // Unknown type: every target; iZoologic's listing is then checked before the move is sent.
    expect(moveTargets(undefined)).toEqual([1, 2, 3, 4, 5, 6, 8, 10]);
  });

  it('carry the clicked message and block through private_metadata', () => {
    const view = caseModal(context, { caseId: 'INC123456', caseType: 6, attempt: 0 }, false);
    expect(view.private_metadata.length).toBeLessThanOrEqual(3000);
    expect(readModalContext(view.private_metadata)).toEqual(context);
    expect(readModalContext('{"a":"deleteCase","ch":"C1","ts":"1","v":"{}"}')).toBeUndefined();
  });

  it('put an issue about something without an input (the case) on the first input, so it is seen', () => {
    const answer = modalErrors('moveCase', [
      { field: 'caseId', message: 'caseId is required.' },
      { field: 'comment', message: 'comment is too long.' },
    ]);
    expect(answer).toEqual({
      response_action: 'errors',
      errors: { toCaseType: 'caseId is required.', comment: 'comment is too long.' },
    });
  });
});
