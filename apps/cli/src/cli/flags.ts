import { parseDuration } from '@tqalert/worker/duration';
import { UsageError } from './usage-error.js';

/** A required string flag; a clear usage error names it when missing. */
export function requireFlag(values: Record<string, unknown>, name: string, what: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '')
    throw new UsageError(`--${name} is required: ${what}`);
  return value;
}

/** `--since 7d` or an ISO date → a Date in the past. */
export function parseSince(text: string, now: Date, flag = '--since'): Date {
  const ms = parseDuration(text);
  if (ms !== undefined) return new Date(now.getTime() - ms);
  const date = new Date(text);
  if (Number.isNaN(date.getTime()))
    throw new UsageError(
      `${flag} takes a duration like 7d or 12h, or a date like 2026-11-01 (got "${text}")`,
    );
  return date;
}

/** Comma-separated ids, each trimmed; empty parts are an error. */
export function parseIdList(text: string, flag: string): string[] {
  const ids = text.split(',').map((s) => s.trim());
  if (ids.some((id) => id === ''))
    throw new UsageError(`${flag} takes ids separated by commas, without empty entries (got "${text}")`);
  return ids;
}
