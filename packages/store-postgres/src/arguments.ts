import { ValidationError } from '@tqalert/core';

/** A bad argument to a store method: a {@link ValidationError} with code `STORE_INPUT_INVALID`, naming it. */
function refuse(where: string, expected: string, got: unknown, cause?: unknown): never {
  const shown = got instanceof Date ? String(got) : (JSON.stringify(got) ?? String(got));
  throw new ValidationError(
    `${where} must be ${expected}, got ${shown}`,
    [{ path: where, message: `must be ${expected}` }],
    {
      code: 'STORE_INPUT_INVALID',
      cause,
    },
  );
}

/** JSON text for a `json` column. A value JSON cannot hold (a BigInt, a cycle, a throwing getter) is refused. */
export function jsonText(value: unknown, where: string): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch (error) {
    return refuse(where, 'plain JSON data', (error as Error).message, error);
  }
}

/** The ISO text of a valid `Date` argument. */
export function dateArg(value: unknown, where: string): string {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  return refuse(where, 'a valid Date', value);
}

/** An ISO 8601 time string, normalised to UTC. */
export function timeArg(value: unknown, where: string): string {
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) refuse(where, 'an ISO 8601 time such as "2026-03-01T12:00:00.000Z"', value);
  return new Date(ms).toISOString();
}

/** A non-empty string. */
export function textArg(value: unknown, where: string): string {
  if (typeof value === 'string' && value !== '') return value;
  return refuse(where, 'a non-empty string', value);
}

/** A whole number of 0 or more (a limit, a duration in ms, a count). */
export function countArg(value: unknown, where: string): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  return refuse(where, 'a whole number of 0 or more', value);
}

/** The ids among `ids` that can be this store's (bigserial) ids; others match nothing. */
export function idArgs(ids: readonly string[]): string[] {
  return ids.filter((id) => typeof id === 'string' && /^[1-9]\d{0,17}$/.test(id));
}
