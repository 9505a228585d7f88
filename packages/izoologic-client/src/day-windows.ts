/**
 * FetchIncidents works in whole UTC days: `fromdate` is rounded up to a midnight, `todate` down, both days
 * inclusive, at most 31 days, and equal midnights are refused. A range is therefore sent as windows of whole
 * days, each from its first midnight to the last second of its last day.
 */
import { LIMITS } from './limits.js';

const DAY_MS = 86_400_000;

/** One request's worth of whole UTC days. */
export interface DayWindow {
  /** Midnight (UTC) starting the first day. */
  start: Date;
  /** The last second of the last day (23:59:59 UTC). */
  end: Date;
  /** `fromdate` as sent: Unix seconds as a string. */
  fromdate: string;
  /** `todate` as sent: Unix seconds as a string. */
  todate: string;
  /** Whole days covered (1 to 31). */
  days: number;
}

/**
 * Splits `from`..`to` into windows of at most `maxDays` whole UTC days, oldest first. Every day touched by
 * the range is covered; trim results to the exact instants yourself (as `fetchIncidents()` does).
 */
export function splitIntoDayWindows(from: Date, to: Date, maxDays: number = LIMITS.windowDays): DayWindow[] {
  if (!Number.isInteger(maxDays) || maxDays < 1 || maxDays > LIMITS.windowDays) {
    throw new RangeError(`maxDays must be a whole number from 1 to ${LIMITS.windowDays}, got ${maxDays}.`);
  }
  const firstDay = Math.floor(from.getTime() / DAY_MS);
  const lastDay = Math.floor(to.getTime() / DAY_MS);
  const windows: DayWindow[] = [];
  for (let day = firstDay; day <= lastDay; day += maxDays) {
    const endDay = Math.min(day + maxDays - 1, lastDay);
    const start = new Date(day * DAY_MS);
    const end = new Date((endDay + 1) * DAY_MS - 1_000);
    windows.push({
      start,
      end,
      fromdate: String(start.getTime() / 1000),
      todate: String(end.getTime() / 1000),
      days: endDay - day + 1,
    });
  }
  return windows;
}
