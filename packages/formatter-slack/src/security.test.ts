import { isPluginDefinition, Redactor, silentLogger } from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import { parseFormatterOptions } from './formatter-options.js';
import plugin from './index.js';
import { SlackFormatter } from './slack-formatter.js';
import type { SlackPayload } from './slack-message.js';
import { watchlistAlert } from './test-alerts.js';
import { visibleText } from './visible-text.js';

const formatter = new SlackFormatter({ type: 'WATCHLIST' });
/** Every text a reader sees, the fallback included. */
const everything = (parts: SlackPayload[]) =>
  parts.map((part) => `${part.text}\n${visibleText(part.blocks)}`).join('\n');
/** The mrkdwn text objects of a message. */
const mrkdwnTexts = (parts: SlackPayload[]) =>
  JSON.stringify(parts)
    .match(/"type":"mrkdwn","text":"(?:[^"\\]|\\.)*"/g)
    ?.map((match) => JSON.parse(match.slice(match.indexOf('"text":') + 7)) as string) ?? [];

describe('issue 11 hardening', () => {
  it('11.4 defangs bare domains, www. hosts, IPv4, IPv6 and emails in title, summary, fields, tags and sources', () => {
    const alert = watchlistAlert({
      title: 'Beacon to c2-panel.ru seen',
      summary: 'Resolved www.update-check.zz to 203.0.113.7 and 2001:db8::7; contact billing@invoices.co.uk.',
      sources: ['feed.example.org'],
      tags: ['drop.evil-cdn.net'],
      fields: { Resolves: '198.51.100.23', 'evil.com': 'label' },
    });
    const text = everything(formatter.format([alert], 'WATCHLIST').parts);
    for (const shown of [
      'Beacon to c2-panel[.]ru seen',
      'www[.]update-check[.]zz',
      '203[.]0[.]113[.]7',
      '2001[:]db8[:][:]7',
      'billing[@]invoices[.]co[.]uk',
      'Sources: feed[.]example[.]org',
      'Tags: drop[.]evil-cdn[.]net',
      '198[.]51[.]100[.]23',
      '*evil[.]com*',
    ]) {
      expect(text).toContain(shown);
    }
    expect(text).not.toMatch(
      /c2-panel\.ru|update-check\.zz|203\.0\.113|invoices\.co|evil-cdn\.net|feed\.example/,
    );
  });

  it('11.15 neutralises bidi controls in the header, the blocks and the fallback text', () => {
    const alert = watchlistAlert({
      title: 'Invoice \u202Efdp.exe',
      summary: 'Open \u2066moc.elgoog\u2069 \u200Fnow\u200E \u061Cok',
      tags: ['\u202Bx'],
    });
    const { parts } = formatter.format([alert], 'WATCHLIST');
    const json = JSON.stringify(parts);
    expect(json).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/);
    expect(parts[0]?.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Invoice \uFFFDfdp.exe' },
    });
    expect(everything(parts)).toContain('Open \uFFFDmoc.elgoog\uFFFD \uFFFDnow\uFFFD \uFFFDok');
  });

  it('11.16 shows mrkdwn in upstream values literally and keeps the formatter’s own *Label* bolding', () => {
    const alert = watchlistAlert({
      title: '*Urgent* _now_',
      summary: '*bold* _it_ ~strike~ `code` first_seen\n> quoted\n  > indented',
      fields: { 'a*b': '*x* ~y~', first_seen: '`z`' },
      tags: ['_t_'],
    });
    const { parts } = formatter.format([alert], 'WATCHLIST');
    const texts = mrkdwnTexts(parts);
    const summary = texts.find((text) => text.startsWith('∗bold∗'));
    expect(summary).toBe('∗bold∗ ˍitˍ ∼strike∼ ˋcodeˋ first_seen\n› quoted\n  › indented');
    // Fields: the only raw asterisks are the two around the label, so the label stays bold and nothing else is.
    const fields = texts.filter((text) => /^\*[^*\n]+\*\n/.test(text));
    expect(fields).toContain('*a∗b*\n∗x∗ ∼y∼');
    expect(fields).toContain('*first_seen*\nˋzˋ');
    for (const field of fields) expect(field.split('*').length - 1).toBe(2);
    expect(texts.join('\n')).not.toMatch(/(^|\s)[_~`][^\s]|^\s*(>|&gt;)/m);
    expect(texts.join('\n')).toContain('Tags: ˍtˍ');
    expect(parts[0]?.text).toBe(
      '∗Urgent∗ ˍnowˍ: ∗bold∗ ˍitˍ ∼strike∼ ˋcodeˋ first_seen\n› quoted\n  › indented',
    );
  });

  describe('11.23 links from third-party services', () => {
    const thirdParty = watchlistAlert({
      object: {
        collection: 'indicators',
        id: 7,
        value: 'a.example',
        link: 'https://threatq.example.evil.io/indicators/7/details',
      },
    });
    // Made in each test, so that each fails on its own where the option is unknown.
    const checking = () => new SlackFormatter({ type: 'WATCHLIST', threatqUrl: 'https://threatq.example' });

    it('shows a foreign origin as defanged text, never as the ThreatQ button or link', () => {
      for (const alerts of [[thirdParty], [thirdParty, watchlistAlert({ id: 'second' })]]) {
        const { parts } = checking().format(alerts, 'WATCHLIST');
        const json = JSON.stringify(parts);
        expect(json).not.toContain('https://threatq.example.evil.io');
        expect(everything(parts)).toContain(
          'Link (not ThreatQ): hxxps://threatq[.]example[.]evil[.]io/indicators/7/details',
        );
      }
      expect(JSON.stringify(checking().format([thirdParty], 'WATCHLIST'))).not.toContain('open-in-threatq');
    });

    it('keeps the button for a link on the ThreatQ origin', () => {
      const { parts } = checking().format([watchlistAlert()], 'WATCHLIST');
      expect(parts[0]?.blocks.at(-1)).toMatchObject({
        type: 'actions',
        elements: [{ url: 'https://threatq.example/indicators/4711/details' }],
      });
    });

    it('takes the origin from the guide’s ThreatQ client and from the worker’s shared client', async () => {
      const threatq = { origin: 'https://threatq.example' };
      const guide = new SlackFormatter(threatq, {}, 'WATCHLIST');
      expect(JSON.stringify(guide.format([thirdParty], 'WATCHLIST'))).not.toContain('open-in-threatq');
      expect(isPluginDefinition(plugin)).toBe(true);
      const context = {
        id: 'slack',
        logger: silentLogger,
        configDir: '.',
        clients: { threatq },
        redactor: new Redactor(),
      };
      const made = (await plugin.create(
        parseFormatterOptions({ type: 'WATCHLIST' }),
        context,
      )) as SlackFormatter;
      expect(made.options.threatqUrl).toBe('https://threatq.example');
      expect(JSON.stringify(made.format([thirdParty], 'WATCHLIST'))).not.toContain('open-in-threatq');
    });
  });
});
