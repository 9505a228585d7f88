import { createAlert, safeText } from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import { displayValue, viewAlert } from './alert-view.js';
import { MRKDWN_ESCAPER, PLAIN_TEXT_ESCAPER } from './slack-escapers.js';

describe('displayValue', () => {
  it('joins a list with commas, each item shown as it would be alone', () => {
    expect(displayValue(['Feed A', 'Feed B'])).toBe('Feed A, Feed B');
    expect(displayValue([1, null, true, ['x', 'y'], { a: 1 }])).toBe('1, —, true, x, y, {"a":1}');
    expect(displayValue(['only'])).toBe('only');
    expect(displayValue([])).toBe('—');
  });

  it('shows a hole in a list as nothing, as Array.prototype.join does', () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is what is under test
    expect(displayValue([, 'a', , 'b'])).toBe(', a, , b');
  });
});

describe('viewAlert titles', () => {
  const titles = [
    'Score raised',
    'Watched indicator https://evil.example/a.php?id=1 score raised',
    'Seen at 203.0.113.7 and www.evil.co',
    'Phish from billing@invoices.co.uk',
    '<!channel> *bold* _it_ ~s~ `code` > quote & more',
    '@here look at evil.example',
    'x\u202Eevil.com reversed',
    'Own value a1.zz again a1.zz',
  ];

  it('gives the header the plain_text form and the sections the mrkdwn form of every title', () => {
    for (const title of titles) {
      for (const defang of [true, false]) {
        const alert = createAlert({
          id: 'a',
          type: 'WATCHLIST',
          service: 'watchlist',
          title,
          occurredAt: '2026-03-01T12:00:00Z',
          object: { collection: 'indicators', id: 1, value: 'a1.zz' },
        });
        const view = viewAlert(alert, { defang });
        const options = { defang, indicators: ['a1.zz'] };
        expect(view.titlePlain).toBe(safeText(title, { ...options, escaper: PLAIN_TEXT_ESCAPER }));
        expect(view.title).toBe(safeText(title, { ...options, escaper: MRKDWN_ESCAPER }));
      }
    }
  });
});
