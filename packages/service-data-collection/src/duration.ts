/** Durations as people write them in config (`30s`, `5m`, `7d`) or as milliseconds, and back to text for notes. */

const UNITS: ReadonlyArray<readonly [string, number]> = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
  ['ms', 1],
];
const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/;

/** Milliseconds in `text` (`500ms`, `30s`, `5m`, `1h`, `7d`), or undefined when it is not a duration. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (match === null) return undefined;
  const unit = UNITS.find(([name]) => name === match[2]);
  return unit === undefined ? undefined : Math.round(Number(match[1]) * unit[1]);
}

/** The shortest exact text for `ms`: 604800000 → `7d`, 90000 → `90s`. */
export function formatDuration(ms: number): string {
  for (const [name, size] of UNITS) if (ms >= size && ms % size === 0) return `${ms / size}${name}`;
  return `${ms}ms`;
}
