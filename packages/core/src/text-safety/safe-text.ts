/**
 * One scanner per value: makes upstream text safe to show in one pass over its characters, doing at once what
 * used to be chains of `replace` calls:
 *
 * - **defang** every indicator-shaped token (URLs, emails, IPv4 and IPv6 addresses, host names with a public
 *   suffix or a `www.` label) and every occurrence of the alert's own indicator values, in one style:
 *   `hxxps://evil[.]example/a[.]php`, `user[@]evil[.]example`, `1[.]2[.]3[.]4`, `2001[:]db8[:][:]1`;
 * - **neutralise bidi controls** (U+202A–202E, U+2066–2069, U+200E/200F, U+061C): each becomes U+FFFD `�`, so
 *   `‮moc.elgoog` can no longer read as `google.com`, and the reader sees that something was there;
 * - **escape** for the output format, through a {@link TextEscaper} (Slack mrkdwn, Teams Markdown, …).
 *
 * Already defanged parts (`[.]`, `[@]`, `[:]`, `hxxp://`) are kept as they are, so defanging is idempotent.
 */
import { isAlphanumeric, isBidiControl, isHexDigit } from './char-classes.js';
import {
  DEFANGED_SCHEMES,
  embeddedSchemeStart,
  type IndicatorKind,
  matchIndicatorAt,
  RUN_ENDS_AT_AT,
  RUN_ENDS_AT_COLON,
  RUN_HAS_DOT,
  schemeAt,
} from './indicator-match.js';
import { NO_ESCAPING, type TextEscaper } from './text-escaper.js';

/** What a bidi control becomes. */
export const BIDI_REPLACEMENT = '\uFFFD';

const DOT = 46;
const AT = 64;
const COLON = 58;

/** How {@link safeText} treats one value. */
export interface SafeTextOptions {
  /** Defang indicator-shaped tokens and `indicators`. Default `true`; bidi controls are neutralised either way. */
  defang?: boolean;
  /**
   * Values defanged wherever they appear, even when they do not look like an indicator (the alert's own
   * indicator: `evil.zz`). Values shorter than 4 characters or without `.`, `:` or `@` are ignored.
   */
  indicators?: readonly string[];
  /**
   * The value is one indicator shown whole (an object value): every `.` and `@` in it is defanged, not only
   * those of tokens it contains.
   */
  whole?: boolean;
  /** Escaping of the output format. Default none. */
  escaper?: TextEscaper;
}

/**
 * Options in one fixed shape. The scanner runs for every value of every alert: options of many shapes would make
 * each property read a slow, megamorphic one. {@link prepareSafeText} makes them once, for many values.
 */
class PreparedOptions implements SafeTextOptions {
  /** 1 at the char codes below 128 where the scan has work: the escaper's specials, and `.@:` when defanging. */
  readonly work: Uint8Array;
  /** The alert's own indicators as shown (defanged whole, escaped), made once for all values. */
  private shownIndicators: Map<string, string> | undefined;

  constructor(
    readonly defang: boolean,
    readonly indicators: readonly string[] | undefined,
    readonly whole: boolean,
    readonly escaper: TextEscaper,
  ) {
    this.work = workTable(escaper.table, defang);
  }

  /** `value` (one of `indicators`) defanged whole and escaped. */
  shownIndicator(value: string): string {
    this.shownIndicators ??= new Map();
    let shown = this.shownIndicators.get(value);
    if (shown === undefined) {
      shown = safeText(value, wholeWith(this.escaper));
      this.shownIndicators.set(value, shown);
    }
    return shown;
  }
}

const wholeOptions = new WeakMap<TextEscaper, PreparedOptions>();

/** Options that defang a whole value and escape it with `escaper`; one per escaper. */
function wholeWith(escaper: TextEscaper): PreparedOptions {
  let options = wholeOptions.get(escaper);
  if (options === undefined) {
    options = new PreparedOptions(true, undefined, true, escaper);
    wholeOptions.set(escaper, options);
  }
  return options;
}

