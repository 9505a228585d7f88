import { type ConfigIssue, formatIssuePath, Redactor } from '@tqalert/core';
import { coerceRefused } from './coerce-references.js';
import type { Interpolated } from './interpolate.js';
import { configSchema } from './schema.js';

/**
 * Validates an interpolated config. Where the schema refuses a whole-reference string that spells a number or
 * boolean, validates once more with that number or boolean. Returns the result, the value validated (for the
 * cross-checks), and the secrets: every interpolated value except those the schema took as a number or boolean.
 */
export function parseInterpolated(expanded: Interpolated) {
  let value = expanded.value;
  let result = configSchema.safeParse(value);
  const secrets = [...expanded.secrets];
  if (!result.success) {
    const retry = coerceRefused(
      value,
      result.error.issues.map((issue) => formatIssuePath(issue.path)),
      expanded.references,
    );
    if (retry.coerced.length > 0) {
      value = retry.value;
      result = configSchema.safeParse(value);
      // A port or a flag is not a secret: keep it readable in logs.
      for (const path of retry.coerced) {
        const at = secrets.indexOf(expanded.references.get(path) as string);
        if (at >= 0) secrets.splice(at, 1);
      }
    }
  }
  return { result, value, secrets };
}

/** Scrubs every interpolated value from issue messages, so a config error never prints a secret. */
export function redactIssues(issues: readonly ConfigIssue[], secrets: readonly string[]): ConfigIssue[] {
  const redactor = new Redactor().add(...secrets);
  return issues.map((issue) => ({ ...issue, message: redactor.text(issue.message) }));
}
