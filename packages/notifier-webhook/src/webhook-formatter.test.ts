import { type Alert, type AlertInput, ConfigError, NotificationTypes, ValidationError } from '@tqalert/core';
import { alertBatch, watchlistAlert } from '@tqalert/testkit';
import { describe, expect, it } from 'vitest';
import { WebhookFormatter } from './webhook-formatter.js';
import type { TeamsMessageBody, WebhookJsonBody } from './webhook-payload.js';

const bytes = (body: unknown) => Buffer.byteLength(JSON.stringify(body));

describe('WebhookFormatter json style', () => {
  it('renders type, count, a summary line and the alerts in full', () => {
    const alerts = alertBatch(2);
    const { bodies } = new WebhookFormatter(NotificationTypes.WATCHLIST).format(alerts, 'WATCHLIST');
    expect(bodies).toEqual([
      {
        source: 'tqalert',
        type: 'WATCHLIST',
        count: 2,
        total: 2,
        part: 1,
        parts: 1,
        text: 'WATCHLIST: 2 alerts\n• Batch alert 1 of 2\n• Batch alert 2 of 2',
        alerts,
      },
    ]);
  });

  it('renders as the type it is asked for, and supports the guide’s setData → formatData → getFormatted', () => {
    const formatter = new WebhookFormatter(NotificationTypes.WATCHLIST);
    const body = formatter.setData([watchlistAlert()]).formatData().getFormatted()
      .bodies[0] as WebhookJsonBody;
    expect(body.text).toBe('WATCHLIST: 1 alert\n• Watched indicator score raised from 5 to 8');
    const other = formatter.format([watchlistAlert()], NotificationTypes.DATA_COLLECTION)
      .bodies[0] as WebhookJsonBody;
    expect(other.type).toBe('DATA_COLLECTION');
  });

  it('does not change the alerts it is given', () => {
    const alerts = alertBatch(3);
    const before = structuredClone(alerts);
    const payload = new WebhookFormatter('WATCHLIST').format(alerts, 'WATCHLIST');
    const first = (payload.bodies[0] as WebhookJsonBody).alerts[0];
    if (first) first.title = 'changed';
    expect(alerts).toEqual(before);
  });

  it('splits over bodies by count and by size without losing or reordering an alert', () => {
    const alerts = alertBatch(23);
    const byCount = new WebhookFormatter('WATCHLIST', { maxAlerts: 5 }).format(alerts, 'WATCHLIST')
      .bodies as WebhookJsonBody[];
    expect(byCount.map((b) => b.count)).toEqual([5, 5, 5, 5, 3]);
    expect(byCount.flatMap((b) => b.alerts)).toEqual(alerts);
    expect(byCount[1]?.text.split('\n')).toEqual([
      'WATCHLIST: alerts 6–10 of 23 (part 2 of 5)',
      ...alerts.slice(5, 10).map((a) => `• ${a.title}`),
    ]);

    const maxBytes = 4096;
    const bySize = new WebhookFormatter('WATCHLIST', { maxBytes }).format(alerts, 'WATCHLIST')
      .bodies as WebhookJsonBody[];
    expect(bySize.length).toBeGreaterThan(1);
    for (const body of bySize) expect(bytes(body)).toBeLessThanOrEqual(maxBytes);
    expect(bySize.flatMap((b) => b.alerts)).toEqual(alerts);
    expect(bySize.every((b) => b.total === 23 && b.parts === bySize.length)).toBe(true);
  });

  it('keeps an alert bigger than maxBytes, alone in its own body, instead of dropping it', () => {
    const [first, second, third] = alertBatch(3);
    const huge = { ...second, summary: 'x'.repeat(5000) } as Alert;
    const { bodies } = new WebhookFormatter('WATCHLIST', { maxBytes: 2048 }).format(
      [first, huge, third] as Alert[],
      'WATCHLIST',
    );
    expect((bodies as WebhookJsonBody[]).map((b) => b.alerts.map((a) => a.title))).toEqual([
      ['Batch alert 1 of 3'],
      ['Batch alert 2 of 3'],
      ['Batch alert 3 of 3'],
    ]);
  });

  it('escapes text the way Slack-compatible receivers read it, and keeps the alert data raw', () => {
    const alert = { ...watchlistAlert(), title: '<!channel> a & b <https://evil.example|click>' };
    const body = new WebhookFormatter('WATCHLIST').format([alert], 'WATCHLIST').bodies[0] as WebhookJsonBody;
    expect(body.text).toContain('• &lt;!channel&gt; a &amp; b &lt;hxxps://evil[.]example|click&gt;');
    expect(body.alerts[0]?.title).toBe('<!channel> a & b <https://evil.example|click>');
  });

  it('has nothing to send for no alerts', () => {
    expect(new WebhookFormatter('WATCHLIST').format([], 'WATCHLIST')).toEqual({ bodies: [] });
  });
});

