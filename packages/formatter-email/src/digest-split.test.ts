import { NotificationTypes } from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import { EmailFormatter } from './email-formatter.js';
import { manyAlerts, occurrences } from './test-alerts.js';

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

describe('digest split', () => {
  it('splits 1,000 alerts into complete parts under 100 KB with every alert present exactly once', () => {
    const alerts = manyAlerts(1_000);
    const formatter = new EmailFormatter({ threatqUrl: 'https://tq.example.com' });
    const messages = formatter.format(alerts, NotificationTypes.WATCHLIST);

    expect(messages.length).toBeGreaterThan(1);
    const count = messages.length;
    messages.forEach((message, i) => {
      expect(bytes(message.html)).toBeLessThan(100_000);
      expect(message.html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(message.html.endsWith('</html>')).toBe(true);
      expect(message.subject).toMatch(new RegExp(`\\(part ${i + 1} of ${count}\\)$`));
      expect(message.html).toContain(`Part ${i + 1} of ${count}`);
      expect(message.text).toContain(`Part ${i + 1} of ${count}`);
      expect(message.html).toContain('together they hold all 1,000 alerts, numbered 1 to 1,000');
      expect(message.html).toContain('Open in ThreatQ');
      expect(message.headers?.['X-TQAlert-Part']).toBe(`${i + 1}/${count}`);
    });

    const html = messages.map((message) => message.html).join('\n');
    const text = messages.map((message) => message.text).join('\n');
    for (let i = 1; i <= 1_000; i += 1) {
      const marker = `Marker-${String(i).padStart(5, '0')}-end`;
      expect(occurrences(html, marker), marker).toBe(1);
      expect(occurrences(text, marker), marker).toBe(1);
      expect(occurrences(html, `href="https://tq.example.com/indicators/${i}/details"`)).toBe(1);
    }
    // Rows are numbered 1…1000 across the parts, in order.
    const numbers = [...text.matchAll(/^- #: (\d+) \|/gm)].map((match) => Number(match[1]));
    expect(numbers).toEqual(Array.from({ length: 1_000 }, (_, i) => i + 1));
  });

  it('keeps every part within the budget even when every value is as large and as escape-heavy as allowed', () => {
    const huge = `"&<>'`.repeat(4_000);
    const alerts = manyAlerts(60, (i) => ({
      title: `Marker-${String(i + 1).padStart(5, '0')}-end ${huge}`,
      summary: huge,
      object: {
        collection: 'indicators',
        id: i + 1,
        value: `${huge}.example`,
        type: huge,
        link: `https://tq.example.com/${"&'".repeat(480)}`,
      },
      changes: [{ field: huge, before: huge, after: huge }],
    }));
    for (const maxHtmlBytes of [30_000, 100_000]) {
      const messages = new EmailFormatter({ maxHtmlBytes }).format(alerts, NotificationTypes.DATA_COLLECTION);
      for (const message of messages) expect(bytes(message.html)).toBeLessThanOrEqual(maxHtmlBytes);
      const text = messages.map((message) => message.text).join('\n');
      for (let i = 1; i <= 60; i += 1)
        expect(occurrences(text, `Marker-${String(i).padStart(5, '0')}-end`)).toBe(1);
      expect(text).toContain('more characters not shown; the full value is in ThreatQ]');
    }
  });

  it('splits one alert with thousands of changes the same way, heading repeated in each part', () => {
    const alert = manyAlerts(1, () => ({
      changes: Array.from({ length: 3_000 }, (_, i) => ({
        field: `tag-${i + 1}`,
        before: null,
        after: `value-${i + 1}`,
      })),
    }))[0];
    if (!alert) throw new Error('no alert');
    const messages = new EmailFormatter().format([alert], NotificationTypes.WATCHLIST);
    expect(messages.length).toBeGreaterThan(1);
    const html = messages.map((message) => message.html).join('');
    for (let i = 1; i <= 3_000; i += 1) expect(occurrences(html, `>tag-${i}<`)).toBe(1);
    for (const message of messages) {
      expect(bytes(message.html)).toBeLessThan(100_000);
      expect(message.html).toContain('Marker-00001-end');
    }
    expect(messages[1]?.html).toContain('Changes (continued)');
  });
});
