import { NotificationTypes } from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import { EmailFormatter } from './email-formatter.js';
import { manyAlerts, watchlistAlert } from './test-alerts.js';

describe('EmailFormatter layouts', () => {
  const formatter = new EmailFormatter(NotificationTypes.WATCHLIST, { threatqUrl: 'https://tq.example.com' });

  it('renders a watchlist change as a before/after table in HTML and text', () => {
    const alert = watchlistAlert({
      changes: [
        { field: 'score', before: 5, after: 8 },
        { field: 'tags', before: ['a'], after: ['a', 'b'] },
        { field: 'status', before: 'Active', after: null },
      ],
    });
    const messages = formatter.format([alert], NotificationTypes.WATCHLIST);
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(message?.html).toMatch(/<th[^>]*>Field<\/th><th[^>]*>Before<\/th><th[^>]*>After<\/th>/);
    expect(message?.html).toMatch(/<td[^>]*>score<\/td><td[^>]*>5<\/td><td[^>]*>8<\/td>/);
    expect(message?.html).toMatch(/<td[^>]*>tags<\/td><td[^>]*>a<\/td><td[^>]*>a, b<\/td>/);
    expect(message?.html).toMatch(/<td[^>]*>status<\/td><td[^>]*>Active<\/td><td[^>]*>—<\/td>/);
    expect(message?.text).toContain('- Field: score | Before: 5 | After: 8');
    expect(message?.html.indexOf('>Changes<')).toBeLessThan(message?.html.indexOf('>Details<') ?? 0);
    expect(message?.html).toContain('<a href="https://tq.example.com/indicators/42/details"');
    expect(message?.text).toContain('Open in ThreatQ: https://tq.example.com/indicators/42/details');
  });

  it('renders a data-collection match with the object details first', () => {
    const alert = watchlistAlert({
      type: NotificationTypes.DATA_COLLECTION,
      title: 'New match in "Phishing domains"',
      fields: { 'Data collection': 'Phishing domains' },
      changes: [],
    });
    const [message] = formatter.format([alert], NotificationTypes.DATA_COLLECTION);
    expect(message?.subject).toBe('[TQ Alert] HIGH Data collection match: New match in "Phishing domains"');
    expect(message?.html).toContain('Data collection match');
    expect(message?.text).toContain('Data collection: Phishing domains');
    expect(message?.text).toContain('Object: FQDN evil[.]example[.]com');
    expect(message?.html).not.toContain('What changed');
  });

  it('renders a free-form notice with its message as paragraphs and no severity prefix in the subject', () => {
    const alert = watchlistAlert({
      type: NotificationTypes.FREE_FORM,
      object: undefined,
      title: 'Maintenance tonight',
      summary: 'ThreatQ will be down from 22:00.\n\nPlan accordingly.',
      changes: [],
    });
    const [message] = formatter.format([alert], NotificationTypes.FREE_FORM);
    expect(message?.subject).toBe('[TQ Alert] Maintenance tonight');
    expect(message?.html).toContain('>Message</h2>');
    expect(message?.html).toContain(
      'white-space:pre-wrap;">ThreatQ will be down from 22:00.\n\nPlan accordingly.</p>',
    );
    expect(message?.html).not.toContain('Open in ThreatQ');
  });

  it('names a type a plugin added in the heading', () => {
    const [message] = formatter.format([watchlistAlert()], 'CASE_UPDATE');
    expect(message?.subject).toContain('CASE_UPDATE alert');
    expect(message?.headers?.['X-TQAlert-Type']).toBe('CASE_UPDATE');
  });

  it('renders several alerts as one digest table, most severe first, with the strictest TLP', () => {
    const alerts = manyAlerts(3, (i) => ({
      severity: (['low', 'critical', 'medium'] as const)[i],
      tlp: (['GREEN', 'AMBER', 'CLEAR'] as const)[i],
    }));
    const messages = formatter.format(alerts, NotificationTypes.WATCHLIST);
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(message?.subject).toBe('[TQ Alert] 3 watchlist changes, highest severity CRITICAL');
    const order = ['Marker-00002-end', 'Marker-00003-end', 'Marker-00001-end'].map((m) =>
      message?.html.indexOf(m),
    );
    expect(order).toEqual([...order].sort((a, b) => (a ?? 0) - (b ?? 0)));
    expect(message?.html).toContain('TLP:AMBER');
    expect(message?.text).toMatch(/^Digest of watchlist changes · CRITICAL · TLP:AMBER$/m);
    expect(message?.headers?.['X-TQAlert-Alert-Count']).toBe('3');
    expect(message?.html).not.toContain('Part 1 of');
  });

  it('returns no message for no alerts', () => {
    expect(formatter.format([], NotificationTypes.WATCHLIST)).toEqual([]);
  });

  it('has no scripts, no external resources and no <style> block: inline CSS only', () => {
    const [message] = formatter.format(manyAlerts(5), NotificationTypes.WATCHLIST);
    expect(message?.html).not.toMatch(/<script|<style|<link|<img|src=|url\(/i);
    expect(message?.html).toContain('style="');
  });

  it('marks automated mail so auto-responders stay quiet', () => {
    const [message] = formatter.format([watchlistAlert()], NotificationTypes.WATCHLIST);
    expect(message?.headers).toMatchObject({
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'All',
    });
  });
});

describe('defanging', () => {
  const alert = watchlistAlert({
    object: { collection: 'indicators', id: 1, value: 'https://evil.example.com/login', type: 'URL' },
    title: 'https://evil.example.com/login was seen',
    summary:
      'Also contacted http://other.example.org and mail to bad@evil.example.com; version 1.2 unchanged.',
  });

  it('defangs the indicator and URLs by default, in subject, HTML and text, leaving other text alone', () => {
    const [message] = new EmailFormatter().format([alert], NotificationTypes.WATCHLIST);
    expect(message?.subject).toContain('hxxps://evil[.]example[.]com/login was seen');
    for (const body of [message?.html, message?.text]) {
      expect(body).not.toContain('https://evil');
      expect(body).not.toContain('http://other');
      expect(body).toContain('hxxp://other[.]example[.]org');
      expect(body).toContain('version 1.2 unchanged.');
    }
  });

  it('can be turned off', () => {
    const [message] = new EmailFormatter({ defang: false }).format([alert], NotificationTypes.WATCHLIST);
    expect(message?.text).toContain('https://evil.example.com/login was seen');
    expect(message?.text).not.toContain('defanged');
  });
});

describe('guide sequence', () => {
  it('supports setData() → formatData() → getFormatted()', () => {
    const formatter = new EmailFormatter(NotificationTypes.WATCHLIST);
    expect(() => formatter.getFormatted()).toThrow(/before setData/);
    const [message] = formatter.setData([watchlistAlert()]).formatData().getFormatted();
    expect(message?.subject).toContain('Watchlist change');
  });
});