const workTables = new WeakMap<Uint8Array, Uint8Array>();

/** The escaper's table, plus `.`, `@` and `:` when defanging; made once per escaper. */
function workTable(table: Uint8Array, defang: boolean): Uint8Array {
  if (!defang) return table;
  let work = workTables.get(table);
  if (work === undefined) {
    work = Uint8Array.from(table);
    work[DOT] = 1;
    work[AT] = 1;
    work[COLON] = 1;
    workTables.set(table, work);
  }
  return work;
}

/**
 * `options` prepared for many {@link safeText} calls (a formatter makes them once per alert or once per module):
 * the same result as passing them as they are, read faster.
 */
export function prepareSafeText(options: SafeTextOptions = {}): SafeTextOptions {
  if (options instanceof PreparedOptions) return options;
  return new PreparedOptions(
    options.defang !== false,
    options.indicators,
    options.defang !== false && options.whole === true,
    options.escaper ?? NO_ESCAPING,
  );
}

const DEFAULTS = prepareSafeText();

/** `[.]`-style marker around `text[index]` already? Then it stays as it is. */
function bracketed(text: string, index: number): boolean {
  return text.charCodeAt(index - 1) === 91 && text.charCodeAt(index + 1) === 93;
}

/** The defanged form of the punctuation at `index` inside a token of `kind`, or undefined to escape it. */
function marker(text: string, index: number, code: number, kind: IndicatorKind): string | undefined {
  if (code === DOT) return bracketed(text, index) ? '.' : '[.]';
  if (code === AT) return bracketed(text, index) ? '@' : '[@]';
  if (code === COLON && kind === 'ipv6') return bracketed(text, index) ? ':' : '[:]';
  return undefined;
}

/** The replacement of a non-token character: escaped, bidi neutralised, or `undefined` to copy it. */
function plainReplacement(
  text: string,
  index: number,
  code: number,
  escaper: TextEscaper,
): string | undefined {
  if (code < 128) return escaper.table[code] === 1 ? escaper.escape(text, index) : undefined;
  return isBidiControl(code) ? BIDI_REPLACEMENT : undefined;
}

