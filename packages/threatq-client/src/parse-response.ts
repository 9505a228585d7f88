/**
 * Checks what ThreatQ sent before anything uses it. A body that is not JSON, or a record of an unexpected shape,
 * becomes a `ValidationError` that names the request and the path of the offending value.
 */
import { type ConfigIssue, ValidationError } from '@tqalert/core';
import type { z } from 'zod';

/** Parses a JSON body; a truncated or non-JSON body throws a ValidationError naming the request. */
export function parseJsonBody(text: string, request: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ValidationError(
      `ThreatQ answered ${request} with a body that is not valid JSON (${text.length} bytes; ${(error as Error).message}). ` +
        'A proxy may have cut the response short, or the URL points at something other than the ThreatQ API: check baseUrl.',
      [{ path: '(body)', message: 'not valid JSON' }],
      { code: 'THREATQ_MALFORMED_JSON', cause: error },
    );
  }
}

function pathOf(prefix: string, path: ReadonlyArray<PropertyKey>): string {
  let out = prefix;
  for (const key of path)
    out += typeof key === 'number' ? `[${key}]` : out === '' ? String(key) : `.${String(key)}`;
  return out || '(root)';
}

/** Validates `value` with `schema`; on failure throws a ValidationError listing every path and problem. */
export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
  request: string,
  prefix: string,
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues: ConfigIssue[] = result.error.issues.map((issue) => ({
    path: pathOf(prefix, issue.path),
    message: issue.message,
  }));
  const list = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  throw new ValidationError(
    `ThreatQ answered ${request} with data of an unexpected shape: ${list}. ` +
      'If your ThreatQ version sends this shape on purpose, report it with the path above.',
    issues,
    { code: 'THREATQ_UNEXPECTED_SHAPE' },
  );
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The items of a list's `data`: an array as is; `{}` (seen on last pages) as none; one object with an `id` as
 * one item; an object of objects (a PHP array with gaps in its keys) as its values.
 */
export function itemsOf(data: unknown, request: string): unknown[] {
  if (Array.isArray(data)) return data;
  if (data === undefined || data === null) return [];
  if (isRecord(data)) {
    if (Object.keys(data).length === 0) return [];
    if ('id' in data) return [data];
    const values = Object.values(data);
    if (values.every(isRecord)) return values;
  }
  throw new ValidationError(
    `ThreatQ answered ${request} with "data" that is neither a list nor an object of items (${typeof data}).`,
    [{ path: 'data', message: 'expected an array or an object' }],
    { code: 'THREATQ_UNEXPECTED_SHAPE' },
  );
}

/** The single item of a creation's `data`, which ThreatQ sends as an object or a one-item array. */
export function singleItem(data: unknown, request: string): unknown {
  const items = itemsOf(data, request);
  if (items.length === 0) {
    throw new ValidationError(
      `ThreatQ answered ${request} without the created item in "data".`,
      [{ path: 'data', message: 'empty' }],
      {
        code: 'THREATQ_UNEXPECTED_SHAPE',
      },
    );
  }
  return items[0];
}
