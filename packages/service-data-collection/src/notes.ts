/** The notes the service hands the worker: what a first run did, and what the catch-up horizon skipped. */
import { formatDuration } from './duration.js';

const iso = (ms: number): string => new Date(ms).toISOString();

/** Who is speaking: the service and its collection. */
export interface NoteSubject {
  service: string;
  name: string;
}

/** A first run that only recorded where the collection is. */
export function baselineNote(subject: NoteSubject, markMs: number, matches: number): string {
  return `Data collection service "${subject.service}" (${subject.name}): first run, recorded the high-water mark ${iso(markMs)} over ${matches} match(es) without alerting (firstRun: baseline); matches new or updated from now on are alerted.`;
}

/** Matches the catch-up horizon kept out, with the exact period and the command that delivers them. */
export function skippedNote(
  subject: NoteSubject,
  skipped: { count: number; first: number; last: number },
  context: { markMs: number | undefined; horizonMs: number; maxCatchUpMs: number },
): string {
  const why =
    context.markMs === undefined
      ? `first run (firstRun: alert) alerted only on matches updated since ${iso(context.horizonMs)} (maxCatchUp ${formatDuration(context.maxCatchUpMs)})`
      : `the last poll saw changes up to ${iso(context.markMs)}, more than maxCatchUp (${formatDuration(context.maxCatchUpMs)}) ago, so this poll caught up only from ${iso(context.horizonMs)}`;
  return `Data collection service "${subject.service}" (${subject.name}): ${why}; ${skipped.count} match(es) updated between ${iso(skipped.first)} and ${iso(skipped.last)} were skipped. To deliver them, run: tqalert backfill --service ${subject.service} --since ${iso(skipped.first)}`;
}

/** A stored cursor this service did not write. */
export function invalidCursorNote(subject: NoteSubject): string {
  return `Data collection service "${subject.service}" (${subject.name}): the stored cursor is not one this version wrote, so this poll starts over as a first run; to deliver what changed since the last good poll, run: tqalert backfill --service ${subject.service} --since <when it last worked>`;
}
