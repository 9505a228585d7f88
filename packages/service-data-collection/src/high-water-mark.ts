/**
 * The cursor of the data collection service: the high-water mark (the newest `updated_at` read, with its id)
 * and the keys of the matches already handled within the overlap window below it, so a re-read of that window
 * alerts on nothing twice even without the worker's dedup (library use).
 */
import { z } from 'zod';

/** Where the last poll got to. */
export interface HighWaterMark {
  /** ISO 8601 `updated_at` of the newest match read (or of the baseline time, for an empty collection). */
  updatedAt: string;
  /** Its id; 0 when the collection was empty. */
  id: number;
  /** `<id>@<updated_at in epoch ms>` of the matches handled within the overlap window below `updatedAt`. */
  recent: string[];
}

/** What the service stores as its cursor. */
export interface DataCollectionCursor extends HighWaterMark {
  version: 1;
  /**
   * A ThreatQ `cursorMark` positioned before `updatedAt - overlap`: the next poll starts reading there instead of
   * at the beginning of the collection. Absent until a poll has read past such a position.
   */
  resume?: string;
}

const cursorSchema = z.object({
  version: z.literal(1),
  updatedAt: z.iso.datetime({ offset: true }),
  id: z.number().int().nonnegative(),
  recent: z.array(z.string()),
  resume: z.string().min(1).optional(),
});

/** The mark in a stored cursor: `undefined` when there is none, `'invalid'` when this service did not write it. */
export function readMark(cursor: unknown): (HighWaterMark & { resume?: string }) | undefined | 'invalid' {
  if (cursor === undefined || cursor === null) return undefined;
  const parsed = cursorSchema.safeParse(cursor);
  return parsed.success ? parsed.data : 'invalid';
}

/** The key of one version of one match: a later update of the same object has another key. */
export function matchKey(id: number, updatedAtMs: number): string {
  return `${id}@${updatedAtMs}`;
}

/** The object ids among `keys`. */
export function idsOf(keys: Iterable<string>): Set<number> {
  const ids = new Set<number>();
  for (const key of keys) ids.add(Number(key.slice(0, key.indexOf('@'))));
  return ids;
}
