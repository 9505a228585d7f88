/**
 * True for characters that must never reach a header line: C0 and C1 controls (CR and LF among them, so no header
 * can be injected), DEL, the Unicode line and paragraph separators, the bidirectional overrides and isolates that
 * make a subject read differently from what it says, and the byte-order mark.
 */
function unsafeInHeader(code: number): boolean {
  return (
    code <= 0x1f ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0xfeff
  );
}

/**
 * Makes text safe for one header line: every unsafe character becomes a space, runs of white space collapse to
 * one, the ends are trimmed.
 */
export function headerSafe(text: string): string {
  let out = '';
  for (const char of text) out += unsafeInHeader(char.codePointAt(0) ?? 0) ? ' ' : char;
  return out.replace(/\s+/g, ' ').trim();
}

/** Header text cut to size, and whether it was cut. */
export interface CappedText {
  text: string;
  shortened: boolean;
}

/**
 * Makes `text` header-safe and caps it at `max` characters (code points), ending a shortened one with `…`.
 * Never splits a surrogate pair.
 */
export function capHeaderText(text: string, max: number): CappedText {
  const chars = Array.from(headerSafe(text));
  if (chars.length <= max) return { text: chars.join(''), shortened: false };
  return {
    text: `${chars
      .slice(0, Math.max(0, max - 1))
      .join('')
      .trimEnd()}…`,
    shortened: true,
  };
}
