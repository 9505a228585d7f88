import { z } from 'zod';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const PATTERN = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/;

/** Parses `500ms`, `30s`, `5m`, `1h`, `7d` into milliseconds; undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  const match = PATTERN.exec(text.trim());
  if (!match) return undefined;
  return Math.round(Number(match[1]) * (UNITS[match[2] as string] ?? 0));
}

/** A zod schema for durations written as `30s`, `5m`, `1h`, `7d` (or a number of milliseconds). */
export const durationSchema = z
  .union([z.number().int().nonnegative(), z.string()])
  .transform((value, ctx) => {
    if (typeof value === 'number') return value;
    const ms = parseDuration(value);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: `"${value}" is not a duration: write e.g. 30s, 5m, 1h or 7d` });
      return z.NEVER;
    }
    return ms;
  });
