/**
 * Words for changes: a title that names the most important change (`Score of bad.example rose from 5 to 8`) and
 * a summary with one sentence per change, so a reader knows what happened without opening ThreatQ.
 */
import type { Change } from '@tqalert/core';
import { listDelta } from './diff-snapshots.js';
import { commentSnippet } from './snapshot.js';

const shown = (value: unknown): string => {
  if (value === undefined || value === null || value === '') return 'none';
  return Array.isArray(value) ? value.map(shown).join(', ') : String(value);
};

/** A comment in quotes; titles get its start only (the summary has it in full). */
const quote = (text: unknown, short: boolean): string =>
  `“${short ? commentSnippet(shown(text)) : shown(text)}”`;

function scoreWords(value: string, change: Change): string {
  const { before, after } = change;
  if (typeof before === 'number' && typeof after === 'number')
    return `Score of ${value} ${after > before ? 'rose' : 'fell'} from ${before} to ${after}`;
  if (after === null || after === undefined) return `Score of ${value} was cleared (was ${shown(before)})`;
  return `Score of ${value} set to ${shown(after)}`;
}

function listWords(value: string, change: Change, noun: string): string {
  const { added, removed } = listDelta(
    (change.before as string[] | undefined) ?? [],
    (change.after as string[] | undefined) ?? [],
  );
  const parts: string[] = [];
  if (added.length > 0) parts.push(`${noun} ${added.join(', ')} added to ${value}`);
  if (removed.length > 0) parts.push(`${noun} ${removed.join(', ')} removed from ${value}`);
  return parts.join('; ');
}

/** One sentence (without the full stop) for one change to the object shown as `value`. */
export function describeChange(value: string, change: Change, short = false): string {
  const field = change.field;
  if (field === 'score') return scoreWords(value, change);
  if (field === 'status')
    return `Status of ${value} changed from ${shown(change.before)} to ${shown(change.after)}`;
  if (field === 'sources') return listWords(value, change, 'Source');
  if (field === 'tags') return listWords(value, change, 'Tag');
  if (field === 'updatedAt') return `${value} was updated at ${shown(change.after)}`;
  if (field === 'comments') {
    if (change.before === undefined) return `New comment on ${value}: ${quote(change.after, short)}`;
    if (change.after === undefined) return `Comment removed from ${value}: ${quote(change.before, short)}`;
    return `Comment on ${value} edited: ${quote(change.after, short)}`;
  }
  const name = field.replace(/^attributes\./, '');
  if (change.before === undefined) return `Attribute ${name} of ${value} set to ${shown(change.after)}`;
  if (change.after === undefined)
    return `Attribute ${name} removed from ${value} (was ${shown(change.before)})`;
  return `Attribute ${name} of ${value} changed from ${shown(change.before)} to ${shown(change.after)}`;
}

/** The title: the first change in words, and how many more there are. */
export function changeTitle(value: string, changes: readonly Change[]): string {
  const [first] = changes;
  if (first === undefined) return `${value} changed`;
  const more = changes.length - 1;
  const words = describeChange(value, first, true);
  return more === 0 ? words : `${words} (+${more} more)`;
}

/** The summary: every change in words. */
export function changeSummary(value: string, changes: readonly Change[]): string {
  return changes.map((change) => `${describeChange(value, change)}.`).join(' ');
}
