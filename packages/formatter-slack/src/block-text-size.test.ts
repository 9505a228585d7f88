import { describe, expect, it } from 'vitest';
import { blockTextSize } from './block-text-size.js';
import { SlackFormatter } from './slack-formatter.js';
import { manyAlerts, watchlistAlert } from './test-alerts.js';
import { countBlockText } from './validate-payload.js';

describe('blockTextSize', () => {
  it('measures the blocks the formatter builds exactly as countBlockText walks them', () => {
    const formatter = new SlackFormatter({ type: 'WATCHLIST', linkStyle: 'button' });
    const messages = [
      formatter.format([watchlistAlert({ summary: 'x '.repeat(4000) })], 'WATCHLIST'),
      formatter.format(
        manyAlerts(120, (i) => ({ summary: i % 3 === 0 ? 'y'.repeat(2500) : 'short' })),
        'WATCHLIST',
      ),
    ];
    const blocks = messages.flatMap((message) => message.parts.map((part) => part.blocks));
    expect(blocks.length).toBeGreaterThan(3);
    for (const part of blocks) {
      expect(blockTextSize(part)).toBe(countBlockText(part));
      for (const block of part) expect(blockTextSize([block])).toBe(countBlockText([block]));
    }
  });
});
