import { describe, expect, it } from 'vitest';
import type { SlackMessage } from './slack-message.js';
import { visibleText } from './visible-text.js';

describe('visibleText', () => {
  it('lists fallback text and every text object, in order', () => {
    const message: SlackMessage = {
      parts: [
        {
          text: 'fallback',
          blocks: [
            { type: 'header', text: { type: 'plain_text', text: 'Header' } },
            {
              type: 'section',
              fields: [
                { type: 'mrkdwn', text: 'f1' },
                { type: 'mrkdwn', text: 'f2' },
              ],
            },
            { type: 'divider' },
            {
              type: 'actions',
              elements: [
                { type: 'button', text: { type: 'plain_text', text: 'Open' }, url: 'https://x.example' },
              ],
            },
          ],
          unfurl_links: false,
          unfurl_media: false,
        },
      ],
    };
    expect(visibleText(message)).toBe('fallback\nHeader\nf1\nf2\nOpen');
    expect(visibleText(message.parts[0]?.blocks)).toBe('Header\nf1\nf2\nOpen');
    expect(visibleText(undefined)).toBe('');
  });
});
