/**
 * The state of one poll while the pages stream by: the alerts and rejections so far, the newest match seen, the
 * keys near it, and what the catch-up horizon skipped. `judge` applies the read plan to one match.
 */
import type { AlertInput, RejectedRecord } from '@tqalert/core';
import type { ThreatQObject } from '@tqalert/threatq-client';
import { matchKey } from './high-water-mark.js';
import type { ReadPlan } from './read-plan.js';
import { RecentWindow } from './recent-window.js';

/** What one match, valid or not, means for this poll. */
export type Verdict = 'baseline' | 'old' | 'cut' | 'handled' | 'news';

/** The state of one poll while the pages stream by. */
export class PollState {
  readonly alerts: AlertInput[] = [];
  readonly rejected: RejectedRecord[] = [];
  readonly recent: RecentWindow;
  newest: { at: number; id: number } | undefined;
  read = 0;
  skipped = { count: 0, first: Number.POSITIVE_INFINITY, last: Number.NEGATIVE_INFINITY };

  constructor(
    readonly plan: ReadPlan,
    overlapMs: number,
    newest: { at: number; id: number } | undefined,
  ) {
    this.recent = new RecentWindow(overlapMs);
    this.newest = newest;
  }

  /** What match `id` updated at `at` (epoch ms) is for this poll; remembers it when it is within reach. */
  judge(id: number, at: number): Verdict {
    const { plan } = this;
    const handled = plan.handled.has(matchKey(id, at));
    // Remember every match near the mark, even one below the catch-up horizon: forgetting it made the next
    // poll count it as skipped again, a false warning on every poll.
    this.recent.add(id, at);
    if (plan.mode === 'alert' && at < plan.lower)
      return plan.cut !== undefined && at >= plan.cut.from && !handled ? 'cut' : 'old';
    if (plan.mode === 'baseline') return 'baseline';
    return handled ? 'handled' : 'news';
  }

  /** Counts a match the catch-up horizon kept out. */
  skip(at: number): void {
    this.skipped.count += 1;
    this.skipped.first = Math.min(this.skipped.first, at);
    this.skipped.last = Math.max(this.skipped.last, at);
  }

  /** Counts a readable match and moves the newest mark. */
  sawValid(object: ThreatQObject, at: number): void {
    this.read += 1;
    const { newest } = this;
    if (newest === undefined || at > newest.at || (at === newest.at && object.id > newest.id))
      this.newest = { at, id: object.id };
  }
}
