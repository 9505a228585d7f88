/**
 * Which matches one poll alerts on. Every poll reads the whole collection oldest first (the results route has no
 * "updated since" parameter); the plan says which of the matches read are news:
 *
 * - **Normal poll** (a mark from the last poll): matches with `updated_at >= mark - overlap`, except those whose
 *   `(id, updated_at)` the cursor lists as already handled. The bound is inclusive and ties are settled by key,
 *   so a match written late with the same second as the mark (even with a smaller id) is still found, and one
 *   already alerted is not alerted again. An UPDATED match has a new `updated_at`, hence a new key: it alerts.
 * - **Catch-up horizon**: when `mark - overlap` is older than `now - maxCatchUp`, the bound becomes the horizon;
 *   the matches between are counted and named in a note, with the backfill command that delivers them.
 * - **First poll**: `baseline` alerts on nothing and records the mark; `alert` alerts on matches updated within
 *   `maxCatchUp` (older ones are counted in a note, as above).
 * - **Backfill** (`since`): the cursor is ignored; every match updated at or after `since` alerts.
 */
import { type HighWaterMark, idsOf } from './high-water-mark.js';

/** What to do with the matches read. */
export interface ReadPlan {
  /** `baseline`: alert on nothing, only find the mark. */
  mode: 'baseline' | 'alert';
  /** Inclusive lower bound on `updated_at` (epoch ms) of the matches that alert. */
  lower: number;
  /** Keys of matches already handled by the last poll. */
  handled: ReadonlySet<string>;
  /** Matches updated from `from` up to (not including) `lower` were cut by the catch-up horizon. */
  cut?: { from: number };
  /** True when `object` (created at `createdAt`, epoch ms) is a new match rather than an updated one. */
  isNew(id: number, createdAt: number): boolean;
}

/** What the plan depends on. */
export interface PlanInput {
  mark: HighWaterMark | undefined;
  since: Date | undefined;
  now: Date;
  overlapMs: number;
  maxCatchUpMs: number;
  firstRun: 'baseline' | 'alert';
}

/** The plan for one poll. */
export function planRead(input: PlanInput): ReadPlan {
  const none = new Set<string>();
  if (input.since !== undefined) {
    const lower = input.since.getTime();
    return { mode: 'alert', lower, handled: none, isNew: (_id, created) => created >= lower };
  }
  const horizon = input.now.getTime() - input.maxCatchUpMs;
  if (input.mark === undefined) {
    if (input.firstRun === 'baseline')
      return { mode: 'baseline', lower: Number.POSITIVE_INFINITY, handled: none, isNew: () => false };
    return {
      mode: 'alert',
      lower: horizon,
      handled: none,
      cut: { from: Number.NEGATIVE_INFINITY },
      isNew: (_id, created) => created >= horizon,
    };
  }
  const natural = Date.parse(input.mark.updatedAt) - input.overlapMs;
  const lower = Math.max(natural, horizon);
  const handled = new Set(input.mark.recent);
  const seenIds = idsOf(handled);
  return {
    mode: 'alert',
    lower,
    handled,
    ...(natural < horizon ? { cut: { from: natural } } : {}),
    // Created within the window and never handled before: new to us, even if written late.
    isNew: (id, created) => created >= natural && !seenIds.has(id),
  };
}
