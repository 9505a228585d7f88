import { describe, expect, it } from 'vitest';
import { validateSlackPayload } from './validate-payload.js';

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const valid = { text: 'fallback', blocks: [section('hello')], unfurl_links: false, unfurl_media: false };

describe('validateSlackPayload', () => {
  it('finds nothing wrong with a valid payload', () => {
    expect(validateSlackPayload(valid)).toEqual([]);
  });

  it('lists every violation at once, each with its path, rule, limit and size', () => {
    const payload = {
      text: 't'.repeat(4001),
      unfurl_links: true,
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } },
        section('s'.repeat(3001)),
        { type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) },
        { type: 'section', fields: [{ type: 'mrkdwn', text: 'f'.repeat(2001) }] },
        { type: 'context', elements: [] },
        {
          type: 'actions',
          elements: [
            { type: 'button', text: { type: 'plain_text', text: 'b'.repeat(76) }, url: 'u'.repeat(3001) },
          ],
        },
        { type: 'image' },
      ],
    };
    const rules = validateSlackPayload(payload).map((v) => `${v.path} ${v.rule} ${v.actual}/${v.limit}`);
    expect(rules).toEqual([
      'text text.length 4001/4000',
      'unfurl_links unfurl 1/0',
      'unfurl_media unfurl 1/0',
      'blocks[0].text.text header.text 151/150',
      'blocks[1].text.text section.text 3001/3000',
      'blocks[2].fields section.fields 11/10',
      'blocks[3].fields[0].text field.text 2001/2000',
      'blocks[4].elements context.elements.empty 0/1',
      'blocks[5].elements[0].text.text button.text 76/75',
      'blocks[5].elements[0].url button.url 3001/3000',
      'blocks[6].type block.type 0/0',
    ]);
  });

  it('counts blocks and the total block text of the message', () => {
    const blocks = Array.from({ length: 51 }, () => section('x'.repeat(240)));
    const found = validateSlackPayload({ ...valid, blocks }).map((v) => v.rule);
    expect(found).toEqual(['blocks.count', 'message.block-text']);
  });

  it('requires fallback text and plain_text headers, and never throws on junk', () => {
    expect(validateSlackPayload({ ...valid, text: ' ' }).map((v) => v.rule)).toEqual(['text.empty']);
    const mrkdwnHeader = { ...valid, blocks: [{ type: 'header', text: { type: 'mrkdwn', text: 'h' } }] };
    expect(validateSlackPayload(mrkdwnHeader).map((v) => v.rule)).toEqual(['header.text.type']);
    expect(validateSlackPayload(null)[0]?.rule).toBe('payload.type');
    expect(validateSlackPayload({ blocks: 'nope' }).map((v) => v.rule)).toContain('blocks.count.empty');
  });
});
