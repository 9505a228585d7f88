import { BIDI_REPLACEMENT, isBidiControl } from '@tqalert/core';

/** Turns any upstream value (a score, a list of tags, an object) into the text a reader sees. */
export function displayValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map(displayValue).join(', ');
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Caps `text` at `maxChars` characters. A cut is never silent: the text ends with a note saying how much is not
 * shown and where to read it.
 */
export function capText(text: string, maxChars: number): string {
  const chars = Array.from(text);
  if (chars.length <= maxChars) return text;
  const hidden = chars.length - maxChars;
  return `${chars.slice(0, maxChars).join('')}… [${hidden.toLocaleString('en-US')} more characters not shown; the full value is in ThreatQ]`;
}

/** Splits long text into pieces of at most `maxChars` characters, preferring line and word breaks. Loses nothing. */
export function chunkText(text: string, maxChars: number): string[] {
  const chars = Array.from(text);
  const chunks: string[] = [];
  let start = 0;
  while (start < chars.length) {
    let end = Math.min(start + maxChars, chars.length);
    if (end < chars.length) {
      const window = chars.slice(start, end).join('');
      const breakAt = Math.max(window.lastIndexOf('\n'), window.lastIndexOf(' '));
      // Only break early when that keeps a reasonable share of the piece.
      if (breakAt > maxChars / 2) end = start + Array.from(window.slice(0, breakAt + 1)).length;
    }
    chunks.push(chars.slice(start, end).join(''));
    start = end;
  }
  return chunks;
}

/**
 * Drops control characters other than tab and line breaks: they have no business in a mail body. Bidi controls
 * become `�` (U+FFFD), as everywhere upstream text is shown, so no text reads differently from what it is; this
 * covers every string the renderers print, labels and notices included.
 */
export function printable(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const control =
      (code < 0x20 && char !== '\t' && char !== '\n' && char !== '\r') || (code >= 0x7f && code <= 0x9f);
    if (!control) out += isBidiControl(code) ? BIDI_REPLACEMENT : char;
  }
  return out;
}