describe('WebhookFormatter teams style', () => {
  const card = (body: unknown) =>
    (body as TeamsMessageBody).attachments[0]?.content as { body: Array<Record<string, unknown>> };

  it('produces a Teams message with one Adaptive Card per body', () => {
    const { bodies } = new WebhookFormatter('WATCHLIST', { style: 'teams' }).format(
      [watchlistAlert()],
      'WATCHLIST',
    );
    expect(bodies).toHaveLength(1);
    const message = bodies[0] as TeamsMessageBody;
    expect(message.type).toBe('message');
    expect(message.attachments[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(message.attachments[0]?.content).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
    const text = JSON.stringify(card(message));
    expect(text).toContain('Open in ThreatQ');
    expect(text).toContain('https://threatq.example/indicators/4711/details');
  });

  it('defangs indicator values so no one can click a live IOC, and escapes Markdown', () => {
    const alert = { ...watchlistAlert(), title: 'Hit on *evil*_site_ [x](http://evil.example) <at>all</at>' };
    const { bodies } = new WebhookFormatter('WATCHLIST', { style: 'teams' }).format([alert], 'WATCHLIST');
    const title = card(bodies[0]).body[1]?.items as Array<{
      text?: string;
      facts?: Array<{ value: string }>;
    }>;
    expect(title[0]?.text).toBe(
      String.raw`Hit on \*evil\*\_site\_ \[x\](hxxp://evil[.]example) ‹at›all‹/at›`,
    );
    expect(title[1]?.facts?.map((f) => f.value)).toContain('FQDN: login-portal[.]evil[.]example');
    expect(JSON.stringify(bodies)).not.toMatch(/http:\/\/evil|login-portal\.evil/);
  });

  it('splits many alerts over cards of at most 10 alerts, each within 24 KiB, saying which part each is', () => {
    const alerts = alertBatch(25);
    const { bodies } = new WebhookFormatter('WATCHLIST', { style: 'teams' }).format(alerts, 'WATCHLIST');
    expect(bodies).toHaveLength(3);
    for (const body of bodies) expect(bytes(body)).toBeLessThanOrEqual(24 * 1024);
    expect(card(bodies[2]).body[0]?.text).toBe('WATCHLIST: alerts 21–25 of 25 (part 3 of 3)');
    const containers = bodies.flatMap((b) => card(b).body.slice(1));
    expect(containers).toHaveLength(25);
  });
});

describe('WebhookFormatter options', () => {
  it('names each bad option', () => {
    const make = () =>
      new WebhookFormatter('WATCHLIST', { style: 'slack' as 'json', maxBytes: 10, maxAlerts: 0 });
    expect(make).toThrow(ConfigError);
    expect(make).toThrow(/style:[\s\S]*maxBytes:[\s\S]*maxAlerts:/);
  });
});

describe('issue 11 hardening', () => {
  const cardText = (payload: { bodies: unknown[] }) =>
    JSON.stringify(payload.bodies.map((body) => (body as TeamsMessageBody).attachments[0]?.content));

  it('11.4 defangs bare domains, www. hosts, IPs and emails in Teams text and the JSON summary, in the Slack style', () => {
    const alert = {
      ...watchlistAlert(),
      title: 'Beacon to c2-panel.ru from 203.0.113.7',
      summary: 'Resolved www.update-check.zz and 2001:db8::7; contact billing@invoices.co.uk',
      tags: ['drop.evil-cdn.net'],
      sources: ['feed.example.org'],
      fields: { Resolves: '198.51.100.23' },
    };
    const teams = cardText(
      new WebhookFormatter('WATCHLIST', { style: 'teams' }).format([alert], 'WATCHLIST'),
    );
    for (const shown of [
      'c2-panel[.]ru',
      '203[.]0[.]113[.]7',
      'www[.]update-check[.]zz',
      '2001[:]db8[:][:]7',
      'billing[@]invoices[.]co[.]uk',
      'drop[.]evil-cdn[.]net',
      'feed[.]example[.]org',
      '198[.]51[.]100[.]23',
    ]) {
      expect(teams).toContain(shown);
    }
    expect(teams).not.toMatch(
      /c2-panel\.ru|203\.0\.113|update-check\.zz|invoices\.co|evil-cdn\.net|feed\.example/,
    );
    const json = new WebhookFormatter('WATCHLIST').format([alert], 'WATCHLIST').bodies[0] as WebhookJsonBody;
    expect(json.text).toContain('• Beacon to c2-panel[.]ru from 203[.]0[.]113[.]7');
    expect(json.alerts[0]?.title).toBe('Beacon to c2-panel.ru from 203.0.113.7');
  });

  it('11.15 neutralises bidi controls in Teams text and the JSON summary', () => {
    const alert = {
      ...watchlistAlert(),
      title: 'Invoice \u202Efdp.exe',
      summary: 'see \u2066moc.elgoog\u2069',
    };
    const bidi = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
    const teams = new WebhookFormatter('WATCHLIST', { style: 'teams' }).format([alert], 'WATCHLIST');
    expect(cardText(teams)).not.toMatch(bidi);
    expect(cardText(teams)).toContain('see \uFFFDmoc.elgoog\uFFFD');
    const json = new WebhookFormatter('WATCHLIST').format([alert], 'WATCHLIST').bodies[0] as WebhookJsonBody;
    expect(json.text).toContain('• Invoice \uFFFDfdp.exe');
  });

  it('11.18 formats an alert input with its optional fields left out, and names the field of a bad one', () => {
    const minimal: AlertInput = {
      id: 'cli|notice-1',
      type: NotificationTypes.FREE_FORM,
      service: 'cli',
      title: 'Maintenance tonight',
      occurredAt: '2026-03-01T12:00:00.000Z',
    };
    for (const style of ['json', 'teams'] as const) {
      const formatter = new WebhookFormatter('FREE_FORM', { style });
      const { bodies } = formatter.format([minimal as Alert], 'FREE_FORM');
      expect(JSON.stringify(bodies)).toContain('Maintenance tonight');
      const broken = { ...minimal, occurredAt: 'yesterday' } as unknown as Alert;
      let error: unknown;
      try {
        formatter.format([minimal as Alert, broken], 'FREE_FORM');
      } catch (caught) {
        error = caught;
      }
      expect(ValidationError.isInstance(error)).toBe(true);
      expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual(['alerts[1].occurredAt']);
      expect((error as Error).message).toMatch(/^WebhookFormatter cannot format alerts\[1\]/);
    }
    const json = new WebhookFormatter('FREE_FORM').format([minimal as Alert], 'FREE_FORM')
      .bodies[0] as WebhookJsonBody;
    expect(json.alerts[0]).toMatchObject({
      summary: '',
      severity: 'info',
      changes: [],
      tags: [],
      fields: {},
    });
  });

  it('11.23 shows a Teams alert link to another origin as defanged text, not as the ThreatQ button', () => {
    const formatter = new WebhookFormatter('WATCHLIST', {
      style: 'teams',
      threatqUrl: 'https://threatq.example',
    });
    const sample = watchlistAlert();
    const foreign = {
      ...sample,
      object: {
        ...sample.object,
        link: 'https://threatq.example.evil.io/x',
        collection: 'indicators',
        id: 1,
        value: 'a.example',
      },
    };
    const text = cardText(formatter.format([foreign as Alert], 'WATCHLIST'));
    expect(text).not.toContain('Action.OpenUrl');
    expect(text).toContain('Link (not ThreatQ)');
    expect(text).toContain('hxxps://threatq[.]example[.]evil[.]io/x');
    const own = cardText(formatter.format([sample], 'WATCHLIST'));
    expect(own).toContain('"url":"https://threatq.example/indicators/4711/details"');
  });
});
