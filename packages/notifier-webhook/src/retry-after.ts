/**
 * Seconds to wait from a `Retry-After` header: a number of seconds or an HTTP date. Undefined when absent or
 * unreadable (the dispatcher then uses its own backoff).
 */
export function parseRetryAfter(header: string | null, now: Date = new Date()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}
