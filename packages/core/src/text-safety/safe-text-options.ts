/**
 * The options of the text-safety scanner, and the fixed-shape form it reads them in ({@link prepareSafeText}).
 */
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
  /** 1 at the char codes below 128 where the scan has work: the escaper's specials, and `.@:` when defanging. */
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

/** The default options, prepared. */
export const DEFAULT_OPTIONS = prepareSafeText();
