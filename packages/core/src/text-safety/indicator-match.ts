/**
 * Recognises indicator-shaped tokens where the scanner stands: URLs (http, https, ftp, ftps, sftp), email
 * addresses, IPv4 and IPv6 addresses, and host names with a public suffix or a `www.` first label. Each matcher
 * walks char codes forward from `start` and gives up early; none looks further than a host name can be long, so
 * scanning stays linear even on hostile input.
 */
import {
  isAlphanumeric,
  isAsciiLetter,
  isAsciiUrlEnd,
  isBidiControl,
  isDigit,
  isHexDigit,
  isLabelChar,
} from './char-classes.js';
import { isPublicSuffixAt } from './public-suffix.js';

/** What kind of indicator a token is; it decides how the token is defanged. */
export type IndicatorKind = 'url' | 'email' | 'ipv4' | 'ipv6' | 'domain';

/** A token found at the scanner's position: it ends (exclusive) at `end`. */
export interface IndicatorMatch {
  end: number;
  kind: IndicatorKind;
}

const DOT = 46;
const AT = 64;
const COLON = 58;
const HYPHEN = 45;
const MAX_HOST = 253;
const MAX_LOCAL_PART = 64;

/** Schemes defanged in URLs, and what they become (`https` → `hxxps`). */
export const DEFANGED_SCHEMES: Readonly<Record<string, string>> = {
  http: 'hxxp',
  https: 'hxxps',
  ftp: 'fxp',
  ftps: 'fxps',
  sftp: 'sfxp',
};

/** Characters that end a URL in text: white space, controls, quotes, angle brackets, `|` and backtick. */
function endsUrl(code: number): boolean {
  if (code < 128) return isAsciiUrlEnd(code);
  return (
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff ||
    isBidiControl(code)
  );
}

/**
 * Where a known scheme ends at the `:` at `colon` (`://` following) when letters run into it (`xhttps://`, which
 * a client may still link): the scheme's start, not before `from`; else -1.
 */
export function embeddedSchemeStart(text: string, colon: number, from: number): number {
  if (text.charCodeAt(colon + 1) !== 47 || text.charCodeAt(colon + 2) !== 47) return -1;
  for (const length of [5, 4, 3]) {
    const start = colon - length;
    if (start >= from && DEFANGED_SCHEMES[text.slice(start, colon).toLowerCase()] !== undefined) return start;
  }
  return -1;
}

const SCHEME_NAMES = Object.keys(DEFANGED_SCHEMES);

/** Whether the ASCII letters at `text[start…]` spell `name` (lower case) in any case. */
function spells(text: string, start: number, name: string): boolean {
  for (let k = 0; k < name.length; k++) {
    if ((text.charCodeAt(start + k) | 0x20) !== name.charCodeAt(k)) return false;
  }
  return true;
}

/**
 * The scheme (`http`, …) at `start` when `://` follows it, lower-cased; else undefined. Compares char codes with
 * the known names rather than slicing and lower-casing (two scans and two strings per URL).
 */
