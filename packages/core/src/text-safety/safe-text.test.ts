import { describe, expect, it } from 'vitest';
import { defangIndicator, defangText, neutraliseBidi, safeText } from './safe-text.js';
import { createEscaper } from './text-escaper.js';

describe('defangText', () => {
  it('11.4 defangs bare domains, www. hosts, IPv4, IPv6, emails and URLs in one style', () => {
    const text =
      'Beacon to evil-host.com and www.update-check.zz from 203.0.113.7 and 2001:db8::1, mail billing@invoices.co.uk, payload at https://cdn.evil.ru/x.php?a=1.';
    expect(defangText(text)).toBe(
      'Beacon to evil-host[.]com and www[.]update-check[.]zz from 203[.]0[.]113[.]7 and 2001[:]db8[:][:]1, mail billing[@]invoices[.]co[.]uk, payload at hxxps://cdn[.]evil[.]ru/x[.]php?a=1.',
    );
  });

  it('leaves versions, times, decimals, MAC addresses and sentence stops alone', () => {
    const text =
      'Version 1.2.3 at 12:30:00 on 2026-03-01T12:00:00.000Z scored 7.5 (e.g. v1.2). MAC 00:1a:2b:3c:4d:5e. Done.';
    expect(defangText(text)).toBe(text);
  });

  it("defangs the alert's own indicator wherever it appears, even without a known suffix", () => {
    expect(defangText('Resolved evil.zz twice: xevil.zzy', ['evil.zz'])).toBe(
      'Resolved evil[.]zz twice: xevil[.]zzy',
    );
    expect(defangText('nothing here', 'evil.zz')).toBe('nothing here');
  });

  it('is idempotent and keeps already defanged parts', () => {
    const once = defangText('see http://a.evil.com/x and 1.2.3.4 and a@b.com and ::1');
    expect(once).toBe('see hxxp://a[.]evil[.]com/x and 1[.]2[.]3[.]4 and a[@]b[.]com and [:][:]1');
    expect(defangText(once)).toBe(once);
  });

  it('takes a host that starts like an address whole, and trailing punctuation out of URLs', () => {
    expect(defangText('via 10.0.0.1.nip.io now')).toBe('via 10[.]0[.]0[.]1[.]nip[.]io now');
    expect(defangText('(see https://evil.com/a).')).toBe('(see hxxps://evil[.]com/a).');
    expect(defangText('https://en.wiki.org/A_(b)')).toBe('hxxps://en[.]wiki[.]org/A_(b)');
    expect(defangText('x_y.evil.com and a+b@c.io')).toBe('x_y[.]evil[.]com and a+b[@]c[.]io');
    expect(defangText('https://r.example/?u=HTTPS://2130706433/x')).toBe(
      'hxxps://r[.]example/?u=hxxps://2130706433/x',
    );
    expect(defangText('xhttps://2130706433/ and https:// and ::1a.com')).toBe(
      'xhxxps://2130706433/ and hxxps:// and ::1a[.]com',
    );
  });

  it('leaves long runs that only look like indicators as they are', () => {
    const hostile = `${'a.'.repeat(50_000)}a ${'x@'.repeat(20_000)} ${'1.'.repeat(3)}`;
    expect(defangText(hostile)).toBe(hostile);
  });
});

describe('defangIndicator', () => {
  it('defangs a whole value: scheme, every dot and @, IPv6 colons, idempotently', () => {
    expect(defangIndicator('http://evil.example/a.b')).toBe('hxxp://evil[.]example/a[.]b');
    expect(defangIndicator('HTTPS://1.2.3.4')).toBe('hxxps://1[.]2[.]3[.]4');
    expect(defangIndicator('ftp://files.example')).toBe('fxp://files[.]example');
    expect(defangIndicator('setup.exe')).toBe('setup[.]exe');
    expect(defangIndicator('fe80::1')).toBe('fe80[:][:]1');
    expect(defangIndicator(defangIndicator('http://user@evil.example'))).toBe('hxxp://user[@]evil[.]example');
  });
});

describe('bidi controls', () => {
  it('11.15 neutralises every bidi control, defanged or not', () => {
    const controls = '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C';
    expect(neutraliseBidi(`a${controls}b`)).toBe(`a${'\uFFFD'.repeat(12)}b`);
    expect(safeText('\u202Emoc.elgoog', { defang: false })).toBe('\uFFFDmoc.elgoog');
    expect(defangText('http://x.com/\u202Eexe.pdf')).toBe('hxxp://x[.]com/\uFFFDexe.pdf');
  });
});

describe('escaping in the same pass', () => {
  const entities = createEscaper(
    '&<>',
    (text, i) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[text[i] ?? ''],
  );

  it('escapes text around and inside tokens, never the defang markers', () => {
    expect(safeText('<b> a&b http://x.com/?a=1&b=2 <', { escaper: entities })).toBe(
      '&lt;b&gt; a&amp;b hxxp://x[.]com/?a=1&amp;b=2 &lt;',
    );
  });

  it('escapes only, when defang is off', () => {
    expect(safeText('<a> evil.com', { escaper: entities, defang: false })).toBe('&lt;a&gt; evil.com');
  });

  it('refuses non-ASCII special characters', () => {
    expect(() => createEscaper('→', () => undefined)).toThrow(/must be ASCII/);
  });
});
