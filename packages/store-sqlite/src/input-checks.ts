import { ValidationError } from '@tqalert/core';

/** Every bad argument to a store method is a {@link ValidationError} with this code, naming the argument. */
function invalid(where: string, expected: string, got: string, cause?: unknown): ValidationError {
  return new ValidationError(
    `${where} must be ${expected}, got ${got}`,
    [{ path: where, message: `must be ${expected}` }],
    {
      code: 'STORE_INPUT_INVALID',
      cause,
    },
  );
}

function shown(value: unknown): string {
  return value instanceof Date ? String(value) : (JSON.stringify(value) ?? String(value));
}

/** JSON text of `value` for a JSON column; a value JSON cannot hold (a BigInt, a cycle) is refused by path. */
export function toJson(value: unknown, where: string): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch (error) {
    throw invalid(
      where,
      'plain JSON data (objects, arrays, strings, numbers, booleans, null)',
      (error as Error).message,
      error,
    );
  }
}

/** Epoch milliseconds of an ISO 8601 time. */
export function timeMs(value: unknown, where: string): number {
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms))
    throw invalid(where, 'an ISO 8601 time such as "2025-01-31T12:00:00.000Z"', shown(value));
  return ms;
}

/** The ISO text of a valid `Date`. */
export function isoOf(value: unknown, where: string): string {
  if (!(value instanceof Date) || Number.isNaN(value.getTime()))
    throw invalid(where, 'a valid Date', shown(value));
  return value.toISOString();
}

/** A whole number ≥ 0 (a limit, a count). */
export function count(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw invalid(where, 'a whole number of 0 or more', shown(value));
  }
  return value;
}

/** A non-empty string. */
export function text(value: unknown, where: string): string {
  if (typeof value !== 'string' || value === '') throw invalid(where, 'a non-empty string', shown(value));
  return value;
}

/** An object (not null, not an array). */
export function object<T extends object>(value: T, where: string): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid(where, 'an object', shown(value));
  return value;
}

/** One of `allowed`. */
export function oneOf<T extends string>(value: unknown, allowed: readonly T[], where: string): T {
  if (!allowed.includes(value as T))
    throw invalid(where, `one of ${allowed.map((a) => `"${a}"`).join(', ')}`, shown(value));
  return value as T;
}

/** A numeric row id, or undefined when `id` cannot be one of this store's ids (it then matches nothing). */
export function rowId(id: string): number | undefined {
  return typeof id === 'string' && /^[1-9]\d{0,15}$/.test(id) ? Number(id) : undefined;
}

/** A JSON array of the row ids among `ids`, for `id IN (SELECT value FROM json_each(?))`. */
export function rowIds(ids: readonly string[]): string {
  return JSON.stringify(ids.map(rowId).filter((id) => id !== undefined));
}
