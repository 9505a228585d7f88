import { describe, expect, it } from 'vitest';
import { renderModal } from './render-modal.js';

const plain = (text: string) => ({ type: 'plain_text', text });

const MOVE_CASE = {
  id: 'V0FAKE000001',
  hash: '1700000000.abcd',
  view: {
    type: 'modal',
    title: plain('Move case'),
    submit: plain('Move'),
    close: plain('Cancel'),
    blocks: [
      {
        type: 'section',
        block_id: 'b0',
        text: { type: 'mrkdwn', text: 'Case *CASE123456* is a _Phishing_ case.' },
      },
      {
        type: 'input',
        block_id: 'to',
        label: plain('Move to Case Type'),
        element: {
          type: 'static_select',
          action_id: 'value',
          placeholder: plain('Choose a type'),
          options: [
            { text: plain('Incident (6)'), value: '6' },
            { text: plain('Takedown <now>'), value: '"7"' },
          ],
        },
      },
      {
        type: 'input',
        block_id: 'comment',
        optional: true,
        label: plain('Comment'),
        hint: plain('Goes to iZoologic with the move.'),
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          multiline: true,
          max_length: 2500,
          initial_value: '</textarea><b>',
        },
      },
    ],
  },
};

describe('renderModal', () => {
  it('renders input blocks as labelled controls with Slack’s limits, and other blocks as in messages', () => {
    const html = renderModal(MOVE_CASE);
    expect(html).toContain(
      '<form class="modal" data-view-id="V0FAKE000001" data-hash="1700000000.abcd" novalidate>',
    );
    expect(html).toContain('<h3 class="modal-title">Move case</h3>');
    expect(html).toContain('<strong>CASE123456</strong>');
    expect(html).toContain(
      '<select id="in-to-value" data-block-id="to" data-action-id="value" required><option value="" selected disabled>Choose a type</option>',
    );
    expect(html).toContain(
      '<option value="6">Incident (6)</option><option value="&quot;7&quot;">Takedown &lt;now&gt;</option>',
    );
    expect(html).toContain(
      '<label for="in-comment-value">Comment <span class="optional">(optional)</span></label>',
    );
    expect(html).toContain(
      '<textarea rows="4" id="in-comment-value" data-block-id="comment" data-action-id="value" maxlength="2500">&lt;/textarea&gt;&lt;b&gt;</textarea>',
    );
    expect(html).toContain('<div class="hint">Goes to iZoologic with the move.</div>');
    expect(html).toContain('<button type="button" class="btn" data-modal="close">Cancel</button>');
    expect(html).toContain('<button type="submit" class="btn btn-primary" data-modal="submit">Move</button>');
  });

  it('shows the app’s inline errors under their inputs, escaped', () => {
    const html = renderModal({ ...MOVE_CASE, errors: { to: 'A <Phishing> case cannot move there.' } });
    expect(html).toContain('<div class="modal-input has-error" data-block-id="to">');
    expect(html).toContain(
      '<div class="modal-error" role="alert">A &lt;Phishing&gt; case cannot move there.</div>',
    );
    expect(html).toContain('<div class="modal-input" data-block-id="comment">');
  });
});
