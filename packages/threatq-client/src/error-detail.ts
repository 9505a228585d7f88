/**
 * Pulls ThreatQ's own error text out of a response body. Two documented shapes (reference 5):
 * `{"data":{"errors":{"field":["msg"]}}}` and `{"errors":["msg", ["part 1","part 2"]]}`; plus Laravel's
 * `{"message"}` and OAuth's `{"error","error_description"}`.
 */
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function flatten(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return [value.flatMap(flatten).join(' ')].filter((s) => s !== '');
  return [];
}

function fromErrors(errors: unknown): string | undefined {
  if (Array.isArray(errors)) {
    const parts = errors.flatMap(flatten);
    return parts.length > 0 ? parts.join('; ') : undefined;
  }
  if (isRecord(errors)) {
    const parts = Object.entries(errors).map(
      ([field, messages]) => `${field}: ${flatten(messages).join(' ') || String(messages)}`,
    );
    return parts.length > 0 ? parts.join('; ') : undefined;
  }
  return typeof errors === 'string' && errors !== '' ? errors : undefined;
}

/** The `errors` ThreatQ reported in a body (at the top or under `data`), or undefined when there are none. */
export function reportedErrors(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  return fromErrors(body.errors) ?? (isRecord(body.data) ? fromErrors(body.data.errors) : undefined);
}

/** Human-readable error text from any error body ThreatQ sends; undefined when there is none. */
export function errorDetail(body: unknown): string | undefined {
  if (typeof body === 'string') {
    const text = body.trim();
    return text === '' ? undefined : text.slice(0, 300);
  }
  const reported = reportedErrors(body);
  if (reported !== undefined) return reported;
  if (!isRecord(body)) return undefined;
  if (typeof body.error === 'string') {
    return typeof body.error_description === 'string'
      ? `${body.error}: ${body.error_description}`
      : body.error;
  }
  return typeof body.message === 'string' && body.message !== '' ? body.message : undefined;
}
