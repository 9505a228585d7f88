import { inspect, isDeepStrictEqual } from 'node:util';

/**
 * A conformance check found the implementation breaking its contract. The message says what was expected and
 * what happened, so a plugin author can fix it without reading the suite.
 */
export class ConformanceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConformanceError';
  }
}

function show(value: unknown): string {
  return inspect(value, { depth: 6, breakLength: Number.POSITIVE_INFINITY });
}

/** Throws a {@link ConformanceError} with `message` unless `condition` holds. */
export function ensure(condition: unknown, message: string): asserts condition {
  if (!condition) throw new ConformanceError(message);
}

/** Deep, strict equality. */
export function ensureEqual(actual: unknown, expected: unknown, what: string): void {
  if (!isDeepStrictEqual(actual, expected)) {
    throw new ConformanceError(`${what}: expected ${show(expected)}, got ${show(actual)}`);
  }
}

/**
 * Equality of what survives a JSON round trip: stores persist JSON, so `{ a: undefined }` and `{}` are the same
 * value to them.
 */
export function ensureSameJson(actual: unknown, expected: unknown, what: string): void {
  const normalise = (value: unknown) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
  ensureEqual(normalise(actual), normalise(expected), what);
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** `value` is an ISO 8601 date-time string with a zone. */
export function ensureIso(value: unknown, what: string): asserts value is string {
  ensure(
    typeof value === 'string' && ISO_8601.test(value) && !Number.isNaN(Date.parse(value)),
    `${what} must be an ISO 8601 date-time such as 2026-03-01T12:00:00.000Z, got ${show(value)}`,
  );
}

/** `value` is an ISO 8601 string for the same instant as `expected` (formats may differ: `Z`, `.000Z`). */
export function ensureSameTime(value: unknown, expected: Date, what: string): void {
  ensureIso(value, what);
  ensure(
    Date.parse(value) === expected.getTime(),
    `${what}: expected ${expected.toISOString()}, got ${value}`,
  );
}

/** Runs `action` and returns what it threw; fails when it did not throw. */
export async function ensureThrows(action: () => unknown, what: string): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  throw new ConformanceError(`${what}: expected it to throw, but it completed`);
}

/** None of `secrets` appears in `text`. */
export function ensureNoSecrets(text: string, secrets: readonly string[], where: string): void {
  for (const secret of secrets) {
    // The secret itself is never printed: only its length, which is enough to find it.
    ensure(
      !text.includes(secret),
      `${where} contains a secret (a ${secret.length}-character value from secrets)`,
    );
  }
}