export function schemeAt(text: string, start: number): string | undefined {
  let i = start;
  while (i < text.length && i - start < 6 && isAsciiLetter(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== COLON || text.charCodeAt(i + 1) !== 47 || text.charCodeAt(i + 2) !== 47)
    return undefined;
  const length = i - start;
  for (const name of SCHEME_NAMES) {
    if (name.length === length && spells(text, start, name)) return name;
  }
  return undefined;
}

function matchUrl(text: string, start: number): IndicatorMatch | undefined {
  const scheme = schemeAt(text, start);
  if (scheme === undefined) return undefined;
  const bodyStart = start + scheme.length + 3;
  let end = bodyStart;
  let opened = 0;
  while (end < text.length) {
    const code = text.charCodeAt(end);
    if (endsUrl(code)) break;
    if (code === 40) opened++;
    end++;
  }
  // Sentence punctuation after a URL is not part of it; a closing parenthesis is, when the URL opened one.
  while (end > bodyStart) {
    const code = text.charCodeAt(end - 1);
    const trailing =
      code === DOT || code === 44 || code === 59 || code === COLON || code === 33 || code === 63;
    if (!trailing && !(code === 41 && opened === 0)) break;
    end--;
  }
  // `https://` with nothing after it is still a scheme a client may link with what follows: defang it too.
  return { end, kind: 'url' };
}

const isW = (text: string, index: number): boolean => (text.charCodeAt(index) | 0x20) === 119;

/**
 * The end of the host name at `start`, or -1: labels of letters, digits and `-` joined by dots, at least two,
 * ending at a public suffix, or (for a name that has a `www` label) at any alphabetic label two or more labels
 * after it. The longest such name wins, so `evil.com.txt` still yields `evil.com`.
 */
export function matchHostName(text: string, start: number, anyLetterTld = false): number {
  const limit = Math.min(text.length, start + MAX_HOST);
  let i = start;
  let labels = 0;
  let wwwAt = -1;
  let best = -1;
  for (;;) {
    const labelStart = i;
    let letters = true;
    while (i < limit) {
      const code = text.charCodeAt(i);
      if (!isLabelChar(code)) break;
      if (!isAsciiLetter(code)) letters = false;
      i++;
    }
    const length = i - labelStart;
    if (length === 0 || length > 63 || text.charCodeAt(labelStart) === HYPHEN) break;
    labels++;
    if (length === 3 && isW(text, labelStart) && isW(text, labelStart + 1) && isW(text, labelStart + 2))
      wwwAt = labels;
    // Only a label of letters (or a punycode one) can be a suffix: skip the lookup for `portal-secure`, `1`.
    const suffixShaped = letters || text.charCodeAt(labelStart + 2) === HYPHEN;
    if (
      labels >= 2 &&
      suffixShaped &&
      ((letters && length >= 2 && (anyLetterTld || (wwwAt > 0 && labels >= wwwAt + 2))) ||
        isPublicSuffixAt(text, labelStart, i))
    ) {
      best = i;
    }
    if (i + 1 < limit && text.charCodeAt(i) === DOT && isAlphanumeric(text.charCodeAt(i + 1))) {
      i++;
      continue;
    }
    break;
  }
  return best;
}

function matchEmail(text: string, start: number): IndicatorMatch | undefined {
  let i = start;
  const limit = Math.min(text.length, start + MAX_LOCAL_PART);
  while (i < limit) {
    const code = text.charCodeAt(i);
    // Letters, digits and . _ % + - : what addresses in threat data use (quoted local parts are not worth it).
    if (isAlphanumeric(code) || code === DOT || code === 95 || code === 37 || code === 43 || code === HYPHEN)
      i++;
    else break;
  }
  if (text.charCodeAt(i) !== AT || text.charCodeAt(i - 1) === DOT) return undefined;
  const end = matchHostName(text, i + 1, true);
  return end < 0 ? undefined : { end, kind: 'email' };
}

/** The end of a dotted quad at `start` (each part 0–255), or -1. */
function matchIpv4End(text: string, start: number): number {
  let i = start;
  for (let part = 0; part < 4; part++) {
    if (part > 0) {
      if (text.charCodeAt(i) !== DOT) return -1;
      i++;
    }
    const from = i;
    let value = 0;
    while (i < text.length && i - from < 3 && isDigit(text.charCodeAt(i))) {
      value = value * 10 + text.charCodeAt(i) - 48;
      i++;
    }
    if (i === from || value > 255) return -1;
  }
  const next = text.charCodeAt(i);
  // `1.2.3.4.5` and `1.2.3.45a` are version strings or names, not addresses.
  if (isAlphanumeric(next) || (next === DOT && isDigit(text.charCodeAt(i + 1)))) return -1;
  return i;
}

function matchIpv4(text: string, start: number): IndicatorMatch | undefined {
  const end = matchIpv4End(text, start);
  if (end < 0) return undefined;
  // `10.0.0.1.nip.io` is a host name that starts like an address: defang it whole.
  if (text.charCodeAt(end) === DOT && isAlphanumeric(text.charCodeAt(end + 1))) {
    const host = matchHostName(text, start);
    if (host > end) return { end: host, kind: 'domain' };
  }
  return { end, kind: 'ipv4' };
}

/**
 * An IPv6 address at `start`: groups of 1–4 hex digits separated by `:`, eight of them or fewer with one `::`,
 * the last two optionally written as IPv4. `12:30` and MAC addresses are not addresses by this rule.
 */
function matchIpv6(text: string, start: number): IndicatorMatch | undefined {
  let i = start;
  let groups = 0;
  let compressed = false;
  let endsWithGroup = false;
  if (text.charCodeAt(i) === COLON) {
    if (text.charCodeAt(i + 1) !== COLON) return undefined;
    compressed = true;
    i += 2;
  }
  while (groups < 8) {
    const from = i;
    while (i < text.length && i - from < 5 && isHexDigit(text.charCodeAt(i))) i++;
    const length = i - from;
    if (length === 0 || length > 4) {
      i = from;
      break;
    }
    if (text.charCodeAt(i) === DOT) {
      const v4 = matchIpv4End(text, from);
      if (v4 > 0 && groups <= 6) {
        groups += 2;
        i = v4;
        endsWithGroup = true;
        break;
      }
    }
    groups++;
    endsWithGroup = true;
    if (text.charCodeAt(i) !== COLON) break;
    if (text.charCodeAt(i + 1) === COLON) {
      if (compressed) break;
      compressed = true;
      i += 2;
      endsWithGroup = false;
      continue;
    }
    if (!isHexDigit(text.charCodeAt(i + 1))) break;
    i++;
    endsWithGroup = false;
  }
  if (!endsWithGroup || isAlphanumeric(text.charCodeAt(i))) return undefined;
  // `::1a.com` is a host name after colons, not an address followed by a sentence.
  if (text.charCodeAt(i) === DOT && isAlphanumeric(text.charCodeAt(i + 1))) return undefined;
  const valid = compressed ? groups <= 7 && groups >= 1 : groups === 8;
  return valid ? { end: i, kind: 'ipv6' } : undefined;
}

function matchDomain(text: string, start: number): IndicatorMatch | undefined {
  const end = matchHostName(text, start);
  return end < 0 ? undefined : { end, kind: 'domain' };
}

/** What the run of word characters at a token start holds, as bits, so matchers that cannot match are skipped. */
export const RUN_HAS_DOT = 1;
/** The run ends at `@`: an email may start here. */
export const RUN_ENDS_AT_AT = 2;
/** The run ends at `:`: a URL scheme or an IPv6 group may start here. */
export const RUN_ENDS_AT_COLON = 4;
const ALL_SHAPES = RUN_HAS_DOT | RUN_ENDS_AT_AT | RUN_ENDS_AT_COLON;

/**
 * The indicator that starts at `start`, if any. The caller calls it only where a token can start: a letter or
 * digit not preceded by one, or `::` not preceded by a hex digit. `run` (the `RUN_*` bits of the word at
 * `start`) lets it skip matchers that cannot match; by default every one is tried.
 */
export function matchIndicatorAt(text: string, start: number, run = ALL_SHAPES): IndicatorMatch | undefined {
  if (text.charCodeAt(start) === COLON) return matchIpv6(text, start);
  const colon = (run & RUN_ENDS_AT_COLON) !== 0;
  const dot = (run & RUN_HAS_DOT) !== 0;
  return (
    (colon ? matchUrl(text, start) : undefined) ??
    ((run & RUN_ENDS_AT_AT) !== 0 ? matchEmail(text, start) : undefined) ??
    (dot && isDigit(text.charCodeAt(start)) ? matchIpv4(text, start) : undefined) ??
    (colon || dot ? matchIpv6(text, start) : undefined) ??
    (dot ? matchDomain(text, start) : undefined)
  );
}
