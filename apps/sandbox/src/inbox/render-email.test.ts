import { describe, expect, it } from 'vitest';
import { renderEmail } from './render-email.js';

const base = {
  subject: 'Watchlist: <b>score</b> raised',
  from: [{ name: 'TQ Alert', address: 'alerts@tqalert.test' }],
  to: [{ name: '', address: 'soc@example.com' }],
  text: 'Score 9 <plain>',
  html: '<p onclick="x()">Score <b>9</b> "quoted" &amp; more</p><script>alert(1)</script>',
};

describe('renderEmail', () => {
  it('puts the HTML body only in a fully sandboxed iframe, escaped into srcdoc', () => {
    const html = renderEmail(base, 0);
    const iframe = /<iframe[^>]*>/.exec(html)?.[0] ?? '';
    expect(iframe).toContain('sandbox=""');
    expect(iframe).toContain(
      'srcdoc="&lt;p onclick=&quot;x()&quot;&gt;Score &lt;b&gt;9&lt;/b&gt; &quot;quoted&quot; &amp;amp; more&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;"',
    );
    // Outside the iframe's attribute, nothing of the email is markup.
    const outside = html.replace(/srcdoc="[^"]*"/, '');
    expect(outside).not.toMatch(/<script|<b>|<p /);
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
