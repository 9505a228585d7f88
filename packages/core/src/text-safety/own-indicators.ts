/**
 * The alert's own indicator values, found wherever they occur in a value (even when they do not look like an
 * indicator, like `evil.zz`), so a title that repeats the IOC cannot undo its defanging.
 */

/** One of the alert's own indicator values, with where it next occurs in the text being scanned. */
export interface OwnIndicator {
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
export function ownIndicators(
  text: string,
  values: readonly string[] | undefined,
): OwnIndicator[] | undefined {
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
export function nextOwn(own: OwnIndicator[], text: string, index: number): number {
  let nearest = text.length;
  for (const entry of own) {
    if (entry.next >= 0 && entry.next < index) entry.next = text.indexOf(entry.value, index);
    if (entry.next >= 0 && entry.next < nearest) nearest = entry.next;
  }
  return nearest;
}

/** The longest own indicator that occurs at `index`. */
export function longestAt(own: OwnIndicator[], index: number): OwnIndicator | undefined {
  let hit: OwnIndicator | undefined;
  for (const entry of own) {
    if (entry.next === index && (hit === undefined || entry.value.length > hit.value.length)) hit = entry;
  }
  return hit;
}
