/**
 * What changed between two snapshots of one object, as the `{ field, before, after }` changes an alert carries.
 * A field the previous snapshot did not keep (it was not compared then) is a new baseline, not a change.
 */
import type { Change } from '@tqalert/core';
import type { ThreatQObject } from '@tqalert/threatq-client';
import type { WatchableField } from './config.js';
import type { WatchSnapshot } from './snapshot.js';

/** Added and removed items of a list field, for titles and summaries. */
export interface ListDelta {
  added: string[];
  removed: string[];
}

/** The items of `after` not in `before`, and of `before` not in `after`. */
export function listDelta(before: readonly string[], after: readonly string[]): ListDelta {
  return {
    added: after.filter((item) => !before.includes(item)),
    removed: before.filter((item) => !after.includes(item)),
  };
}

/** One value, a list for several, undefined for none: how an attribute's values read best. */
function attributeValue(values: string[]): string | string[] | undefined {
  if (values.length === 0) return undefined;
  return values.length === 1 ? values[0] : values;
}

function valuesByName(pairs: Array<[string, string]>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [name, value] of pairs) out.set(name, [...(out.get(name) ?? []), value]);
  return out;
}

function attributeChanges(before: Array<[string, string]>, after: Array<[string, string]>): Change[] {
  const old = valuesByName(before);
  const now = valuesByName(after);
  const names = [...new Set([...old.keys(), ...now.keys()])].sort();
  const changes: Change[] = [];
  for (const name of names) {
    const was = old.get(name) ?? [];
    const is = now.get(name) ?? [];
    if (JSON.stringify(was) === JSON.stringify(is)) continue;
    changes.push({ field: `attributes.${name}`, before: attributeValue(was), after: attributeValue(is) });
  }
  return changes;
}

function commentChanges(
  before: Array<[number, string]>,
  after: Array<[number, string]>,
  object: ThreatQObject,
): Change[] {
  const old = new Map(before);
  const now = new Map(after);
  const fullText = (id: number): string =>
    object.comments.find((comment) => comment.id === id)?.value ?? now.get(id) ?? '';
  const changes: Change[] = [];
  for (const [id, snippet] of after) {
    const was = old.get(id);
    if (was === undefined) changes.push({ field: 'comments', after: fullText(id) });
    else if (was !== snippet) changes.push({ field: 'comments', before: was, after: fullText(id) });
  }
  for (const [id, snippet] of before) if (!now.has(id)) changes.push({ field: 'comments', before: snippet });
  return changes;
}

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((item, i) => item === b[i]);

/** Every change from `before` to `after` in the compared `fields`, in the order of `fields`. */
export function diffSnapshots(
  before: WatchSnapshot,
  after: WatchSnapshot,
  object: ThreatQObject,
  fields: readonly WatchableField[],
): Change[] {
  const changes: Change[] = [];
  for (const field of fields) {
    switch (field) {
      case 'score':
      case 'status':
      case 'updatedAt': {
        const was = before[field];
        if (was !== undefined && was !== after[field])
          changes.push({ field, before: was, after: after[field] });
        break;
      }
      case 'sources':
      case 'tags': {
        const was = before[field];
        const is = after[field] ?? [];
        if (was !== undefined && !sameList(was, is)) changes.push({ field, before: was, after: is });
        break;
      }
      case 'attributes': {
        if (before.attributes !== undefined)
          changes.push(...attributeChanges(before.attributes, after.attributes ?? []));
        break;
      }
      case 'comments': {
        if (before.comments !== undefined)
          changes.push(...commentChanges(before.comments, after.comments ?? [], object));
        break;
      }
    }
  }
  return changes;
}
