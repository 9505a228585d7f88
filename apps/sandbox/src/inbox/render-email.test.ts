import { describe, expect, it } from 'vitest';
import { escapeHtml } from './escape-html.js';
import { EMAIL_FRAME_PREFIX, renderEmail } from './render-email.js';

const base = {
  subject: 'Watchlist: <b>score</b> raised',
  from: [{ name: 'TQ Alert', address: 'alerts@tqalert.test' }],
  to: [{ name: '', address: 'soc@example.com' }],
  text: 'Score 9 <plain>',
  html: '<p onclick="x()">Score <b>9</b> "quoted" &amp; more</p><script>alert(1)</script>',
};

describe('renderEmail', () => {
  it('puts the HTML body only in a sandboxed iframe without scripts, escaped into srcdoc after the fit rules', () => {
    const html = renderEmail(base, 0);
    const iframe = /<iframe[^>]*>/.exec(html)?.[0] ?? '';
    // Same-origin so the page can size the frame; no allow-scripts, forms, pop-ups or top navigation.
    expect(iframe).toContain('sandbox="allow-same-origin"');
    const srcdoc = /srcdoc="([^"]*)"/.exec(iframe)?.[1] ?? '';
    expect(srcdoc).toBe(escapeHtml(EMAIL_FRAME_PREFIX + base.html));
    expect(srcdoc).toContain(
      '&lt;p onclick=&quot;x()&quot;&gt;Score &lt;b&gt;9&lt;/b&gt; &quot;quoted&quot; &amp;amp; more&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;',
    );
    // Outside the iframe's attribute, nothing of the email is markup.
    const outside = html.replace(/srcdoc="[^"]*"/, '');
    expect(outside).not.toMatch(/<script|<b>|<p /);
  });

  it('starts the frame in standards mode with rules that let wide tables wrap and the height follow content', () => {
    expect(EMAIL_FRAME_PREFIX.startsWith('<!doctype html>')).toBe(true);
    expect(EMAIL_FRAME_PREFIX).toContain('table { max-width: 100% !important; }');
    expect(EMAIL_FRAME_PREFIX).toContain('height: auto !important');
  });

  it('shows when the email was sent as a time element with the ISO instant on hover', () => {
    const html = renderEmail({ ...base, parsed: { date: new Date('2026-12-02T06:30:05Z') } }, 0);
    expect(html).toContain(
      '<time datetime="2026-12-02T06:30:05.000Z" title="2026-12-02T06:30:05.000Z">06:30:05 UTC</time>',
    );
  });

  it('shows subject, from, to and the text alternative, escaped', () => {
    const html = renderEmail(base, 2);
    expect(html).toContain('<h3 class="mail-subject">Watchlist: &lt;b&gt;score&lt;/b&gt; raised</h3>');
    expect(html).toContain('<dd>TQ Alert &lt;alerts@tqalert.test&gt;</dd>');
    expect(html).toContain('<dd>soc@example.com</dd>');
    expect(html).toContain('<pre>Score 9 &lt;plain&gt;</pre>');
    expect(html).toContain('email 3');
  });

  it('shows a text-only email as text, with no iframe', () => {
    const html = renderEmail({ ...base, html: undefined, subject: undefined }, 0);
    expect(html).not.toContain('<iframe');
    expect(html).toContain('(no subject)');
    expect(html).toContain('<pre class="mail-text-only">Score 9 &lt;plain&gt;</pre>');
  });
});

describe('the replica that sent an email', () => {
  it('is shown from its X-TQAlert-Replica header', () => {
    const headers = new Map([['x-tqalert-replica', 'replica-3']]);
    expect(renderEmail({ ...base, headers }, 0)).toContain('sent by replica-3');
    expect(renderEmail(base, 0)).not.toContain('sent by');
  });
});
