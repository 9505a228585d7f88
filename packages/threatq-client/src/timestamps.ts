/** ThreatQ sends `YYYY-MM-DD HH:MM:SS` (UTC), sometimes with milliseconds; the client hands out ISO 8601. */
const THREATQ_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d{1,6})?(Z|[+-]\d{2}:?\d{2})?$/;

/** ISO 8601 for a ThreatQ timestamp, or undefined when the text is not one. */
export function toIso(value: string): string | undefined {
  const match = THREATQ_TIME.exec(value.trim());
  if (match === null) return undefined;
  const millis = (match[3] ?? '.000').slice(0, 4).padEnd(4, '0');
  const date = new Date(`${match[1]}T${match[2]}${millis}${match[4] ?? 'Z'}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
