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
import { isAlphanumeric, isBidiControl, isHexDigit, isLabelChar, isWordish } from './char-classes.js';
import { defangedToken, marker, plainReplacement } from './defanged-token.js';
import {
  embeddedSchemeStart,
  matchIndicatorAt,
  RUN_ENDS_AT_AT,
  RUN_ENDS_AT_COLON,
  RUN_HAS_DOT,
} from './indicator-match.js';
import { longestAt, nextOwn, ownIndicators } from './own-indicators.js';
import {
  DEFAULT_OPTIONS,
  PreparedOptions,
  prepareSafeText,
  type SafeTextOptions,
  SHOWN_SLOTS,
  WORK_BIDI,
  wholeWith,
} from './safe-text-options.js';
import { NO_ESCAPING } from './text-escaper.js';

export { BIDI_REPLACEMENT } from './defanged-token.js';
export { prepareSafeText, type SafeTextOptions } from './safe-text-options.js';

const DOT = 46;
const AT = 64;
const COLON = 58;

/**
 * `value`, one of the alert's own indicators, defanged whole and escaped. Remembered per escaper (on its
 * whole-value options), not per prepared options: a formatter prepares several options for one alert (mrkdwn,
 * whole, plain) and each used to defang the same indicator again. A few fixed slots, not a Map: a long-lived Map
 * that is cleared and refilled with new strings for every alert made the young generation grow (peak RSS 115 →
 * 265 MB in the pipeline bench).
 */
function shownIndicator(prepared: PreparedOptions, value: string): string {
  const escaper = prepared.escaper;
  // A value with nothing the escaper would change shows the same under every escaper (a whole value's `.` and `@`
  // are defanged before any escaper is asked): made once, unescaped, for mrkdwn and plain text alike.
  const whole = wholeWith(escapes(value, escaper.table) ? escaper : NO_ESCAPING);
  whole.shown ??= { values: [], shown: [], next: 0 };
  const memo = whole.shown;
  for (let slot = 0; slot < SHOWN_SLOTS; slot++) {
    if (memo.values[slot] === value) return memo.shown[slot] as string;
  }
  const shown = safeText(value, whole);
  const slot = memo.next;
  memo.values[slot] = value;
  memo.shown[slot] = shown;
  memo.next = (slot + 1) % SHOWN_SLOTS;
  return shown;
}

/** Whether `table` (an escaper's) marks a character of `value` other than `.` and `@`. */
function escapes(value: string, table: Uint8Array): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 128 && code !== DOT && code !== AT && table[code] === 1) return true;
  }
  return false;
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
    // Letters, digits and `-` first: most of a run.
    if (!isLabelChar(code)) {
      if (code === DOT) bits |= RUN_HAS_DOT;
      else if (code === 95 || code === 37 || code === 43) {
        if (hostEnd < 0) hostEnd = i;
      } else {
        if (code === AT) bits |= RUN_ENDS_AT_AT;
        else if (code === COLON) bits |= RUN_ENDS_AT_COLON;
        break;
      }
    }
    i++;
  }
  runBits = bits;
  return hostEnd < 0 ? i : hostEnd;
}

/**
 * Where the scan must go on from `from`: the first character that may need work (one marked in `work`, or a bidi
 * control), backed up to the start of its word (not before `from`) so that a token beginning there is seen
 * whole; `text.length` when nothing after `from` needs work. Plain stretches are skipped by this tight loop
 * instead of the scanner's.
 */
function nextWork(text: string, from: number, work: Uint8Array): number {
  let i = from;
  // `work` covers every code unit, so one lookup per character (no separate test for non-ASCII).
  for (; i < text.length; i++) {
    const need = work[text.charCodeAt(i)];
    if (need === WORK_BIDI) return i;
    if (need !== 0) break;
  }
  if (i === text.length) return i;
  while (i > from && isWordish(text.charCodeAt(i - 1))) i--;
  return i;
}

/** The first index in `[from, end)` whose character is marked in `work`, or `end`. */
function workBefore(text: string, from: number, end: number, work: Uint8Array): number {
  let i = from;
  while (i < end && work[text.charCodeAt(i)] === 0) i++;
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
export function safeText(text: string, options: SafeTextOptions = DEFAULT_OPTIONS): string {
  const prepared =
    options instanceof PreparedOptions ? options : (prepareSafeText(options) as PreparedOptions);
  const firstWork = nextWork(text, 0, prepared.work);
  // Nothing to escape and no `.`, `@` or `:` (work whenever defanging): no token and none of the alert's own
  // indicators (each holds one of them) can be in it. Most values (a type, a tag, a status) end here, in a
  // function small enough for the engine to inline where it is called.
  return firstWork === text.length ? text : scan(text, prepared, firstWork);
}

/** {@link safeText} of `text`, which has work at `firstWork` (where {@link nextWork} stopped from 0). */
function scan(text: string, prepared: PreparedOptions, firstWork: number): string {
  const escaper = prepared.escaper;
  const table = escaper.table;
  const defang = prepared.defang;
  const whole = prepared.whole;
  const work = prepared.work;
  const own = defang ? ownIndicators(text, prepared.indicators) : undefined;
  let ownFrom = own === undefined ? text.length : nextOwn(own, text, 0);
  let i = Math.min(firstWork, ownFrom);
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
        out += text.slice(last, i) + shownIndicator(prepared, hit.value);
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
        out += text.slice(last, i) + defangedToken(text, i, match.end, match.kind, escaper, work);
        i = last = match.end;
        continue;
      }
    }
    if (defang && code === COLON) {
      // A scheme that letters run into (`xhttps://evil`) was not a token start: defang it from its first letter.
      const start = embeddedSchemeStart(text, i, last);
      const match = start < 0 ? undefined : matchIndicatorAt(text, start, RUN_ENDS_AT_COLON);
      if (match !== undefined) {
        out += text.slice(last, start) + defangedToken(text, start, match.end, match.kind, escaper, work);
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
    // Inside a word already looked at, only its characters marked in `work` can need anything (no token starts
    // there, and the word holds no `:` or bidi control): jump to the next one, or to the word's end.
    if (i < plainUntil) i = Math.min(workBefore(text, i, plainUntil, work), ownFrom);
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
