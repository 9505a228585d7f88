/**
 * What can still be learnt from a match the client could not read: its id and `updated_at`, when they are
 * there. With them, a malformed match is rejected once per version, as a valid one alerts once, instead of on
 * every poll (each poll re-reads the whole collection).
 */

/** ThreatQ's `YYYY-MM-DD HH:MM:SS[.fff]` (UTC) or ISO 8601, as epoch ms; undefined when it is neither. */
export function parseThreatQTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim().replace(' ', 'T');
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.test(text)) return undefined;
  const ms = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(text) ? text : `${text}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The id and `updated_at` (epoch ms) of a raw record, each when readable. */
export function identify(raw: unknown): { id?: number; updatedAt?: number } {
  const record = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const id = typeof record.id === 'string' && /^\d+$/.test(record.id) ? Number(record.id) : record.id;
  const updatedAt = parseThreatQTime(record.updated_at);
  return {
    ...(typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? { id } : {}),
    ...(updatedAt === undefined ? {} : { updatedAt }),
  };
}
