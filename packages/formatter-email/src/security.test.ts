import { type AlertInput, NotificationTypes, ValidationError } from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import { EmailFormatter } from './email-formatter.js';
import { watchlistAlert } from './test-alerts.js';

const bodies = (message: { html: string; text: string } | undefined) => [
  message?.html ?? '',
  message?.text ?? '',
];

describe('issue 11 hardening', () => {
  it('11.4 defangs bare domains, www. hosts, IPv4, IPv6 and emails everywhere, in the Slack style', () => {
    const alert = watchlistAlert({
      title: 'Beacon to c2-panel.ru seen',
      summary: 'Resolved www.update-check.zz to 203.0.113.7 and 2001:db8::7; contact billing@invoices.co.uk.',
      sources: ['feed.example.org'],
      tags: ['drop.evil-cdn.net'],
      fields: { Resolves: '198.51.100.23', Mirror: 'https://mirror.evil.io/a.php' },
    });
    const [message] = new EmailFormatter().format([alert], NotificationTypes.WATCHLIST);
    expect(message?.subject).toContain('Beacon to c2-panel[.]ru seen');
    for (const body of bodies(message)) {
      for (const shown of [
        'c2-panel[.]ru',
        'www[.]update-check[.]zz',
        '203[.]0[.]113[.]7',
        '2001[:]db8[:][:]7',
        'billing[@]invoices[.]co[.]uk',
        'feed[.]example[.]org',
        'drop[.]evil-cdn[.]net',
        '198[.]51[.]100[.]23',
        'hxxps://mirror[.]evil[.]io/a[.]php',
      ]) {
        expect(body).toContain(shown);
      }
      expect(body).not.toMatch(/c2-panel\.ru|www\.update|203\.0\.113|invoices\.co|mirror\.evil/);
    }
  });

  it('11.15 neutralises bidi controls in the subject and in both bodies', () => {
    const alert = watchlistAlert({
      title: 'Invoice \u202Efdp.exe',
      summary: 'Open \u2066moc.elgoog\u2069 \u200Fnow\u200E \u061Cok',
      fields: { '\u202Dlabel': 'value\u202B' },
    });
    const [message] = new EmailFormatter().format([alert], NotificationTypes.WATCHLIST);
    const bidi = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
    expect(message?.subject).not.toMatch(bidi);
    for (const body of bodies(message)) {
      expect(body).not.toMatch(bidi);
      expect(body).toContain('Open \uFFFDmoc.elgoog\uFFFD \uFFFDnow\uFFFD \uFFFDok');
    }
  });

  it('11.18 formats an alert input with its optional fields left out, and names the field of a bad one', () => {
    const minimal: AlertInput = {
      id: 'cli|notice-1',
      type: NotificationTypes.FREE_FORM,
      service: 'cli',
      title: 'Maintenance tonight',
      occurredAt: '2026-03-01T12:00:00.000Z',
    };
    const formatter = new EmailFormatter();
    const [message] = formatter.format([minimal as never], NotificationTypes.FREE_FORM);
    expect(message?.subject).toBe('[TQ Alert] Maintenance tonight');
    const broken = { ...minimal, title: 42 };
    let error: unknown;
    try {
      formatter.format([minimal as never, broken as never], NotificationTypes.FREE_FORM);
    } catch (caught) {
      error = caught;
    }
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual(['alerts[1].title']);
    expect((error as Error).message).toMatch(/^EmailFormatter cannot format alerts\[1\]: alerts\[1\]\.title/);
  });

  it('11.23 shows an alert link to another origin as defanged text, never as the ThreatQ link', () => {
    const formatter = new EmailFormatter({ threatqUrl: 'https://tq.example.com' });
    const alert = watchlistAlert({
      object: {
        collection: 'indicators',
        id: 9,
        value: 'x.example',
        link: 'https://tq.example.com.evil.io/indicators/9/details',
      },
    });
    const [single] = formatter.format([alert], NotificationTypes.WATCHLIST);
    const [digest] = formatter.format([alert, watchlistAlert({ id: 'other' })], NotificationTypes.WATCHLIST);
    for (const message of [single, digest]) {
      expect(message?.html).not.toContain('href="https://tq.example.com.evil.io');
      expect(message?.html).toContain('href="https://tq.example.com/indicators/9/details"');
      expect(message?.text).toContain('Link (not ThreatQ)');
      expect(message?.text).toContain('hxxps://tq[.]example[.]com[.]evil[.]io/indicators/9/details');
    }
    const [own] = formatter.format(
      [
        watchlistAlert({
          object: { collection: 'indicators', id: 9, value: 'x.example', link: 'https://tq.example.com/x/9' },
        }),
      ],
      NotificationTypes.WATCHLIST,
    );
    expect(own?.html).toContain('href="https://tq.example.com/x/9"');
  });
});
