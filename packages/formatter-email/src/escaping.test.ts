import { NotificationTypes } from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import { EmailFormatter } from './email-formatter.js';
import { hasControlCharacter, watchlistAlert } from './test-alerts.js';

const hostile = '<script>alert("x")</script> & <img src=x onerror=alert(1)> \'quoted\'';

describe('EmailFormatter escaping', () => {
  it('escapes every upstream value in the HTML and keeps it readable in the text', () => {
    const alert = watchlistAlert({
      title: `Title ${hostile}`,
      summary: `Summary ${hostile}`,
      object: { collection: 'adversaries', id: 7, value: `Adversary ${hostile}`, type: `Type ${hostile}` },
      changes: [{ field: `field ${hostile}`, before: `before ${hostile}`, after: [`after ${hostile}`] }],
      sources: [`source ${hostile}`],
      tags: [`tag ${hostile}`],
      fields: { [`label ${hostile}`]: `value ${hostile}` },
      service: `svc ${hostile}`,
    });
    const [message] = new EmailFormatter().format([alert], NotificationTypes.WATCHLIST);
    const html = message?.html ?? '';
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('"x"');
    expect(html).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt; &#39;quoted&#39;',
    );
    // Every one of the ten places above shows the escaped text (title twice: <title> and heading).
    expect(html.split('&lt;script&gt;').length - 1).toBeGreaterThanOrEqual(11);
    expect(message?.text).toContain(`Summary ${hostile}`);
    expect(message?.text).toContain(`label ${hostile}: value ${hostile}`);
  });

  it('escapes a lone ampersand exactly once', () => {
    const [message] = new EmailFormatter().format(
      [watchlistAlert({ title: 'Fish & Chips &amp; more', summary: '' })],
      NotificationTypes.FREE_FORM,
    );
    expect(message?.html).toContain('Fish &amp; Chips &amp;amp; more');
  });

  it('never turns an upstream javascript: or data: link into a link, and escapes a real one', () => {
    const formatter = new EmailFormatter({ threatqUrl: 'https://tq.example.com/' });
    const [bad] = formatter.format(
      [
        watchlistAlert({
          object: { collection: 'indicators', id: 9, value: 'x.example', link: 'javascript:alert(1)' },
        }),
      ],
      NotificationTypes.WATCHLIST,
    );
    expect(bad?.html).not.toContain('javascript:');
    // Falls back to the link built from threatqUrl instead.
    expect(bad?.html).toContain('href="https://tq.example.com/indicators/9/details"');

    const [quoted] = formatter.format(
      [
        watchlistAlert({
          object: {
            collection: 'indicators',
            id: 9,
            value: 'x.example',
            link: 'https://tq.example.com/a?b=1&c="2"',
          },
        }),
      ],
      NotificationTypes.WATCHLIST,
    );
    expect(quoted?.html).toContain('href="https://tq.example.com/a?b=1&amp;c=%222%22"');
  });

  it('drops control characters from the body', () => {
    const [message] = new EmailFormatter().format(
      [watchlistAlert({ summary: 'bell\u0007 escape\u001b[31m nul\u0000 end' })],
      NotificationTypes.WATCHLIST,
    );
    expect(message?.html).toContain('bell escape[31m nul end');
    expect(message?.text).toContain('bell escape[31m nul end');
    expect(hasControlCharacter(message?.html ?? '')).toBe(false);
  });
});
