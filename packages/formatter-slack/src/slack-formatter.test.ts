import { ConfigError, NotificationTypes, ValidationError } from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import { SlackFormatter } from './slack-formatter.js';
import { SLACK_LIMITS } from './slack-limits.js';
import { manyAlerts, watchlistAlert } from './test-alerts.js';
import { validateSlackPayload } from './validate-payload.js';
import { visibleText } from './visible-text.js';

const formatter = new SlackFormatter({ type: NotificationTypes.WATCHLIST });

function occurrences(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

describe('SlackFormatter construction', () => {
  it('takes the guide form, ignoring the ThreatQ and Slack arguments', () => {
    const guide = new SlackFormatter({ any: 'connector' }, 'slack-client', NotificationTypes.WATCHLIST);
    expect(guide.notificationType).toBe('WATCHLIST');
    expect(guide.options).toMatchObject({
      defang: true,
      maxBlocks: 50,
      maxBlockChars: 12_000,
      linkStyle: 'button',
    });
  });

  it('runs the guide sequence setData → formatData → getFormatted', () => {
    const guide = new SlackFormatter(undefined, undefined, NotificationTypes.WATCHLIST);
    const message = guide.setData([watchlistAlert()]).formatData().getFormatted();
    expect(message.parts).toHaveLength(1);
  });

  it('names every wrong option in one ConfigError', () => {
    const attempt = () => new SlackFormatter({ type: '', maxBlocks: 80, defnag: false } as never);
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const paths = (error as ConfigError).issues.map((issue) => issue.path).sort();
      expect(paths).toEqual(['(options)', 'maxBlocks', 'type']);
      expect((error as Error).message).toMatch(/defnag/);
    }
  });

  it('explains both constructor forms when called wrongly', () => {
    expect(() => new (SlackFormatter as unknown as new (...a: unknown[]) => unknown)('WATCHLIST')).toThrow(
      /new SlackFormatter\(threatq, slack, NotificationTypes.WATCHLIST\)/,
    );
  });
});

describe('one watchlist alert', () => {
  const titled = watchlistAlert({ title: 'Score of login-portal.evil.example raised' });
  const [parent, ...rest] = formatter.format([titled], NotificationTypes.WATCHLIST).parts;

  it('is one message within every Slack limit, unfurls off, with fallback text', () => {
    expect(rest).toEqual([]);
    expect(parent && validateSlackPayload(parent)).toEqual([]);
    expect(parent).toMatchObject({ unfurl_links: false, unfurl_media: false });
    expect(parent?.text).toBe(
      'Score of login-portal[.]evil[.]example raised: A watched FQDN was re-scored after a new source reported it.',
    );
  });

  it('shows header, defanged object and type, score before → after, each change, TLP, sources and a ThreatQ button', () => {
    const blocks = parent?.blocks ?? [];
    expect(blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Score of login-portal[.]evil[.]example raised' },
    });
    const text = visibleText(blocks);
    expect(text).toContain('*Object*\nlogin-portal[.]evil[.]example');
    expect(text).toContain('*Type*\nFQDN');
    expect(text).toContain('*Score*\n5 → 8');
    expect(text).toContain('*sources*\nFeed A → Feed A, Feed B');
    expect(text).toContain('*Status*\nActive');
    expect(text).toContain('*TLP:AMBER*');
    expect(text).toContain('Sources: Feed A, Feed B');
    expect(blocks.at(-1)).toEqual({
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: 'Open in ThreatQ' },
          url: 'https://threatq.example/indicators/4711/details',
          action_id: 'open-in-threatq',
        },
      ],
    });
  });

  it('links in text instead of a button with linkStyle "mrkdwn"', () => {
    const linked = new SlackFormatter({ type: 'WATCHLIST', linkStyle: 'mrkdwn' }).format(
      [watchlistAlert()],
      'WATCHLIST',
    );
    expect(visibleText(linked.parts[0]?.blocks)).toContain(
      '<https://threatq.example/indicators/4711/details|Open in ThreatQ>',
    );
    expect(linked.parts[0]?.blocks.some((b) => b.type === 'actions')).toBe(false);
  });
});

