import { describe, expect, it } from 'vitest';
import { stripControlChars } from './control-chars.js';

describe('stripControlChars', () => {
  it('11.8 removes ANSI CSI and OSC sequences whole, C0/C1 controls and bidi controls', () => {
    const hostile =
      'Alert \u001b[31mRED\u001b[0m \u001b]0;pwned title\u0007\u001b]8;;https://evil.example\u001b\\link\u001b]8;;\u001b\\ \u009b2Jx\u0007\u0008\r\u202emoc.elgoog\u202c \u2066iso\u2069';
    expect(stripControlChars(hostile)).toBe('Alert RED link xmoc.elgoog iso');
  });

  it('11.8 keeps line feeds and tabs only in multi-line output', () => {
    expect(stripControlChars('a\r\nb\tc\nd', { multiline: true })).toBe('a\nb\tc\nd');
    expect(stripControlChars('a\r\nb\nc')).toBe('a b c');
  });

  it('leaves ordinary text, accents and emoji alone', () => {
    expect(stripControlChars('Café ✓ 198.51.100.7 — “ok” 🚨')).toBe('Café ✓ 198.51.100.7 — “ok” 🚨');
  });
});
