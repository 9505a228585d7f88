/**
 * How the scanner writes what it found: a token defanged (`[.]`, `[@]`, `[:]`, `hxxps://`), every other character
 * escaped for the output format, bidi controls neutralised.
 */
import { isBidiControl } from './char-classes.js';
import { DEFANGED_SCHEMES, embeddedSchemeStart, type IndicatorKind, schemeAt } from './indicator-match.js';
import type { TextEscaper } from './text-escaper.js';

/** What a bidi control becomes. */
export const BIDI_REPLACEMENT = '\uFFFD';

const DOT = 46;
const AT = 64;
const COLON = 58;

/** `[.]`-style marker around `text[index]` already? Then it stays as it is. */
function bracketed(text: string, index: number): boolean {
  return text.charCodeAt(index - 1) === 91 && text.charCodeAt(index + 1) === 93;
}

/** The defanged form of the punctuation at `index` inside a token of `kind`, or undefined to escape it. */
export function marker(text: string, index: number, code: number, kind: IndicatorKind): string | undefined {
  if (code === DOT) return bracketed(text, index) ? '.' : '[.]';
  if (code === AT) return bracketed(text, index) ? '@' : '[@]';
  if (code === COLON && kind === 'ipv6') return bracketed(text, index) ? ':' : '[:]';
  return undefined;
}

/** The replacement of a non-token character: escaped, bidi neutralised, or `undefined` to copy it. */
export function plainReplacement(
  text: string,
  index: number,
  code: number,
  escaper: TextEscaper,
): string | undefined {
  if (code < 128) return escaper.table[code] === 1 ? escaper.escape(text, index) : undefined;
  return isBidiControl(code) ? BIDI_REPLACEMENT : undefined;
}

/**
 * `text[start, end)`, a token of `kind`, defanged; its other characters escaped. `work` is the scanner's table
 * for `escaper` with defanging (nonzero at the escaper's specials, `.`, `@`, `:` and bidi controls): every other
 * character is copied as it is.
 */
export function defangedToken(
  text: string,
  start: number,
  end: number,
  kind: IndicatorKind,
  escaper: TextEscaper,
  work: Uint8Array,
): string {
  let out = '';
  let last = start;
  let i = start;
  const scheme = kind === 'url' ? schemeAt(text, start) : undefined;
  if (scheme !== undefined) {
    out = DEFANGED_SCHEMES[scheme] ?? scheme;
    i = last = start + scheme.length;
  }
  for (; i < end; i++) {
    const code = text.charCodeAt(i);
    if (work[code] === 0) continue;
    if (code === COLON && kind === 'url') {
      // A URL inside the URL (`hxxps://x/?u=https://evil`) loses its scheme too.
      const inner = embeddedSchemeStart(text, i, last);
      if (inner >= 0) {
        out += text.slice(last, inner) + (DEFANGED_SCHEMES[text.slice(inner, i).toLowerCase()] ?? '');
        last = i;
        continue;
      }
    }
    const replacement = marker(text, i, code, kind) ?? plainReplacement(text, i, code, escaper);
    if (replacement !== undefined) {
      out += text.slice(last, i) + replacement;
      last = i + 1;
    }
  }
  return out + text.slice(last, end);
}
