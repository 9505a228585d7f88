/**
 * The options of the text-safety scanner, and the fixed-shape form it reads them in ({@link prepareSafeText}).
 */
import { isBidiControl } from './char-classes.js';
import { NO_ESCAPING, type TextEscaper } from './text-escaper.js';

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

/** How many own indicators {@link ShownIndicators} remembers: more than an alert usually has. */
export const SHOWN_SLOTS = 4;

/** A small ring of own indicator values and how they are shown. */
export interface ShownIndicators {
  readonly values: (string | undefined)[];
  readonly shown: (string | undefined)[];
  next: number;
}

/**
 * Options in one fixed shape. The scanner runs for every value of every alert: options of many shapes would make
 * each property read a slow, megamorphic one. {@link prepareSafeText} makes them once, for many values.
 */
export class PreparedOptions implements SafeTextOptions {
  /** Where the scan has work, per code unit ({@link workTable}). */
  readonly work: Uint8Array;
  /**
   * Used on the whole-value options of an escaper ({@link wholeWith}): the last own indicators shown (defanged
   * whole, escaped), so the several values and options of one alert make each only once.
   */
  shown: ShownIndicators | undefined;

  constructor(
    readonly defang: boolean,
    readonly indicators: readonly string[] | undefined,
    readonly whole: boolean,
    readonly escaper: TextEscaper,
  ) {
    this.work = workTable(escaper.table, defang);
  }
}

const wholeOptions = new WeakMap<TextEscaper, PreparedOptions>();

/** Options that defang a whole value and escape it with `escaper`; one per escaper. */
export function wholeWith(escaper: TextEscaper): PreparedOptions {
  let options = wholeOptions.get(escaper);
  if (options === undefined) {
    options = new PreparedOptions(true, undefined, true, escaper);
    wholeOptions.set(escaper, options);
  }
  return options;
}

/** In a work table: the code unit is a bidi control (work, but no token can start before it). */
export const WORK_BIDI = 2;

// Per escaper table: [without defanging, with defanging]. 64 KiB each, and there are a few escapers.
const workTables = new WeakMap<Uint8Array, [Uint8Array, Uint8Array]>();

/**
 * 1 at every code unit where the scan has work: the escaper's specials, and `.`, `@` and `:` when defanging;
 * {@link WORK_BIDI} at bidi controls. It covers all 64 Ki code units so that the scanner's tight loop tests each
 * character with one lookup. Made once per escaper.
 */
function workTable(table: Uint8Array, defang: boolean): Uint8Array {
  let pair = workTables.get(table);
  if (pair === undefined) {
    const plain = new Uint8Array(0x10000);
    for (let code = 0; code < 128; code++) if (table[code] === 1) plain[code] = 1;
    // Every bidi control lies in U+061C–U+2069.
    for (let code = 0x061c; code <= 0x2069; code++) if (isBidiControl(code)) plain[code] = WORK_BIDI;
    const defanging = Uint8Array.from(plain);
    defanging[DOT] = 1;
    defanging[AT] = 1;
    defanging[COLON] = 1;
    pair = [plain, defanging];
    workTables.set(table, pair);
  }
  return defang ? pair[1] : pair[0];
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

/** The default options, prepared. */
export const DEFAULT_OPTIONS = prepareSafeText();
