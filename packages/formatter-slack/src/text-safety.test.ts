import { describe, expect, it } from 'vitest';
import { defangIndicator, defangText } from './defang.js';
import { escapeMrkdwn, mrkdwnLink, neutralisePlainText } from './mrkdwn-escape.js';
import { splitText } from './text-chunks.js';

describe('escaping', () => {
  it('escapes &, < and > and breaks broadcast mentions in mrkdwn', () => {
    expect(escapeMrkdwn('a & b <!channel> <@U1> @here @Everyone')).toBe(
      'a &amp; b &lt;!channel&gt; &lt;@U1&gt; @\u2060here @\u2060Everyone',
    );
  });

  it('breaks mentions and tags in plain text without entities', () => {
    expect(neutralisePlainText('<!here> & <#C1> <script> @channel')).toBe(
      '<\u2060!here> & <\u2060#C1> <\u2060script> @\u2060channel',
    );
  });

  it('keeps a link URL from ending early', () => {
    expect(mrkdwnLink('https://x.example/?a=1&b=|>', 'label')).toBe(
      '<https://x.example/?a=1&amp;b=%7C%3E|label>',
    );
  });
});

describe('defanging', () => {
  it('defangs an indicator, idempotently', () => {
    expect(defangIndicator('http://evil.example/a.b')).toBe('hxxp://evil[.]example/a[.]b');
    expect(defangIndicator('HTTPS://1.2.3.4')).toBe('hxxps://1[.]2[.]3[.]4');
    expect(defangIndicator('ftp://files.example')).toBe('fxp://files[.]example');
    expect(defangIndicator(defangIndicator('http://evil.example'))).toBe('hxxp://evil[.]example');
  });

  it("defangs URLs and the alert's indicators in free text, and leaves other dots alone", () => {
    expect(defangText('Seen at https://bad.example/x.php on v1.2 of evil.example', ['evil.example'])).toBe(
      'Seen at hxxps://bad[.]example/x[.]php on v1.2 of evil[.]example',
    );
  });
});

describe('splitText', () => {
  it('returns text that fits as one piece', () => {
    expect(splitText('short', 10)).toEqual(['short']);
  });

  it('cuts at line breaks, then spaces, dropping only the separator', () => {
    expect(splitText('aaaa bbbb\ncccc dddd', 12)).toEqual(['aaaa bbbb', 'cccc dddd']);
    expect(splitText('aaaa bbbb cccc', 10)).toEqual(['aaaa bbbb', 'cccc']);
  });

  it('never cuts inside an entity or a surrogate pair', () => {
    const pieces = splitText(`${'x'.repeat(8)}&amp;yy`, 10);
    expect(pieces).toEqual(['x'.repeat(8), '&amp;yy']);
    const emoji = splitText(`${'x'.repeat(9)}😀z`, 10);
    expect(emoji).toEqual(['x'.repeat(9), '😀z']);
  });

  it('keeps every character of text without separators', () => {
    const text = 'q'.repeat(95);
    const pieces = splitText(text, 10);
    expect(pieces.every((p) => p.length <= 10)).toBe(true);
    expect(pieces.join('')).toBe(text);
  });
});
