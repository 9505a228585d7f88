/**
 * The keys of matches handled in this poll that fall within the overlap window below the newest `updated_at`.
 * Matches arrive oldest first, so keys that drop out of the window are pruned as the read goes on, and memory
 * stays bounded by the window, not by the collection.
 */
import { matchKey } from './high-water-mark.js';

/** Most keys the cursor keeps; past this, re-read matches are kept out by the worker's dedup (stable ids). */
export const MAX_RECENT_KEYS = 5000;

/** Handled keys within `overlapMs` below the newest `updated_at` seen. */
export class RecentWindow {
  private entries: Array<{ key: string; at: number }> = [];
  private newest = Number.NEGATIVE_INFINITY;

  constructor(private readonly overlapMs: number) {}

  /** Notes that match `id` updated at `at` (epoch ms) was handled. */
  add(id: number, at: number): void {
    this.newest = Math.max(this.newest, at);
    this.entries.push({ key: matchKey(id, at), at });
    if (this.entries.length > 2 * MAX_RECENT_KEYS) this.prune();
  }

  /** The keys within the window below `newest` (epoch ms), newest last, at most {@link MAX_RECENT_KEYS}. */
  keys(newest: number): string[] {
    this.newest = Math.max(this.newest, newest);
    this.prune();
    return this.entries
      .sort((a, b) => a.at - b.at)
      .slice(-MAX_RECENT_KEYS)
      .map((entry) => entry.key);
  }

  private prune(): void {
    const floor = this.newest - this.overlapMs;
    this.entries = [...new Map(this.entries.filter((e) => e.at >= floor).map((e) => [e.key, e])).values()];
    if (this.entries.length > MAX_RECENT_KEYS)
      this.entries = this.entries.sort((a, b) => a.at - b.at).slice(-MAX_RECENT_KEYS);
  }
}