describe('hostile upstream values', () => {
  const hostile = watchlistAlert({
    title: 'Ping <!channel> and @here now',
    summary: 'See <https://phish.example|your bank> & <@U123> @everyone',
    object: { collection: 'indicators', id: 1, value: '<!channel> http://evil.example/a.b', type: 'URL' },
    sources: ['<!here>'],
  });

  it('never lets <!channel> through and shows the IOC as hxxp://evil[.]example/a[.]b', () => {
    const message = formatter.format([hostile], 'WATCHLIST');
    const json = JSON.stringify(message);
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<!here>');
    expect(json).not.toContain('<@U123>');
    expect(json).not.toMatch(/@(here|everyone|channel)\b/);
    expect(json).not.toContain('http://evil');
    expect(visibleText(message.parts[0]?.blocks)).toContain('hxxp://evil[.]example/a[.]b');
  });

  it('escapes mrkdwn so a fake link stays text, in blocks and in the fallback', () => {
    const message = formatter.format([hostile], 'WATCHLIST');
    const text = visibleText(message.parts[0]?.blocks);
    expect(text).toContain('&lt;hxxps://phish[.]example|your bank&gt; &amp; &lt;@U123&gt;');
    expect(message.parts[0]?.text).toContain('&lt;!channel&gt;');
  });

  it('shows values as given when defang is off, still escaped', () => {
    const plain = new SlackFormatter({ type: 'WATCHLIST', defang: false }).format([hostile], 'WATCHLIST');
    const text = visibleText(plain.parts[0]?.blocks);
    expect(text).toContain('&lt;!channel&gt; http://evil.example/a.b');
    expect(JSON.stringify(plain)).not.toContain('<!channel>');
  });
});

describe('splitting instead of cutting', () => {
  it('spreads a value longer than a section over several "(continued)" sections, losing nothing', () => {
    const words = Array.from({ length: 1500 }, (_, i) => `w${i}`).join(' ');
    const message = formatter.format([watchlistAlert({ summary: words })], 'WATCHLIST');
    const all = message.parts.flatMap((part) => part.blocks);
    const summarySections = all.filter((b) => b.type === 'section' && b.text && /w\d/.test(b.text.text));

    expect(summarySections.length).toBeGreaterThan(1);
    expect(
      summarySections.slice(1).every((b) => b.type === 'section' && b.text?.text.startsWith('_(continued)_')),
    ).toBe(true);
    const rejoined = summarySections
      .map((b) => (b.type === 'section' ? (b.text?.text ?? '').replace('_(continued)_\n', '') : ''))
      .join(' ');
    expect(rejoined).toBe(words);
    for (const part of message.parts) expect(validateSlackPayload(part)).toEqual([]);
  });

  it('shows a title longer than a header in a section instead of cutting it', () => {
    const title = `Title ${'x'.repeat(200)} end`;
    const [parent] = formatter.format([watchlistAlert({ title })], 'WATCHLIST').parts;
    expect(parent?.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: `*${title}*` } });
    expect(parent && validateSlackPayload(parent)).toEqual([]);
  });

  it('turns a field longer than 2,000 characters into sections', () => {
    const big = 'y '.repeat(1500);
    const [parent] = formatter.format([watchlistAlert({ fields: { Notes: big } })], 'WATCHLIST').parts;
    expect(parent && validateSlackPayload(parent)).toEqual([]);
    const shown = visibleText(parent?.blocks).replaceAll('_(continued)_', '').replace(/\s+/g, '');
    expect(shown).toContain(`*Notes*${'y'.repeat(1500)}*`);
    expect(
      parent?.blocks.filter((b) => b.type === 'section' && b.text?.text.includes('_(continued)_')),
    ).toHaveLength(1);
  });

  it('puts a single alert with too much content into the parent and its thread', () => {
    const changes = Array.from({ length: 60 }, (_, i) => ({
      field: `field-${i}`,
      before: 'a'.repeat(400),
      after: 'b'.repeat(400),
    }));
    const message = formatter.format([watchlistAlert({ changes })], 'WATCHLIST');
    expect(message.parts.length).toBeGreaterThan(1);
    expect(message.parts[0]?.text).toMatch(/\(1 alert, continued in thread\)$/);
    for (const part of message.parts) expect(validateSlackPayload(part)).toEqual([]);
    const all = visibleText(message.parts.flatMap((p) => p.blocks));
    for (let i = 0; i < 60; i++) expect(occurrences(all, `*field-${i}*`)).toBe(1);
  });
});

