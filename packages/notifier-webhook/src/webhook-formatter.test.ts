import { type Alert, ConfigError, NotificationTypes } from '@tqalert/core';
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
    expect(body.text).toContain('• &lt;!channel&gt; a &amp; b &lt;https://evil.example|click&gt;');
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
