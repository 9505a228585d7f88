/**
 * Character classes the text-safety scanner tests one UTF-16 code unit at a time: comparisons on char codes
 * instead of regular expressions, so scanning a value is one pass with no allocation.
 */

/** `0`–`9`. */
export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** ASCII `A`–`Z` and `a`–`z`. */
export function isAsciiLetter(code: number): boolean {
  const lower = code | 0x20;
  return lower >= 97 && lower <= 122;
}

/** ASCII letter or digit. */
export function isAlphanumeric(code: number): boolean {
  return isDigit(code) || isAsciiLetter(code);
}

/** `0`–`9`, `a`–`f`, `A`–`F`. */
export function isHexDigit(code: number): boolean {
  const lower = code | 0x20;
  return isDigit(code) || (lower >= 97 && lower <= 102);
}

/** A character of a host name label: letter, digit or `-`. */
export function isLabelChar(code: number): boolean {
  return isAlphanumeric(code) || code === 45;
}

/**
 * The Unicode bidirectional controls that make text read differently from what it is (`‮moc.elgoog` shows as
 * `google.com`): embeddings and overrides U+202A–202E, isolates U+2066–2069, the marks U+200E/U+200F and the
 * Arabic letter mark U+061C.
 */
export function isBidiControl(code: number): boolean {
  return (
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0x200e ||
    code === 0x200f ||
    code === 0x061c
  );
}
