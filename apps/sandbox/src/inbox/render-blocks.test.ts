import { describe, expect, it } from 'vitest';
import { renderBlock, renderBlocks } from './render-blocks.js';

const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const plain = (text: string) => ({ type: 'plain_text', text });

describe('renderBlocks', () => {
  it('renders a typical alert: header, section with fields, context, divider and a link button', () => {
    const html = renderBlocks([
      { type: 'header', text: plain('Watchlist: score raised on 198.51.100.7') },
      {
        type: 'section',
        text: mrkdwn('*Indicator* <https://tq.example/indicators/7|198.51.100[.]7>'),
        fields: [mrkdwn('*Score*\n9'), mrkdwn('*Status*\nActive')],
      },
      { type: 'context', elements: [mrkdwn('Source: _Example Feed_')] },
      { type: 'divider' },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            text: plain('Open in ThreatQ'),
            url: 'https://tq.example/indicators/7',
            style: 'primary',
          },
        ],
      },
    ]);
    expect(html).toContain('<h3 class="blk blk-header">Watchlist: score raised on 198.51.100.7</h3>');
    expect(html).toContain('<div class="blk-field"><strong>Score</strong><br>9</div>');
    expect(html).toContain(
      '<div class="blk blk-context"><span class="ctx-text">Source: <em>Example Feed</em></span></div>',
    );
    expect(html).toContain('<hr class="blk blk-divider">');
    expect(html).toContain(
      '<a class="btn btn-primary" href="https://tq.example/indicators/7" target="_blank" rel="noopener noreferrer nofollow">Open in ThreatQ</a>',
    );
  });

  it('escapes plain_text (no mrkdwn) and markup in every kind of text', () => {
    const html = renderBlocks([
      { type: 'header', text: plain('<img src=x onerror=alert(1)> *not bold*') },
      { type: 'section', fields: [plain('<script>x</script>')] },
      { type: 'context', elements: [plain('<iframe>')] },
    ]);
    expect(html).not.toMatch(/<img|<script|<iframe/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; *not bold*');
  });

  it('shows an app button as a working control carrying its ids, never a link', () => {
    const html = renderBlock({
      type: 'actions',
      block_id: 'case "INC1"',
      elements: [
        {
          type: 'button',
          text: plain('Approve takedown'),
          action_id: 'approve',
          value: 'INC1',
          style: 'danger',
        },
        { type: 'button', text: plain('Bad'), url: 'javascript:alert(1)' },
      ],
    });
    expect(html).not.toContain('<a');
    expect(html).not.toContain('javascript:');
    // The ids a block_actions payload carries stay on the element, escaped.
    expect(html).toContain('<div class="blk blk-actions" data-block-id="case &quot;INC1&quot;">');
    expect(html).toContain(
      '<button type="button" class="btn btn-action btn-danger" title="action: approve" data-action-id="approve" data-value="INC1">Approve takedown</button>',
    );
    // A button with neither a URL nor an action id has nothing to do: a label.
    expect(html).toContain('<span class="btn btn-inert">Bad</span>');
  });

  it("puts a button's confirm dialog beside it, closed, with the app's texts escaped", () => {
    const html = renderBlock({
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: plain('Approve takedown'),
          action_id: 'approve',
          confirm: {
            title: plain('Approve <takedown>?'),
            text: mrkdwn('Case *INC1* goes to the takedown team.'),
            confirm: plain('Approve'),
            deny: plain('Keep'),
            style: 'danger',
          },
        },
      ],
    });
    expect(html).toContain(
      '<dialog class="slack-confirm"><h4 class="confirm-title">Approve &lt;takedown&gt;?</h4>',
    );
    expect(html).toContain('<strong>INC1</strong>');
    expect(html).toContain('<button type="button" class="btn" data-answer="deny">Keep</button>');
    expect(html).toContain(
      '<button type="button" class="btn btn-danger" data-answer="confirm">Approve</button>',
    );
    expect(html).not.toContain('<dialog class="slack-confirm" open');
  });

  it('renders a section accessory button and an image as a labelled placeholder, loading nothing', () => {
    const html = renderBlocks([
      {
        type: 'section',
        text: mrkdwn('with accessory'),
        accessory: { type: 'button', text: plain('View'), url: 'https://tq.example/x' },
      },
      { type: 'image', image_url: 'https://img.example/a.png', alt_text: 'graph "x"', title: plain('Graph') },
    ]);
    expect(html).toContain('<div class="blk-accessory"><a class="btn"');
    expect(html).not.toContain('<img');
    expect(html).toContain('graph &quot;x&quot;');
  });

  it('renders rich text with styles, links and lists, escaped', () => {
    const html = renderBlock({
      type: 'rich_text',
      elements: [
        {
          type: 'rich_text_section',
          elements: [
            { type: 'text', text: 'bold <b>', style: { bold: true } },
            { type: 'link', url: 'https://tq.example', text: 'ThreatQ' },
            { type: 'link', url: 'javascript:alert(1)', text: 'nope' },
          ],
        },
        {
          type: 'rich_text_list',
          style: 'ordered',
          elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'one' }] }],
        },
      ],
    });
    expect(html).toContain('<strong>bold &lt;b&gt;</strong>');
    expect(html).toContain('href="https://tq.example/"');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('<ol><li>one</li></ol>');
  });

  it('names unknown or malformed blocks instead of dropping them, escaped', () => {
    expect(renderBlocks([{ type: '<x>' }, 'not a block', null])).toBe(
      '<div class="blk blk-unknown">[&lt;x&gt; block]</div><div class="blk blk-unknown">[not a block]</div><div class="blk blk-unknown">[not a block]</div>',
    );
  });

  it('ignores text objects of the wrong shape without failing', () => {
    expect(renderBlock({ type: 'section', text: { type: 'mrkdwn', text: 42 }, fields: 'nope' })).toBe(
      '<div class="blk blk-section"><div class="blk-main"></div></div>',
    );
  });
});
