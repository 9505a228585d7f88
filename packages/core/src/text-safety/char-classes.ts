/**
 * Character classes the text-safety scanner tests one UTF-16 code unit at a time: one lookup in a table of bit
 * flags instead of regular expressions or chains of comparisons, so scanning a value is one pass with no
 * allocation and few branches.
 */

const DIGIT = 1;
const LETTER = 2;
const HEX_LETTER = 4;
const HYPHEN = 8;
/** `.`, `_`, `%`, `+`: with letters, digits and `-`, what a word an indicator starts with may hold. */
const WORD_PUNCTUATION = 16;
/** ASCII characters that end a URL in text: controls, space, `"`, `'`, `<`, `>`, backtick and `|`. */
const URL_END = 32;
const WORDISH = DIGIT | LETTER | HYPHEN | WORD_PUNCTUATION;

/**
 * The flags of every UTF-16 code unit (64 Ki entries, so any `charCodeAt` result is in range; only ASCII has
 * flags). Callers index it with `code & 0xffff`: `charCodeAt` past the end gives NaN, and `NaN & 0xffff` is 0,
 * NUL, which has no class but {@link URL_END}, so a lookup never leaves the table.
 */
const FLAGS = new Uint8Array(0x10000);
for (let code = 48; code <= 57; code++) FLAGS[code] = DIGIT;
for (let code = 65; code <= 90; code++) FLAGS[code] = FLAGS[code + 32] = LETTER;
for (let code = 65; code <= 70; code++) FLAGS[code] = FLAGS[code + 32] = LETTER | HEX_LETTER;
FLAGS[45] = HYPHEN;
for (const code of [46, 95, 37, 43]) FLAGS[code] = WORD_PUNCTUATION;
for (let code = 0; code <= 0x20; code++) FLAGS[code] = URL_END;
for (const code of [0x7f, 60, 62, 34, 39, 96, 124]) FLAGS[code] = URL_END;

/** The flags of `code`. */
function flagsOf(code: number): number {
  return FLAGS[code & 0xffff] as number;
}

/** `0`–`9`. */
export function isDigit(code: number): boolean {
  return (flagsOf(code) & DIGIT) !== 0;
}

/** ASCII `A`–`Z` and `a`–`z`. */
export function isAsciiLetter(code: number): boolean {
  return (flagsOf(code) & LETTER) !== 0;
}

/** ASCII letter or digit. */
export function isAlphanumeric(code: number): boolean {
  return (flagsOf(code) & (DIGIT | LETTER)) !== 0;
}

/** `0`–`9`, `a`–`f`, `A`–`F`. */
export function isHexDigit(code: number): boolean {
  return (flagsOf(code) & (DIGIT | HEX_LETTER)) !== 0;
}

/** A character of a host name label: letter, digit or `-`. */
export function isLabelChar(code: number): boolean {
  return (flagsOf(code) & (DIGIT | LETTER | HYPHEN)) !== 0;
}

/** A character a word an indicator starts with may hold: letter, digit, `.`, `-`, `_`, `%` or `+`. */
export function isWordish(code: number): boolean {
  return (flagsOf(code) & WORDISH) !== 0;
}

/** An ASCII character that ends a URL in text (see {@link URL_END}); false for every other code unit. */
export function isAsciiUrlEnd(code: number): boolean {
  return (flagsOf(code) & URL_END) !== 0 && code < 128;
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