/** `text[start, end)`, a token of `kind`, defanged; its other characters escaped. */
function defangedToken(
  text: string,
  start: number,
  end: number,
  kind: IndicatorKind,
  escaper: TextEscaper,
): string {
  const table = escaper.table;
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
    if (code < 128 && code !== DOT && code !== AT && code !== COLON && table[code] === 0) continue;
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

/** One of the alert's own indicator values, with where it next occurs in the text being scanned. */
interface OwnIndicator {
  value: string;
  /** Index of the next occurrence at or after the scanner, or -1 when there is none left. */
  next: number;
}

/** Worth looking for: 4 characters or more with a `.`, `:` or `@` (shorter values would hit ordinary words). */
function isLookedFor(value: string): boolean {
  return value.length >= 4 && (value.includes('.') || value.includes(':') || value.includes('@'));
}

// The values of the last `indicators` list seen worth looking for: a formatter passes the same list for every
// value of one alert, so they are sorted out once per alert, not once per value.
let lastValues: readonly string[] | undefined;
let lastLookedFor: readonly string[] = [];

/** The own indicators that occur in `text`, or undefined (the usual case, which allocates nothing). */
function ownIndicators(text: string, values: readonly string[] | undefined): OwnIndicator[] | undefined {
  if (values === undefined) return undefined;
  if (values !== lastValues) {
    lastValues = values;
    lastLookedFor = values.filter(isLookedFor);
  }
  let found: OwnIndicator[] | undefined;
  for (const value of lastLookedFor) {
    // A value longer than the text cannot occur in it (most values are short words: no search at all).
    const next = value.length > text.length ? -1 : text.indexOf(value);
    if (next < 0) continue;
    found ??= [];
    found.push({ value, next });
  }
  return found;
}

/**
 * Moves every entry that `index` has passed to its next occurrence; returns the nearest one, or `text.length`
 * (a whole number, not Infinity, so the scanner's indices stay small integers to the engine).
 */
function nextOwn(own: OwnIndicator[], text: string, index: number): number {
  let nearest = text.length;
  for (const entry of own) {
    if (entry.next >= 0 && entry.next < index) entry.next = text.indexOf(entry.value, index);
    if (entry.next >= 0 && entry.next < nearest) nearest = entry.next;
  }
  return nearest;
}

/** The longest own indicator that occurs at `index`. */
function longestAt(own: OwnIndicator[], index: number): OwnIndicator | undefined {
  let hit: OwnIndicator | undefined;
  for (const entry of own) {
    if (entry.next === index && (hit === undefined || entry.value.length > hit.value.length)) hit = entry;
  }
  return hit;
}

/** Whether a token may start at `index`: a letter or digit after a non-alphanumeric, or `::` after no hex digit. */
function tokenMayStart(text: string, index: number, code: number): boolean {
  const previous = index === 0 ? 32 : text.charCodeAt(index - 1);
  if (code === COLON)
    return text.charCodeAt(index + 1) === COLON && !isHexDigit(previous) && previous !== COLON;
  return isAlphanumeric(code) && !isAlphanumeric(previous);
}

/** The `RUN_*` bits of the run {@link wordRunEnd} looked at last (a second result, kept out of the heap). */
let runBits = 0;

/**
 * The end of the run of word characters (letters, digits, `.`, `-`, `_`, `%`, `+`) at `index`; sets
 * {@link runBits}: a `.` in it, `@` or `:` after it ({@link RUN_HAS_DOT} and friends). Without any, no indicator
 * can start in the run (every kind has one after its first word); when none matches where the run starts, the
 * rest of the run is not tried again either, which keeps a scan linear on input like `a.a.a.a…`.
 */
function wordRunEnd(text: string, index: number): number {
  let i = index;
  let bits = 0;
  // A host name cannot hold `_`, `%` or `+` (only an email's local part can): a new token may start after one.
  let hostEnd = -1;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === DOT) bits |= RUN_HAS_DOT;
    else if (code === 95 || code === 37 || code === 43) {
      if (hostEnd < 0) hostEnd = i;
    } else if (!(isAlphanumeric(code) || code === 45)) {
      if (code === AT) bits |= RUN_ENDS_AT_AT;
      else if (code === COLON) bits |= RUN_ENDS_AT_COLON;
      break;
    }
    i++;
  }
  runBits = bits;
  return hostEnd < 0 ? i : hostEnd;
}

/** Characters that may belong to a word an indicator starts with (letters, digits, `.`, `-`, `_`, `%`, `+`). */
function isWordish(code: number): boolean {
  return isAlphanumeric(code) || code === DOT || code === 45 || code === 95 || code === 37 || code === 43;
}

/**
 * Where the scan must go on from `from`: the first character that may need work (one marked in `work`, or a
 * bidi control), backed up to the start of its word (not before `from`) so a
 * token that begins there is seen whole; `text.length` when nothing after `from` needs work. Plain stretches
 * are skipped by this tight loop instead of the scanner's.
 */
function nextWork(text: string, from: number, work: Uint8Array): number {
  let i = from;
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      if (work[code] === 1) break;
    } else if (isBidiControl(code)) {
      return i;
    }
  }
  if (i === text.length) return i;
  while (i > from && isWordish(text.charCodeAt(i - 1))) i--;
  return i;
}

