/**
 * Collecting problems with the caller's input before anything is sent. Each issue names the field (the name
 * in the call's input object, so the CLI can map it to its flag) and, for length limits, the limit.
 */

/** One problem with an action's input. */
export interface InputIssue {
  /** The input field, as named in the call (`subject`, `ids[1]`, `toCaseType`). */
  field: string;
  /** What is wrong and how to fix it. */
  message: string;
  /** The limit that was exceeded, for length problems. */
  limit?: number;
}

/** The outcome of checking an input: the request to send, or the issues. */
export type Checked<T> = { ok: true; value: T } | { ok: false; issues: InputIssue[] };

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value}`;
}

/** Gathers issues while an input is read, so a caller hears about every problem at once. */
export class IssueCollector {
  readonly issues: InputIssue[] = [];

  add(field: string, message: string, limit?: number): void {
    this.issues.push(limit === undefined ? { field, message } : { field, message, limit });
  }

  /** Text that may be absent; checked against `limit` when given. */
  optionalText(value: unknown, field: string, limit?: number): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      this.add(field, `${field} must be text, got ${describeType(value)}.`);
      return undefined;
    }
    if (limit !== undefined && value.length > limit) {
      this.add(
        field,
        `${field} is ${value.length} characters; iZoologic allows at most ${limit}. Shorten it by ${value.length - limit}.`,
        limit,
      );
    }
    return value;
  }

  /** Text that must be present and not blank; `purpose` says what it is for, to help whoever left it out. */
  requiredText(value: unknown, field: string, purpose: string, limit?: number): string | undefined {
    if (value === undefined || (typeof value === 'string' && value.trim() === '')) {
      this.add(field, `${field} is required: ${purpose}.`);
      return undefined;
    }
    return this.optionalText(value, field, limit);
  }

  /** The result: the value built by `build` when no issue was found. */
  finish<T>(build: () => T): Checked<T> {
    return this.issues.length === 0 ? { ok: true, value: build() } : { ok: false, issues: this.issues };
  }
}

/** The issues of a check, or none. */
export function issuesOf<T>(checked: Checked<T>): InputIssue[] {
  return checked.ok ? [] : checked.issues;
}

/** An input as a record, so a JavaScript caller's non-object input yields "required" issues, not a crash. */
export function asRecord(input: unknown): Record<string, unknown> {
  return typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
}

/** Keeps only the keys whose value is defined, so optional fields are left out of the request. */
export function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}
