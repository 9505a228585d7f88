import { describe, expect, it } from 'vitest';
import { renderMrkdwn, renderPlainText } from './render-mrkdwn.js';

describe('renderMrkdwn', () => {
  it('escapes markup in a message instead of rendering it', () => {
    const html = renderMrkdwn('<script>alert(1)</script> <img src=x onerror=alert(1)> "quoted" \'single\'');
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('&quot;quoted&quot;');
    expect(html).toContain('&#39;single&#39;');
  });

  it("shows Slack's own escapes as the characters they stand for, escaped once for HTML", () => {
    expect(renderMrkdwn('a &lt;b&gt; &amp; c &amp;lt;')).toBe('a &lt;b&gt; &amp; c &amp;lt;');
    expect(renderMrkdwn('&lt;script&gt;')).not.toContain('<script');
  });

  it('renders bold, italic, strike and inline code', () => {
    expect(renderMrkdwn('*Score* raised to _9_ ~was 5~ `198.51.100[.]7`')).toBe(
      '<strong>Score</strong> raised to <em>9</em> <del>was 5</del> <code>198.51.100[.]7</code>',
    );
  });

  it('renders a bold link, as formatters write a title that links to ThreatQ', () => {
    expect(renderMrkdwn('*<https://tq.example/i/1|Score of a *b* raised>*')).toBe(
      '<strong><a href="https://tq.example/i/1" target="_blank" rel="noopener noreferrer nofollow">Score of a *b* raised</a></strong>',
    );
  });

  it('shows known emoji shortcodes as glyphs that keep their shortcode, unknown ones as chips, none in code', () => {
    expect(renderMrkdwn(':large_orange_circle: high :made_up: `:red_circle:`')).toBe(
      '<span class="emoji" data-sc=":large_orange_circle:" title=":large_orange_circle:">🟠</span> high ' +
        '<span class="emoji-sc">:made_up:</span> <code>:red_circle:</code>',
    );
  });

  it('does not read clock times or words joined by colons as shortcodes', () => {
    expect(renderMrkdwn('seen at 10:30:00 by a:b:c')).toBe('seen at 10:30:00 by a:b:c');
  });

  it('marks defanged indicators with one style and never re-fangs or links them', () => {
    const html = renderMrkdwn(
      'Blocked hxxps://evil[.]example/a?b=1 and 198.51.100[.]7, see <https://tq.example/i/7|203.0.113[.]9>',
    );
    expect(html).toBe(
      'Blocked <span class="defanged">hxxps://evil[.]example/a?b=1</span> and ' +
        '<span class="defanged">198.51.100[.]7</span>, see ' +
        '<a href="https://tq.example/i/7" target="_blank" rel="noopener noreferrer nofollow">' +
        '<span class="defanged">203.0.113[.]9</span></a>',
    );
    expect(html).not.toContain('evil.example');
  });

  it('renders a long line of links with an unclosed asterisk (no runaway backtracking)', () => {
    const line = `*${Array.from({ length: 300 }, (_, i) => `<https://x.example/${i}|l${i}>`).join(' < ')}`;
    const html = renderMrkdwn(line);
    expect(html.match(/<a /g)).toHaveLength(300);
    expect(html.startsWith('*')).toBe(true);
  });

  it('leaves underscores and asterisks inside words alone', () => {
    expect(renderMrkdwn('snake_case_name and 2*3*4')).toBe('snake_case_name and 2*3*4');
  });

  it('does not format inside code', () => {
    expect(renderMrkdwn('`*not bold*`')).toBe('<code>*not bold*</code>');
    expect(renderMrkdwn('```\n*still* <b>raw</b>\n```')).toBe(
      '<pre class="code">*still* &lt;b&gt;raw&lt;/b&gt;</pre>',
    );
  });

  it('renders http and https links as anchors that open safely in a new tab', () => {
    const html = renderMrkdwn('see <https://threatq.example/indicators/7?a=1&amp;b=2|Indicator *7*>');
    expect(html).toBe(
      'see <a href="https://threatq.example/indicators/7?a=1&amp;b=2" target="_blank" rel="noopener noreferrer nofollow">Indicator *7*</a>',
    );
    expect(renderMrkdwn('<http://example.com/x>')).toContain('>http://example.com/x</a>');
  });

  it('never makes an anchor of javascript:, data: or mailto: links, and shows their label as text', () => {
    for (const source of [
      '<javascript:alert(1)|click me>',
      '<data:text/html,<b>x</b>|click me>',
      '<mailto:a@b.example|click me>',
    ]) {
      const html = renderMrkdwn(source);
      expect(html).not.toContain('<a');
      expect(html).not.toContain('javascript:');
    }
    expect(renderMrkdwn('<javascript:alert(1)|click me>')).toBe('click me');
  });

  it('escapes quotes in a link so it cannot break out of the href attribute', () => {
    const html = renderMrkdwn('<https://x.example/"onmouseover="alert(1)|x>');
    expect(html).not.toContain('"onmouseover');
    expect(html).toMatch(/^<a href="https:\/\/x\.example\/%22onmouseover=%22alert\(1\)"/);
  });

  it('renders user, channel and special mentions with names when known', () => {
    const names = {
      userName: (id: string) => (id === 'U1' ? 'zach' : undefined),
      channelName: () => 'tq-alerts',
    };
    expect(renderMrkdwn('<@U1> <@U2> <#C1> <!here> <!subteam^S1|@soc>', names)).toBe(
      '<span class="mention">@zach</span> <span class="mention">@U2</span> <span class="mention">#tq-alerts</span> ' +
        '<span class="mention">@here</span> <span class="mention">@soc</span>',
    );
  });

  it('keeps line breaks and renders quotes', () => {
    expect(renderMrkdwn('one\ntwo\n&gt; quoted\n&gt; more\nafter')).toBe(
      'one<br>two<blockquote>quoted<br>more</blockquote>after',
    );
  });

  it('escapes names from the lookup too', () => {
    expect(renderMrkdwn('<@U1>', { userName: () => '<b>evil</b>' })).toBe(
      '<span class="mention">@&lt;b&gt;evil&lt;/b&gt;</span>',
    );
  });
});

describe('renderPlainText', () => {
  it('escapes everything and keeps line breaks, with no mrkdwn', () => {
    expect(renderPlainText('*a* <b>\n&amp;')).toBe('*a* &lt;b&gt;<br>&amp;amp;');
  });
});