/**
 * `text` made safe to show, in one pass: indicators defanged (unless `defang: false`), bidi controls
 * neutralised, and the rest escaped by `options.escaper`.
 *
 * @example
 * safeText('Seen at https://bad.example/x.php, see www.evil.co or 203.0.113.7')
 * // → 'Seen at hxxps://bad[.]example/x[.]php, see www[.]evil[.]co or 203[.]0[.]113[.]7'
 */
export function safeText(text: string, options: SafeTextOptions = DEFAULTS): string {
  const prepared =
    options instanceof PreparedOptions ? options : (prepareSafeText(options) as PreparedOptions);
  const escaper = prepared.escaper;
  const table = escaper.table;
  const defang = prepared.defang;
  const whole = prepared.whole;
  const own = defang ? ownIndicators(text, prepared.indicators) : undefined;
  let ownFrom = own === undefined ? text.length : nextOwn(own, text, 0);
  const work = prepared.work;
  let i = Math.min(nextWork(text, 0, work), ownFrom);
  if (i === text.length) return text;
  // Below this index no token can start: inside a word already looked at.
  let plainUntil = 0;
  let out = '';
  let last = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (own !== undefined && i >= ownFrom) {
      const hit = longestAt(own, i);
      if (hit !== undefined) {
        out += text.slice(last, i) + prepared.shownIndicator(hit.value);
        i = last = i + hit.value.length;
        ownFrom = nextOwn(own, text, i);
        continue;
      }
      ownFrom = nextOwn(own, text, i + 1);
    }
    if (defang && i >= plainUntil && tokenMayStart(text, i, code)) {
      plainUntil = wordRunEnd(text, i);
      const match = runBits !== 0 ? matchIndicatorAt(text, i, runBits) : undefined;
      if (match !== undefined) {
        out += text.slice(last, i) + defangedToken(text, i, match.end, match.kind, escaper);
        i = last = match.end;
        continue;
      }
    }
    if (defang && code === COLON) {
      // A scheme that letters run into (`xhttps://evil`) was not a token start: defang it from its first letter.
      const start = embeddedSchemeStart(text, i, last);
      const match = start < 0 ? undefined : matchIndicatorAt(text, start, RUN_ENDS_AT_COLON);
      if (match !== undefined) {
        out += text.slice(last, start) + defangedToken(text, start, match.end, match.kind, escaper);
        i = last = plainUntil = match.end;
        continue;
      }
    }
    // The common case, a character kept as it is, costs one table lookup.
    if (code < 128 ? table[code] === 1 || (whole && (code === DOT || code === AT)) : isBidiControl(code)) {
      const replacement =
        (whole ? marker(text, i, code, 'domain') : undefined) ?? plainReplacement(text, i, code, escaper);
      if (replacement !== undefined) {
        out += text.slice(last, i) + replacement;
        last = i + 1;
      }
    }
    i++;
    if (i >= plainUntil) i = Math.min(nextWork(text, i, work), ownFrom);
  }
  return last === 0 ? text : out + text.slice(last);
}

/**
 * Free text from upstream with every indicator-shaped token and every occurrence of `indicators` defanged, and
 * bidi controls neutralised. Nothing else changes: `v1.2` and a sentence's full stop stay as they are.
 */
export function defangText(text: string, indicators?: readonly string[] | string): string {
  return safeText(text, { indicators: typeof indicators === 'string' ? [indicators] : indicators });
}

/**
 * One indicator value, defanged whole: the scheme (`hxxps://`), every `.` and `@`, IPv6 colons. Idempotent.
 *
 * @example
 * defangIndicator('http://evil.example/a.b') // → 'hxxp://evil[.]example/a[.]b'
 */
export function defangIndicator(value: string): string {
  return safeText(value, WHOLE);
}

const WHOLE = prepareSafeText({ whole: true });

/** `text` with its bidi controls neutralised (each one becomes U+FFFD), nothing else changed. */
export function neutraliseBidi(text: string): string {
  return safeText(text, NO_DEFANG);
}

const NO_DEFANG = prepareSafeText({ defang: false });