describe('digests', () => {
  it('a digest of 500 alerts: every part within every limit, every title exactly once', () => {
    const alerts = manyAlerts(500, (i) => ({
      summary: i % 7 === 0 ? `Long summary ${'z'.repeat(2500)}` : 'short',
      changes:
        i % 5 === 0
          ? Array.from({ length: 12 }, (_, c) => ({ field: `f${c}`, before: c, after: c + 1 }))
          : [],
    }));
    const message = formatter.format(alerts, 'WATCHLIST');

    expect(message.parts.length).toBeGreaterThan(1);
    for (const [i, part] of message.parts.entries()) {
      expect({ part: i, violations: validateSlackPayload(part) }).toEqual({ part: i, violations: [] });
      expect(part.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
    }
    const everything = message.parts.map((part) => visibleText(part.blocks)).join('\n');
    for (let i = 0; i < 500; i++) {
      expect(occurrences(everything, `Batch alert ${String(i + 1).padStart(3, '0')} of 500`)).toBe(1);
    }
  });

  it('opens with "N alerts" and says when it continues in the thread', () => {
    const message = formatter.format(manyAlerts(500), 'WATCHLIST');
    const [parent, second] = message.parts;
    const total = message.parts.length;
    expect(parent?.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: '500 alerts' } });
    expect(parent?.text).toBe('500 alerts · Watchlist change (500 alerts, continued in thread)');
    expect(visibleText(parent?.blocks.at(-1))).toBe(
      `:thread: *500 alerts, continued in thread* (${total - 1} more messages)`,
    );
    expect(second?.text).toBe(`500 alerts, continued (part 2 of ${total})`);
    expect(visibleText(second?.blocks[0])).toContain(`part 2 of ${total}`);
  });

  it('keeps a small digest in one message, entries linked to ThreatQ, alerts in order', () => {
    const message = formatter.format(manyAlerts(3), 'WATCHLIST');
    expect(message.parts).toHaveLength(1);
    const text = visibleText(message.parts[0]?.blocks);
    expect(text).toContain('*<https://threatq.example/indicators/0/details|Batch alert 1 of 3>*');
    expect(text.indexOf('Batch alert 1 of 3')).toBeLessThan(text.indexOf('Batch alert 3 of 3'));
    expect(text).toContain('3 medium');
  });

  it('respects a lower maxBlocks', () => {
    const small = new SlackFormatter({ type: 'WATCHLIST', maxBlocks: 10 });
    const message = small.format(manyAlerts(40), 'WATCHLIST');
    for (const part of message.parts) expect(part.blocks.length).toBeLessThanOrEqual(10);
  });
});

describe('data collection and free-form', () => {
  it('labels a data-collection match and shows its data fields', () => {
    const alert = watchlistAlert({
      type: 'DATA_COLLECTION',
      changes: [],
      fields: { Collection: 'Phishing domains' },
    });
    const text = visibleText(formatter.format([alert], 'DATA_COLLECTION').parts[0]?.blocks);
    expect(text).toContain('*Data collection match*');
    expect(text).toContain('*Collection*\nPhishing domains');
    expect(text).not.toContain('What changed');
  });

  it('renders a free-form message with no object', () => {
    const { object: _unused, ...noObject } = watchlistAlert({ type: 'FREE_FORM', changes: [], score: null });
    const [parent] = formatter.format([noObject], 'FREE_FORM').parts;
    expect(parent && validateSlackPayload(parent)).toEqual([]);
    expect(visibleText(parent?.blocks)).not.toContain('*Object*');
    expect(parent?.blocks.some((b) => b.type === 'actions')).toBe(false);
  });
});

describe('bad input', () => {
  it('refuses an empty list and a malformed alert, naming which one', () => {
    expect(() => formatter.format([], 'WATCHLIST')).toThrow(ValidationError);
    const broken = [watchlistAlert(), { ...watchlistAlert(), title: '' }];
    expect(() => formatter.format(broken, 'WATCHLIST')).toThrow(/alerts\[1\]\.title/);
  });
});
